// Shared by the act end-to-end tests (act-letters, act-keep): reach a law case's result screen as a person would,
// read a download, read the widget's local storage, read and render a printed PDF.
import { readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHOTS, open, widgetReady, widgetFilesRequested } from './harness.mjs';
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
 * Opens the demo page on the case's day, answers its questions in `lang` and shows the result.
 * Returns the session, the number of requests the widget's own files took, and the answers given.
 */
export async function toResult(env, scenario, lang, options = {}) {
  const msg = messages(lang);
  const s = await open(env, options.path ?? '/', { today: scenario.as_of, ...(options.context ?? {}) });
  const loaded = await widgetReady(s);
  const widget = widgetOf(s.page);
  if (lang === 'en') await widget.getByRole('button', { name: 'English' }).click();
  await widget.getByRole('button', { name: msg['start.begin'] }).click();
  const given = await fillQuestionnaire(s.page, scenario.answers, lang);
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  return { s, loaded, given, widget, msg };
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
