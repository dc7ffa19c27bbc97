// The static first question (issue 12 point 9, ARCHITECTURE.md "Loading"): "start" clicked before the WebAssembly
// is ready shows the first question at once, from the embed module alone (the widget's own copy, captured at build
// time by scripts/start-screen.mjs); its fields really work (keyboard, labels, axe in both languages), and what the
// visitor answers is handed to the widget when it runs, as if given in the widget: the same question with the answer
// kept, or the next question; no answer lost, no request that depends on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOrigins, FR, EN, FILES, problems } from './embed-helpers.mjs';
import { checkAxe, screenshot, OWN_FILES } from './harness.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

/** Holds the first wasm file of `page` until `release()`: the time before the widget runs, as long as a test needs. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((done) => { release = done; });
  await page.route(/loan_insurance_check_bg-[0-9a-f]{8}\.wasm$/, async (route) => { await gate; await route.continue(); });
  return { release };
}

/** A blank host page with one widget (these attributes), the first wasm file held back. */
async function page(attributes = { lang: 'fr' }, options = {}) {
  const s = await o.open(o.widget, '/hosts/blank.html', options);
  const hold = await holdWasm(s.page);
  await s.page.evaluate((a) => {
    const el = document.createElement('loan-insurance-check');
    for (const [k, v] of Object.entries(a)) el.setAttribute(`data-${k}`, v);
    document.querySelector('main').append(el);
  }, attributes);
  const widget = s.page.locator('loan-insurance-check');
  return { ...s, hold, widget };
}

const started = (p) => p.evaluate(() => window.__licEvents.some((e) => e.type === 'lic:ready'));
const staticOnShow = (p) => p.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.querySelectorAll('.lic-root').length === 2);
const focused = (p) => p.evaluate(() => {
  const a = document.querySelector('loan-insurance-check').shadowRoot.activeElement;
  return a && (a.id || a.localName);
});
/** The widget running, its own screens only (the static copy gone). */
const widgetRunning = (p) => p.waitForFunction(() => window.__licEvents.some((e) => e.type === 'lic:ready')
  && document.querySelector('loan-insurance-check').shadowRoot.querySelectorAll('.lic-root').length === 1);

/**
 * Every request the page made is the page, the embed module or one of the widget's own files, each once: nothing
 * that depends on what the visitor did (the answer is in no address).
 */
function onlyOwnFiles(s) {
  const own = [FILES.embed, ...OWN_FILES.map((k) => FILES[k])].map((f) => `${o.widget}/${f.path}`);
  const rest = s.requests.filter((u) => !own.includes(u) && !u.startsWith(`${o.widget}/hosts/`) && u !== 'about:blank');
  assert.deepEqual(rest, [], s.requests.join('\n'));
  for (const u of own) assert.ok(s.requests.filter((r) => r === u).length <= 1, `${u} requested more than once`);
  assert.ok(!s.requests.some((u) => /real_estate|consumer|\?/.test(u)), s.requests.join('\n'));
}

test('The first question shows before the WebAssembly is ready, usable with the keyboard alone, and its answer leads the widget to the next question', async () => {
  const s = await page({ lang: 'fr', color: '#005a9c' }, { viewport: { width: 320, height: 800 } });
  const { widget } = s;
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  const question = widget.getByRole('heading', { level: 2, name: FR['q.loan_kind.label'] });
  await question.waitFor();
  assert.equal(await started(s.page), false, 'the widget is not running yet: this is the static copy');
  assert.equal(await staticOnShow(s.page), true);
  // As the widget does on a new screen: the focus on the question's heading.
  assert.equal(await focused(s.page), 'h2');
  await checkAxe(s.page, 'static first question (fr)');
  await screenshot(s.page, 'loading-static-question-320');
  // The keyboard alone: Tab to the first choice, Space chooses it, Tab to "continue", Enter.
  await s.page.keyboard.press('Tab');
  assert.equal(await focused(s.page), 'lic-loan_kind-real_estate');
  await s.page.keyboard.press('Space');
  assert.equal(await widget.getByRole('radio', { name: FR['q.loan_kind.opt.real_estate'] }).isChecked(), true);
  await s.page.keyboard.press('Tab');
  await s.page.keyboard.press('Enter');
  const url = s.page.url();
  assert.equal(await widget.getByRole('button', { name: FR['nav.continue'] }).getAttribute('aria-busy'), 'true');
  assert.equal(await started(s.page), false);
  s.hold.release();
  await widgetRunning(s.page);
  // The next question, as if the visitor had answered in the widget; the focus on its heading.
  const next = widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['q.loan_kind.label'] });
  await next.waitFor();
  assert.notEqual((await next.textContent()).trim(), FR['start.title']);
  await s.page.waitForFunction(() => document.querySelector('loan-insurance-check').shadowRoot.activeElement?.localName === 'h2');
  // The widget has the answer: back, and the choice is there.
  await widget.getByRole('button', { name: FR['nav.back'] }).click();
  await question.waitFor();
  assert.equal(await widget.getByRole('radio', { name: FR['q.loan_kind.opt.real_estate'] }).isChecked(), true);
  assert.equal(s.page.url(), url, 'the static form was never submitted by the browser');
  assert.deepEqual(await s.page.evaluate(() => window.__licEvents.filter((e) => e.type === 'lic:step').map((e) => e.detail.step)),
    ['start', 'question', 'question', 'question']);
  onlyOwnFiles(s);
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('An answer chosen but not sent is kept by the widget on the same question, the focus where it was; in English too, through the language switch', async () => {
  const s = await page({ lang: 'fr' }, { viewport: { width: 1280, height: 900 } });
  const { widget } = s;
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2, name: FR['q.loan_kind.label'] }).waitFor();
  await widget.getByRole('radio', { name: FR['q.loan_kind.opt.consumer'] }).check();
  // The language switch on the static question: the same question in English, the choice kept.
  await widget.getByRole('button', { name: EN['lang.switch_to'] }).click();
  const question = widget.getByRole('heading', { level: 2, name: EN['q.loan_kind.label'] });
  await question.waitFor();
  const consumer = widget.getByRole('radio', { name: EN['q.loan_kind.opt.consumer'] });
  assert.equal(await consumer.isChecked(), true);
  assert.equal(await started(s.page), false);
  await checkAxe(s.page, 'static first question (en)');
  await screenshot(s.page, 'loading-static-question-1280-en');
  await consumer.focus();
  s.hold.release();
  await widgetRunning(s.page);
  await question.waitFor();
  assert.equal(await consumer.isChecked(), true);
  assert.equal(await focused(s.page), 'lic-loan_kind-consumer');
  // The widget's own question now: continuing goes on, the answer given.
  await widget.getByRole('button', { name: EN['nav.continue'] }).click();
  await widget.getByRole('heading', { level: 2 }).filter({ hasNotText: EN['q.loan_kind.label'] }).waitFor();
  onlyOwnFiles(s);
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('"Continue" with no answer on the static question: the widget says so next to the field; back to the start screen keeps the choice', async () => {
  const s = await page({ lang: 'fr' });
  const { widget } = s;
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2, name: FR['q.loan_kind.label'] }).waitFor();
  // Back to the static start screen and in again: the choice made meanwhile is still there, as in the widget.
  await widget.getByRole('radio', { name: FR['q.loan_kind.opt.real_estate'] }).check();
  await widget.getByRole('button', { name: FR['nav.back'] }).click();
  await widget.getByRole('heading', { level: 2, name: FR['start.title'] }).waitFor();
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  assert.equal(await widget.getByRole('radio', { name: FR['q.loan_kind.opt.real_estate'] }).isChecked(), true);
  assert.equal(await started(s.page), false);
  s.hold.release();
  await widgetRunning(s.page);
  assert.equal(await widget.getByRole('radio', { name: FR['q.loan_kind.opt.real_estate'] }).isChecked(), true);
  await s.context.close();

  // Nothing chosen, "continue" held: the widget's own message next to the field once it runs.
  const t = await page({ lang: 'en' });
  await t.widget.getByRole('button', { name: EN['start.begin'] }).click();
  await t.widget.getByRole('button', { name: EN['nav.continue'] }).click();
  t.hold.release();
  await widgetRunning(t.page);
  await t.widget.getByRole('alert').waitFor();
  await t.widget.getByRole('heading', { level: 2, name: EN['q.loan_kind.label'] }).waitFor();
  // A choice made after that is the visitor's to send: nothing is sent by itself.
  onlyOwnFiles(t);
  await t.context.close();
});

test('No flash: the static first question has the DOM the widget draws for it, in both languages and a dark theme', async () => {
  for (const attributes of [{ lang: 'fr', color: '#c8102e' }, { lang: 'en', theme: 'dark', color: '#ffd700' }]) {
    const s = await page(attributes);
    const words = attributes.lang === 'fr' ? FR : EN;
    await s.widget.getByRole('button', { name: words['start.begin'] }).click();
    await s.widget.getByRole('heading', { level: 2, name: words['q.loan_kind.label'] }).waitFor();
    const look = () => s.page.evaluate(() => {
      const root = document.querySelector('loan-insurance-check').shadowRoot;
      return { dom: root.querySelector('.lic-root').outerHTML, theme: [...root.adoptedStyleSheets[1].cssRules].map((r) => r.cssText).join('\n') };
    });
    const before = await look();
    s.hold.release();
    await widgetRunning(s.page);
    assert.deepEqual(await look(), before, JSON.stringify(attributes));
    await s.context.close();
  }
});
