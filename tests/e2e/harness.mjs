// End-to-end harness: the built site served on loopback, system Chromium driven by playwright-core,
// every request and console message recorded, axe for accessibility. Tests act as a person would:
// by role and label, never by test id.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
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
 * `options` go to newContext (viewport, colorScheme, reducedMotion...). A null `path`: the page is not loaded yet.
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
  if (path !== null) await page.goto(env.base + path);
  return { context, page, requests, problems };
}

/**
 * The widget's own files (target/site/www/files.json), each requested once per page whatever the visitor does
 * (www/embed.js licLoad): the first wasm file and the words of the widget's language when the module runs, the
 * second wasm file and the other language's words as soon as the first wasm file is in.
 */
export const OWN_FILES = ['wasm', 'wasmLate', 'messagesFr', 'messagesEn'];

/**
 * Waits until every one of the widget's own files has been requested (by URL, from whatever origin serves the
 * widget), and returns the number of requests made so far: the count that assertNoRequestsAfter starts from. Call it
 * before the visitor does anything, so that the count cannot include a request that depends on them.
 */
export async function widgetFilesRequested(session, timeout = 10_000) {
  const files = JSON.parse(readFileSync(join(SITE, 'www', 'files.json'), 'utf8')).files;
  const paths = OWN_FILES.map((k) => `/${files[k].path}`);
  // Requests are recorded as URLs (open) or as { method, url, body } (send-helpers.mjs openHost).
  const path = (r) => new URL(r.url ?? r).pathname;
  const missing = () => paths.filter((p) => !session.requests.some((r) => path(r) === p));
  const from = session.requests.length;
  for (const until = Date.now() + timeout; missing().length;) {
    if (Date.now() > until) assert.fail(`the widget's own files were not all requested: ${missing().join(', ')} missing from\n${session.requests.map((r) => r.url ?? r).join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  // While waiting, nothing but those files: the count never hides another request.
  const others = session.requests.slice(from).filter((r) => !paths.includes(path(r)));
  assert.deepEqual(others, [], 'requests while the widget\'s own files were still coming');
  return session.requests.length;
}

/**
 * Waits until the widget shows its first screen and every one of its own files has been requested, and returns the
 * number of requests made so far.
 */
export async function widgetReady(session, startButton = /Commencer la vérification|Start the check/) {
  await session.page.getByRole('button', { name: startButton }).first().waitFor();
  const count = await widgetFilesRequested(session);
  // The widget itself running: every static start screen replaced by the widget's own (www/embed.js licTakeOver),
  // so that what the test does next is not a click held for later (embed-loading.test.mjs tests those).
  await session.page.waitForFunction(() => [...document.querySelectorAll('*')]
    .every((e) => !e.shadowRoot || e.shadowRoot.querySelectorAll('.lic-root').length <= 1));
  return count;
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe's results (WCAG 2.2 A/AA rules and best practices) for the page as it is now. A page of one frame (every page
 * of the widget's own tests): axe-core injected once per document and run in it, with the same rules and options as
 * @axe-core/playwright's AxeBuilder, whose analyze() injects axe again and opens and closes a page of its own on every
 * call (0.4 s against 1.2 to 2 s a check here). A page with frames: AxeBuilder, which checks inside each frame.
 */
async function axeResults(page) {
  if (page.frames().length > 1) return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (!(await page.evaluate((version) => window.axe?.version === version, axe.version))) {
    await page.evaluate(axe.source);
    await page.evaluate(() => window.axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } }));
  }
  return page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), AXE_TAGS);
}

/** Zero axe violations (WCAG 2.2 A/AA rules) on the page as it is now. */
export async function checkAxe(page, label) {
  const results = await axeResults(page);
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Asserts that no request was made after the widget's own files (the first `count` requests, widgetFilesRequested). */
export function assertNoRequestsAfter(session, count, label) {
  assert.deepEqual(session.requests.slice(count), [], `requests after the widget loaded (${label})`);
}
