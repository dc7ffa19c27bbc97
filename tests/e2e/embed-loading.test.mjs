// How the widget loads (issue 12 point 8, ARCHITECTURE.md "Loading"): the preload line of the snippets is used
// (one download of each file), the start screen shows before the WebAssembly arrives and looks the same once it has,
// a click before then is honoured, and an attribute change or a move keeps the visitor's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOrigins, FR, EN, FILES, problems, brandColours } from './embed-helpers.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

const url = (file) => `${o.widget}/${file.path}`;
const count = (s, file) => s.requests.filter((u) => u === url(file)).length;

test('The preload line of the snippet is used: each file is downloaded once, on another origin, under the CSP lines', async () => {
  // hosts/preload.html: the integration page's in-page snippet (preload, module script, element) and its CSP lines.
  const s = await o.open(o.association, '/hosts/preload.html');
  const widget = s.page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.equal(count(s, FILES.wasm), 1, s.requests.join('\n'));
  assert.equal(count(s, FILES.embed), 1, s.requests.join('\n'));
  assert.deepEqual(await s.page.evaluate(() => window.__licViolations), []);
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('The iframe page preloads the WebAssembly and uses the preload (one download)', async () => {
  const s = await o.open(o.association, '/hosts/iframe-narrow.html');
  const body = s.page.frameLocator('iframe').locator('body');
  await body.getByRole('button', { name: FR['start.begin'] }).click();
  await body.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.equal(count(s, FILES.wasm), 1, s.requests.join('\n'));
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

/** The message key whose French text is `text` (a question's heading), to find the same heading in English. */
const keyOf = (text) => Object.keys(FR).find((k) => /^q\.[a-z_]+\.label$/.test(k) && FR[k] === text.trim());

test('An attribute change keeps the answers and the place: the language, the theme and the colour change live', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const { page } = s;
  await page.evaluate(() => {
    const el = document.createElement('loan-insurance-check');
    el.setAttribute('data-lang', 'fr');
    el.setAttribute('data-color', '#005a9c');
    el.setAttribute('data-theme', 'light');
    document.querySelector('main').append(el);
  });
  const widget = page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  const question = widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] });
  const title = (await question.textContent()).trim();
  const key = keyOf(title);
  assert.ok(key, title);
  // Something typed or chosen, not yet confirmed: a draft.
  const radio = widget.getByRole('radio').first();
  const chosen = (await widget.getByRole('radio').count()) > 0;
  if (chosen) await radio.check();
  else await widget.getByRole('textbox').first().fill('1234');
  const before = await brandColours(widget);
  assert.equal(before.brand, 'rgb(0, 90, 156)');

  await page.evaluate(() => {
    const el = document.querySelector('loan-insurance-check');
    el.setAttribute('data-color', '#ffd700');
    el.setAttribute('data-theme', 'dark');
    el.setAttribute('data-lang', 'en');
  });
  await widget.getByRole('heading', { level: 2, name: EN[key] }).waitFor();
  if (chosen) assert.equal(await widget.getByRole('radio').first().isChecked(), true);
  else assert.equal(await widget.getByRole('textbox').first().inputValue(), '1234');
  const after = await brandColours(widget);
  assert.equal(after.bg, 'rgb(22, 26, 31)', JSON.stringify(after));
  assert.equal(after.brandVar, '#ffd700'); // (the button's own colour follows after its transition)
  // Not restarted: one ready event, and Back still leads to the start screen.
  const ready = await page.evaluate(() => window.__licEvents.filter((e) => e.type === 'lic:ready').length);
  assert.equal(ready, 1);
  await widget.getByRole('button', { name: EN['nav.back'] }).click();
  await widget.getByRole('heading', { level: 2, name: EN['start.title'] }).waitFor();
  assert.deepEqual(problems(s), []);
  await s.context.close();
});
