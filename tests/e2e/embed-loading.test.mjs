// How the widget loads (issue 12 point 8, ARCHITECTURE.md "Loading"): the preload line of the snippets is used
// (one download of each file), the start screen shows before the WebAssembly arrives and looks the same once it has,
// a click before then is honoured, and an attribute change or a move keeps the visitor's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOrigins, FR, EN, FILES, problems, brandColours } from './embed-helpers.mjs';
import { checkAxe, screenshot } from './harness.mjs';

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

/**
 * Holds every WebAssembly download of `page` until `release()` is called: the time before the wasm arrives,
 * made as long as a test needs. Returns { release }.
 */
async function holdWasm(page, files = /\.wasm$/) {
  let release;
  const gate = new Promise((done) => { release = done; });
  await page.route(files, async (route) => { await gate; await route.continue(); });
  return { release };
}

/** Adds widgets with these attributes to the page (each in a div, its own backdrop if `backdrop`). */
async function addWidgets(page, configs) {
  await page.evaluate((list) => {
    for (const [i, { backdrop, ...attributes }] of list.entries()) {
      const box = document.createElement('div');
      if (backdrop) box.style.background = backdrop;
      const el = document.createElement('loan-insurance-check');
      for (const [k, v] of Object.entries(attributes)) el.setAttribute(`data-${k}`, v);
      el.setAttribute('data-name', `w${i}`);
      box.append(el);
      document.querySelector('main').append(box);
    }
  }, configs);
}

/** What each widget shows: its DOM and its theme stylesheet, as the browser serialises them. */
const looks = (page) => page.evaluate(() => [...document.querySelectorAll('loan-insurance-check')].map((el) => ({
  dom: el.shadowRoot.querySelector('.lic-root').outerHTML,
  theme: [...el.shadowRoot.adoptedStyleSheets[1].cssRules].map((r) => r.cssText).join('\n'),
  sheets: el.shadowRoot.adoptedStyleSheets.length,
})));

test('The start screen shows before the WebAssembly arrives: only the embed module is needed, and it passes axe', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const { page } = s;
  // The WebAssembly and the words are held back: the start screen needs neither.
  const hold = await holdWasm(page, /\.(wasm|txt)$/);
  await addWidgets(page, [{ lang: 'fr', color: '#005a9c' }]);
  const widget = page.locator('loan-insurance-check');
  await widget.getByRole('heading', { level: 2, name: FR['start.title'] }).waitFor();
  await widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
  assert.equal(await page.evaluate(() => window.__licEvents.length), 0, 'the widget has not started');
  assert.ok(s.requests.includes(url(FILES.embed)) && s.requests.includes(url(FILES.wasm)), s.requests.join('\n'));
  assert.equal((await brandColours(widget)).brand, 'rgb(0, 90, 156)');
  await checkAxe(page, 'static start screen');
  await screenshot(page, 'loading-static-start');
  hold.release();
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('No flash: the static start screen has the DOM and the theme the widget draws, for every theme and many colours', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const { page } = s;
  const hold = await holdWasm(page);
  const configs = [
    { lang: 'fr' }, { lang: 'en' }, { lang: 'fr', color: '#005a9c' }, { lang: 'en', color: '#ffd700', theme: 'dark' },
    { color: '#777', theme: 'light' }, { color: '#fff' }, { color: '#000000', theme: 'dark' }, { color: '#abcdef' },
    { color: '#808080' }, { color: '#c8102e', theme: 'auto' }, { color: '#1F4E8CFF' }, { color: '#12' }, { color: '#1f4e8c80' },
    { theme: 'neon' }, { theme: 'transparent' }, { theme: 'transparent', color: '#c8102e', backdrop: '#1b1b1b' },
    { theme: 'transparent', backdrop: '#777777' }, { theme: 'transparent', color: '#00ff00', backdrop: '#f5e6c8' },
    { lang: 'EN-gb', theme: 'Dark ' },
  ];
  await addWidgets(page, configs);
  await page.locator('loan-insurance-check[data-name="w18"]').getByRole('button', { name: EN['start.begin'] }).waitFor();
  const before = await looks(page);
  hold.release();
  await page.waitForFunction((n) => window.__licEvents.filter((e) => e.type === 'lic:ready').length === n, configs.length);
  const after = await looks(page);
  // A bad value gets a notice (with its console message), which only the widget writes: it appears when the
  // widget starts, the rest of the screen stays as it was.
  const notice = (dom) => dom.replace(/<p class="lic-notice">[^<]*<\/p>/g, '');
  const bad = (config) => ['#12', '#1f4e8c80'].includes(config.color) || config.theme === 'neon';
  for (const [i, config] of configs.entries()) {
    assert.equal(before[i].theme, after[i].theme, `theme of ${JSON.stringify(config)}`);
    assert.equal(before[i].dom, bad(config) ? notice(after[i].dom) : after[i].dom, `start screen of ${JSON.stringify(config)}`);
    assert.equal(bad(config), after[i].dom.includes('lic-notice'), JSON.stringify(config));
    assert.equal(after[i].sheets, 2);
  }
  await s.context.close();
});

test('A click on "Start" before the WebAssembly is ready is held and honoured; so is the language switch', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const { page } = s;
  const hold = await holdWasm(page);
  await addWidgets(page, [{ lang: 'fr' }, { lang: 'fr' }]);
  const first = page.locator('loan-insurance-check[data-name="w0"]');
  const second = page.locator('loan-insurance-check[data-name="w1"]');
  await first.getByRole('button', { name: FR['start.begin'] }).click();
  // The focus follows the visitor's click: on the new screen's heading (the static first question), as after a
  // click on the widget itself.
  await page.waitForFunction(() => document.querySelector('[data-name="w0"]').shadowRoot.activeElement?.localName === 'h2');
  // The second visitor switches to English, then starts, all before the wasm is here.
  await second.getByRole('button', { name: EN['lang.switch_to'] }).click();
  await second.getByRole('heading', { level: 2, name: EN['start.title'] }).waitFor();
  await second.getByRole('button', { name: EN['start.begin'] }).click();
  hold.release();
  const question = first.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] });
  await question.waitFor();
  // The focus stays where the visitor last was (the second widget's heading), not taken by the first widget's
  // replayed click once the widget runs.
  await page.waitForFunction(() => document.querySelector('[data-name="w1"]').shadowRoot.activeElement?.localName === 'h2'
    && window.__licEvents.filter((e) => e.type === 'lic:ready').length === 2);
  const title = (await question.textContent()).trim();
  await second.getByRole('heading', { level: 2, name: EN[keyOf(title)] }).waitFor();
  assert.equal(await page.evaluate(() => window.__licEvents.filter((e) => e.type === 'lic:ready').length), 2);
  assert.deepEqual(problems(s), []);
  await s.context.close();
});
