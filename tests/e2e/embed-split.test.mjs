// The second wasm file (ARCHITECTURE.md "Loading", src/ui/late.rs), on the release build: requested once, as soon as
// the first has arrived (not sharing the bandwidth with it), whatever the visitor does; a late screen reached before it has arrived says so
// and becomes the screen when it arrives, without any new request; a second file that does not match its integrity
// is refused: the late screens say so visibly and the console names the cause, the questionnaire still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, widgetReady, checkAxe, screenshot, ROOT, SITE, TODAY, widgetFilesRequested } from './harness.mjs';
import { messages } from './person.mjs';

const FILES = JSON.parse(readFileSync(join(SITE, 'www', 'files.json'), 'utf8')).files;
// A resume link that opens the review at once (tests/fixtures/dossiers/fragments.tsv, example D).
const CODE = readFileSync(join(ROOT, 'tests', 'fixtures', 'dossiers', 'fragments.tsv'), 'utf8')
  .split('\n').find((l) => l.startsWith('ok\t') && l.includes('example D')).split('\t')[1];
const FR = messages('fr');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** A page whose requests to the second wasm file go to `late(route)`; requests and console recorded. */
async function openWith(path, late) {
  const context = await env.browser.newContext({ locale: 'fr-FR' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(TODAY));
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  // The order in which requests start and their responses end, from the browser's network events.
  const order = [];
  page.on('request', (r) => order.push(`start ${r.url()}`));
  page.on('requestfinished', (r) => order.push(`end ${r.url()}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.route(`**/${FILES.wasmLate.path}`, late);
  await page.goto(env.base + path);
  return { context, page, requests, order, problems, widget: page.locator('loan-insurance-check').first() };
}

test('The second wasm file is requested once, when the first has arrived and before any click; nothing after', async () => {
  const s = await openWith('/', (route) => route.continue());
  const loaded = await widgetReady(s);
  const url = (file) => `${env.base}/${file.path}`;
  const wasm = s.requests.slice(0, loaded).filter((u) => u.endsWith('.wasm'));
  assert.deepEqual(wasm, [url(FILES.wasm), url(FILES.wasmLate)], s.requests.join('\n'));
  // Not sharing the link with the first (www/embed.js licLoad): its request starts once the first file is in.
  const at = (what) => s.order.indexOf(what);
  assert.ok(at(`end ${url(FILES.wasm)}`) >= 0 && at(`end ${url(FILES.wasm)}`) < at(`start ${url(FILES.wasmLate)}`), s.order.join('\n'));
  await s.widget.getByRole('button', { name: FR['start.begin'] }).click();
  await s.widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.deepEqual(s.requests.slice(loaded), [], 'no request after the widget loaded');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('A late screen reached before the second file has arrived says so, then becomes the screen when it arrives', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  const s = await openWith(`/#lic=${CODE}`, async (route) => { await held; await route.continue(); });
  // The resume link opens the review: its file is still held.
  await s.widget.getByRole('heading', { level: 2, name: FR['late.loading'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await checkAxe(s.page, 'late screen loading');
  release();
  await s.widget.getByRole('heading', { level: 2, name: FR['review.title'] }).waitFor();
  await s.widget.getByRole('button', { name: FR['nav.see_result'] }).click();
  await s.widget.getByRole('heading', { level: 2, name: FR['result.title'] }).waitFor();
  assert.deepEqual(s.requests.slice(loaded), [], 'the held file was the last request');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('A second file that does not match its integrity is refused: the late screens say so, the console names the cause', async () => {
  const body = readFileSync(join(SITE, FILES.wasmLate.path));
  body[body.length - 1] ^= 1; // one bit changed: a valid-looking file, not the one the bundle pins
  const s = await openWith(`/#lic=${CODE}`, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body }));
  await s.widget.getByRole('heading', { level: 2, name: FR['late.failed'] }).waitFor();
  await s.widget.getByText(FR['late.failed_hint']).waitFor();
  await checkAxe(s.page, 'late screen failed');
  for (const width of [320, 1280]) {
    await s.page.setViewportSize({ width, height: 800 });
    await screenshot(s.page, `embed-split-failed-${width}`);
  }
  assert.ok(s.problems.some((p) => /second part of the widget/.test(p)), s.problems.join('\n'));
  assert.ok(s.problems.some((p) => /integrity|split_late/i.test(p)), `the cause is named: ${s.problems.join('\n')}`);
  // The first file still works: the language switch, and the message in the other language.
  await s.widget.getByRole('button', { name: 'English' }).click();
  await s.widget.getByRole('heading', { level: 2, name: messages('en')['late.failed'] }).waitFor();
  await s.context.close();
});

// The first wasm file is compiled while it downloads and its integrity checked on the same bytes with WebCrypto
// (www/embed.js licFirstWasm); without WebCrypto (a page outside a secure context) the fetch checks it. Either way a
// file that does not match is never run: the start-failure message shows, the console names the cause.
for (const webCrypto of [true, false]) {
  test(`A first wasm file that does not match its integrity is not run (${webCrypto ? 'checked with WebCrypto while it compiles' : 'no WebCrypto: checked by the fetch'})`, async () => {
    const context = await env.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.addInitScript((keep) => {
      if (!keep) Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
      window.__instantiated = 0;
      const plain = WebAssembly.instantiate;
      WebAssembly.instantiate = function (...a) { window.__instantiated += 1; return plain.apply(this, a); };
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = function (...a) { window.__instantiated += 1; return streaming.apply(this, a); };
    }, webCrypto);
    // A valid module still (one more custom section, named "x", at the end): only the hash tells it apart.
    const body = Buffer.concat([readFileSync(join(SITE, FILES.wasm.path)), Buffer.from([0, 2, 1, 0x78])]);
    assert.ok(await WebAssembly.validate(body));
    await page.route(`**/${FILES.wasm.path}`, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body }));
    await page.goto(env.base + '/');
    await page.locator('loan-insurance-check').getByRole('alert').filter({ hasText: FR['embed.unavailable'] }).waitFor();
    assert.equal(await page.evaluate(() => window.__instantiated), 0, 'the module was never instantiated');
    assert.ok(problems.some((p) => /integrity/i.test(p) && p.includes(FILES.wasm.path)), problems.join('\n'));
    await context.close();
  });
}
