// End-to-end harness: the built site served on loopback, system Chromium driven by playwright-core,
// every request and console message recorded, axe for accessibility. Tests act as a person would:
// by role and label, never by test id.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = join(ROOT, 'target', 'site');
export const SHOTS = join(ROOT, 'target', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/** The day the tests live on, so verdicts are reproducible (SPEC.md §4 uses the same date). */
export const TODAY = '2026-11-27T10:00:00';

export async function start() {
  const server = await serve(SITE, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return { server, base, browser, async stop() { await browser.close(); server.close(); } };
}

/**
 * A fresh page (own context: no cookie, no storage from another test) with its requests and console recorded.
 * `options` go to newContext (viewport, colorScheme, reducedMotion...).
 */
export async function open(env, path = '/', { today = TODAY, ...options } = {}) {
  const context = await env.browser.newContext({ locale: 'fr-FR', ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(today.length === 10 ? `${today}T10:00:00` : today));
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(env.base + path);
  return { context, page, requests, problems };
}

/** Waits until the widget shows its first screen, and returns the number of requests made so far. */
export async function widgetReady(session, startButton = /Commencer la vérification|Start the check/) {
  await session.page.getByRole('button', { name: startButton }).first().waitFor();
  // Every file of the widget is loaded once its first screen shows; remember how many requests that took.
  return session.requests.length;
}

/** Zero axe violations (WCAG 2.2 A/AA rules) on the page as it is now. */
export async function checkAxe(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Asserts that no request was made after the widget's own files (the first `count` requests). */
export function assertNoRequestsAfter(session, count, label) {
  assert.deepEqual(session.requests.slice(count), [], `requests after the widget loaded (${label})`);
}
