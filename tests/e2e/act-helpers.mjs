// Shared by the act end-to-end tests (act-letters, act-keep): reach a law case's result screen as a person would,
// read a download, read the widget's local storage, read and render a printed PDF.
import { readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, SHOTS, open, widgetReady, widgetFilesRequested, checkAxe, screenshot, assertNoRequestsAfter } from './harness.mjs';
import { messages, fillQuestionnaire } from './person.mjs';

/** Every law case of tests/cases, by name. */
export function lawCases() {
  const all = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.json')) for (const c of JSON.parse(readFileSync(path, 'utf8')).cases ?? []) all[c.name] = c;
    }
  };
  walk(join(ROOT, 'tests', 'cases'));
  return all;
}

/** The widget of the page. */
export const widgetOf = (page) => page.locator('loan-insurance-check').first();

/**
 * Opens the demo page (`options`: { today, ...newContext options }), waits for the widget, switches it to `lang` and
 * begins the check (after `atStart(session)`, if given, on the start screen): the first question on show.
 * Returns the session, the number of requests the widget's own files took, its page, widget and messages.
 */
export async function begin(env, lang, options = {}, atStart = null) {
  const msg = messages(lang);
  const s = await open(env, '/', options);
  const loaded = await widgetReady(s);
  const widget = widgetOf(s.page);
  if (lang === 'en') await widget.getByRole('button', { name: 'English' }).click();
  if (atStart) await atStart(s);
  await widget.getByRole('button', { name: msg['start.begin'] }).click();
  return { s, loaded, page: s.page, widget, msg };
}

/**
 * Opens the demo page on the case's day, answers its questions in `lang` and shows the result.
 * Returns the session, the number of requests the widget's own files took, and the answers given.
 */
export async function toResult(env, scenario, lang, options = {}) {
  const { s, loaded, widget, msg } = await begin(env, lang, { today: scenario.as_of, ...(options.context ?? {}) });
  const given = await fillQuestionnaire(s.page, scenario.answers, lang);
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  return { s, loaded, given, widget, msg };
}

/** Resume links and answers of the cases typed by reachResult in this test file, by case name. */
const reached = new Map();

/**
 * The case's result screen in `lang`, for a test whose subject is not the typing: the first time in this test file,
 * the case's questions typed (toResult); after that, the resume link that result gave, opened in a fresh page on the
 * case's day (openLink, the same answers) and its result shown. Returns like toResult (`given`: the answers typed).
 */
export async function reachResult(env, scenario, lang, options = {}) {
  const earlier = reached.get(scenario.name);
  if (!earlier) {
    const r = await toResult(env, scenario, lang, options);
    if (!earlier) reached.set(scenario.name, { link: await resumeLink(r.widget, r.msg), given: r.given });
    return r;
  }
  const { s, loaded, widget, msg } = await openLink(env, earlier.link, lang, { today: scenario.as_of, ...(options.context ?? {}) });
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  return { s, loaded, given: earlier.given, widget, msg };
}

/** Clicks `locator` (a download link) and returns the file's name and text. */
export async function download(page, locator) {
  const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8'), url: d.url() };
}

/** The widget's keys in local storage, and whether any cookie exists. */
export async function stored(session) {
  const local = await session.page.evaluate(() => Object.keys(localStorage));
  const session_ = await session.page.evaluate(() => Object.keys(sessionStorage));
  const cookies = await session.context.cookies();
  return { local, session: session_, cookies };
}

/** The text of each page of a PDF, and PNG renderings of its pages under target/screenshots/<name>-<n>.png. */
export async function readPdf(bytes, name) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  for (const old of readdirSync(SHOTS).filter((f) => f.startsWith(`${name}-`) && /-\d+\.png$/.test(f))) rmSync(join(SHOTS, old));
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''));
    const viewport = page.getViewport({ scale: 1.25 });
    const canvas = createCanvas(viewport.width, viewport.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, viewport.width, viewport.height);
    await page.render({ canvasContext: ctx, viewport, canvas }).promise;
    writeFileSync(join(SHOTS, `${name}-${n}.png`), canvas.toBuffer('image/png'));
  }
  return pages;
}

/** Text with its runs of white space (and the PDF's line breaks) made single spaces, no-break spaces included. */
export const flat = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

export { messages };

/**
 * Opens a resume link the widget gave (`link`, the act panel's "link" field) in a fresh page on `today`, in `lang`:
 * the review of the answers it carries, at once (act-keep.test.mjs tests the link itself). For a test whose subject
 * is not the typing: the same answers as a typed journey, without typing them again. Returns like toResult, at the
 * review.
 */
export async function openLink(env, link, lang, { today, ...context } = {}) {
  const msg = messages(lang);
  const s = await open(env, `/${new URL(link).hash}`, { today, ...context });
  const widget = widgetOf(s.page);
  await widget.getByRole('heading', { level: 2, name: messages('fr')['review.title'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  if (lang === 'en') await widget.getByRole('button', { name: 'English' }).click();
  await widget.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
  return { s, loaded, widget, msg };
}

/** The resume link the result screen offers (the act panel's "link" field). */
export async function resumeLink(widget, msg) {
  const link = await widget.getByLabel(msg['act.link.label']).inputValue();
  if (!/^#lic=[A-Za-z0-9_-]+$/.test(new URL(link).hash)) throw new Error(`not a resume link: ${link}`);
  return link;
}

/** The two widths a screen is checked at: a small phone and a desktop. */
export const WIDTHS = [{ width: 320, height: 800 }, { width: 1280, height: 900 }];

/**
 * axe (zero violations) and a screenshot `target/screenshots/<name>-<width>.png` of the page as it is now, at each of
 * `widths` (by default WIDTHS; `[page.viewportSize()]` for the page's own width only). The page is left at the last.
 */
export async function shots(page, name, widths = WIDTHS) {
  for (const vp of widths) {
    const now = page.viewportSize();
    if (vp.width !== now.width || vp.height !== now.height) await page.setViewportSize(vp);
    await checkAxe(page, `${name} at ${vp.width} px`);
    await screenshot(page, `${name}-${vp.width}`);
  }
}

/**
 * One node:test test per run of `runs` ([lang, viewport] pairs) for one case: the first run of each language types
 * the answers (`type`, from the start screen in that language until the review; returns the answers given), each
 * later run of that language opens the resume link the first run's result gave (the same answers, not typed again:
 * act-keep.test.mjs tests the link itself). Then, in every run: axe on the review, `review` (if given) on it, "see
 * the result", axe on the result, `check` on the result, no request after the widget's files, no console problem.
 * `type` and `check` get { s, widget, msg, lang, tag, viewport, typed } (`typed`: whether this run typed; `check`
 * also gets `given`, the answers). `axeStart`: axe on the start screen of the typed runs too. `name` (the case's)
 * begins each run's tag, which labels its assertions.
 */
export function typedOnceThenResumed(getEnv, { title, today, runs, type, review = null, check, axeStart = false, name = '' }) {
  const typed = new Map();
  for (const [lang, viewport] of runs) {
    const tag = `${name ? `${name}-` : ''}${lang}-${viewport.width}`;
    test(title(lang, viewport), async () => {
      const env = getEnv();
      const msg = messages(lang);
      const earlier = typed.get(lang);
      let s;
      let loaded;
      let given;
      if (earlier) {
        ({ s, loaded } = await openLink(env, earlier.link, lang, { today, viewport }));
        given = earlier.given;
      } else {
        const started = await begin(env, lang, { today, viewport }, axeStart ? (t) => checkAxe(t.page, `${tag}: start`) : null);
        ({ s, loaded } = started);
        given = await type({ s, widget: started.widget, msg, lang, tag, viewport, typed: true });
      }
      const widget = widgetOf(s.page);
      const ctx = { s, widget, msg, lang, tag, viewport, given, typed: !earlier };
      await checkAxe(s.page, `${tag}: review`);
      if (review) await review(ctx);
      await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
      await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
      await checkAxe(s.page, `${tag}: result`);
      if (!earlier) typed.set(lang, { link: await resumeLink(widget, msg), given });
      await check(ctx);
      assertNoRequestsAfter(s, loaded, tag);
      assert.deepEqual(s.problems, [], `${tag}: console`);
      await s.context.close();
    });
  }
}
