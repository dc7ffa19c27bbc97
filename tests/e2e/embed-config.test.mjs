// The integrator's configuration (issue 5): data-lang, data-color, data-theme, data-manifest, data-claims, the same in
// the iframe loader and the JS API. A bad value gets a console message naming the attribute, a small visible notice and
// a fallback, and the check still works; a colour is never trusted: its contrast is computed and kept at WCAG AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAxe, screenshot, assertNoRequestsAfter, widgetFilesRequested } from './harness.mjs';
import { startOrigins, journey, FR, EN, FILES, contrastOf, brandColours, consoleNames, frameFits } from './embed-helpers.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

/** Adds <loan-insurance-check> with `attributes` to the page and returns it once its first screen shows. */
async function addWidget(page, attributes, lang = 'fr') {
  const name = `w${Math.random().toString(36).slice(2, 8)}`;
  await page.evaluate(([attrs, n]) => {
    const el = document.createElement('loan-insurance-check');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.setAttribute('data-name', n);
    document.querySelector('main').append(el);
  }, [attributes, name]);
  const widget = page.locator(`loan-insurance-check[data-name="${name}"]`);
  await widget.getByRole('button', { name: (lang === 'en' ? EN : FR)['start.begin'] }).waitFor();
  return widget;
}

const BAD = [
  { attribute: 'data-lang', value: 'klingon', notice: 'notice.bad_lang', check: async (w) => w.getByRole('heading', { name: FR['start.title'] }).waitFor() },
  { attribute: 'data-color', value: 'vert sapin', notice: 'notice.bad_color', check: async (w) => assert.equal((await brandColours(w)).brand, 'rgb(31, 78, 140)') },
  { attribute: 'data-color', value: 'rgba(0, 90, 156, 0.4)', notice: 'notice.bad_color', check: async (w) => assert.equal((await brandColours(w)).brand, 'rgb(31, 78, 140)') },
  { attribute: 'data-theme', value: 'neon', notice: 'notice.bad_theme', check: async (w) => assert.equal((await brandColours(w)).bg, 'rgb(255, 255, 255)') },
  { attribute: 'data-manifest', value: 'http://campagne.example.org/manifest.json', notice: 'notice.bad_manifest' },
  { attribute: 'data-manifest', value: '{"name": "Campagne", ', notice: 'notice.bad_manifest' },
  { attribute: 'data-manifest', value: '["not", "an", "object"]', notice: 'notice.bad_manifest' },
  { attribute: 'data-claims', value: 'profit_sharing, free_money', notice: 'notice.bad_claims', console: 'free_money' },
];

for (const bad of BAD) {
  test(`Bad ${bad.attribute}="${bad.value}": console message, visible notice, fallback`, async () => {
    const s = await o.open(o.widget, '/hosts/blank.html');
    const widget = await addWidget(s.page, { 'data-lang': 'fr', [bad.attribute]: bad.value });
    // The notice is the widget's own (the static start screen comes first): the console line is there by then.
    await widget.getByText(FR[bad.notice]).waitFor();
    const line = consoleNames(s, bad.attribute);
    if (bad.console) assert.ok(line.includes(bad.console), line);
    assert.equal(await widget.locator('.lic-notice').count(), 1);
    await bad.check?.(widget);
    // Nothing was fetched for the manifest: no request before the visitor sends.
    assert.ok(!s.requests.some((u) => u.includes('campagne.example.org')), s.requests.join('\n'));
    await s.context.close();
  });
}

test('Every value bad at once: four notices in English (en-GB is fine), and the check still works to the end', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const widget = await addWidget(s.page, {
    'data-lang': 'EN-gb', 'data-color': 'javascript:alert(1)', 'data-theme': 'sepia',
    'data-manifest': 'ftp://example.org/m.json', 'data-claims': 'nothing_real',
  }, 'en');
  for (const key of ['notice.bad_color', 'notice.bad_theme', 'notice.bad_manifest', 'notice.bad_claims']) await widget.getByText(EN[key]).waitFor();
  for (const attribute of ['data-color', 'data-theme', 'data-manifest', 'data-claims']) consoleNames(s, attribute);
  await checkAxe(s.page, 'all bad (start)');
  await screenshot(s.page, 'embed-config-all-bad');
  const loaded = await widgetFilesRequested(s);
  await journey(widget, 'en');
  await checkAxe(s.page, 'all bad (result)');
  assertNoRequestsAfter(s, loaded, 'all bad');
  await s.context.close();
});

test('Good values: no notice, no console message, and the manifest address is not fetched', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const a = await addWidget(s.page, {
    'data-lang': 'en', 'data-color': '#005a9c', 'data-theme': 'light',
    'data-manifest': 'https://campagne.example.org/manifest.json', 'data-claims': 'profit_sharing, after_payoff',
  }, 'en');
  const b = await addWidget(s.page, { 'data-lang': 'fr', 'data-theme': 'DARK', 'data-manifest': '{"name": "Campagne", "endpoint": "https://campagne.example.org/r"}' });
  assert.equal(await a.locator('.lic-notice').count() + await b.locator('.lic-notice').count(), 0);
  assert.equal((await brandColours(a)).brand, 'rgb(0, 90, 156)');
  assert.equal((await brandColours(b)).bg, 'rgb(22, 26, 31)');
  await checkAxe(s.page, 'good values');
  await s.page.waitForTimeout(200);
  assert.ok(!s.requests.some((u) => u.includes('campagne.example.org')), s.requests.join('\n'));
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('A pale brand colour is darkened on light (and kept on dark) until text reaches 4.5:1; the console says so', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const s = await o.open(o.widget, '/hosts/blank.html', { colorScheme });
    const widget = await addWidget(s.page, { 'data-color': '#ffd700' });
    const c = await brandColours(widget);
    assert.ok(contrastOf(c.brand, c.onBrand) >= 4.5, `${colorScheme}: text on brand ${JSON.stringify(c)}`);
    assert.ok(contrastOf(c.brand, c.bg) >= 4.5, `${colorScheme}: brand on background ${JSON.stringify(c)}`);
    const [r, g, b] = c.brand.match(/\d+/g).map(Number);
    assert.ok(r >= g && g > b, `still a gold: ${c.brand}`);
    if (colorScheme === 'light') {
      assert.notEqual(c.brand, 'rgb(255, 215, 0)');
      assert.match(consoleNames(s, 'data-color'), /4\.5:1/);
    } else {
      assert.equal(c.brand, 'rgb(255, 215, 0)');
    }
    await checkAxe(s.page, `gold brand, ${colorScheme}`);
    await screenshot(s.page, `embed-config-gold-${colorScheme}`);
    await s.context.close();
  }
});

test('data-theme light, dark and transparent (over a dark host) all pass axe', async () => {
  for (const [theme, hostBackground, colorScheme] of [['light', '', 'dark'], ['dark', '', 'light'], ['transparent', '#1b2a3a', 'light'], ['transparent', '#f5ecd7', 'dark']]) {
    const s = await o.open(o.widget, '/hosts/blank.html', { colorScheme });
    if (hostBackground) {
      await s.page.evaluate((bg) => {
        document.body.style.background = bg;
        document.body.style.color = bg === '#1b2a3a' ? '#fff' : '#222';
      }, hostBackground);
    }
    const widget = await addWidget(s.page, { 'data-theme': theme, 'data-color': '#c8102e' });
    const c = await brandColours(widget);
    if (theme === 'transparent') assert.equal(c.bg, 'rgba(0, 0, 0, 0)');
    else assert.equal(c.bg, theme === 'dark' ? 'rgb(22, 26, 31)' : 'rgb(255, 255, 255)');
    await checkAxe(s.page, `theme ${theme} ${hostBackground}`);
    await widget.getByRole('button', { name: FR['start.begin'] }).click();
    await checkAxe(s.page, `theme ${theme} ${hostBackground} (first question)`);
    await screenshot(s.page, `embed-config-theme-${theme}${hostBackground ? `-${hostBackground.slice(1)}` : ''}`);
    await s.context.close();
  }
});

test('JS API: mount(element, config) returns a handle, events reach the element, unmount() leaves nothing', async () => {
  const s = await o.open(o.association, '/hosts/blank.html');
  const { page } = s;
  await page.evaluate(async (url) => {
    const { mount } = await import(url);
    const place = document.querySelector('main');
    window.seen = [];
    for (const type of ['lic:ready', 'lic:step', 'lic:result']) place.addEventListener(type, (e) => window.seen.push([e.type, e.detail]));
    window.handle = mount(place, { lang: 'en', claims: ['profit_sharing', 'lender_fees'], manifest: { name: 'Campagne' }, colour: 'red' });
    await window.handle.ready;
  }, `${o.widget}/${FILES.embed.path}`);
  await page.getByRole('button', { name: EN['start.begin'] }).waitFor();
  assert.equal(await page.locator('.lic-notice').count(), 0);
  assert.match(consoleNames(s, '"colour"'), /not an option/);
  await page.getByRole('button', { name: EN['start.begin'] }).click();
  await page.getByRole('heading', { level: 2 }).filter({ hasNotText: EN['start.title'] }).waitFor();
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen.slice(0, 2), [['lic:ready', {}], ['lic:step', { step: 'start' }]]);
  // Coarse by default (issue 14): which question, never; data-events="detailed" names it (tests/e2e/hostguard.test.mjs).
  assert.equal(seen[2][1].step, 'question');
  await page.evaluate(() => window.handle.unmount());
  assert.equal(await page.locator('main > *').count(), 1, 'only the page heading is left');
  assert.equal(await page.getByRole('button').count(), 0);
  await s.context.close();
});

test('A widget moved elsewhere in the page keeps its place in the questionnaire; a changed language follows live, keeping it', async () => {
  const s = await o.open(o.widget, '/hosts/blank.html');
  const widget = await addWidget(s.page, { 'data-lang': 'fr' });
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  const question = widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] });
  await question.waitFor();
  const title = await question.textContent();
  await s.page.evaluate(() => {
    const aside = document.createElement('aside');
    aside.setAttribute('aria-label', 'ailleurs');
    document.body.append(aside);
    aside.append(document.querySelector('loan-insurance-check'));
  });
  assert.equal(await s.page.locator('aside loan-insurance-check').getByRole('heading', { level: 2 }).textContent(), title);
  await s.page.evaluate(() => document.querySelector('loan-insurance-check').setAttribute('data-lang', 'en'));
  // The same question, now in English (issue 13: an attribute change keeps the answers and the place).
  const key = Object.keys(FR).find((k) => /^q\.[a-z_]+\.label$/.test(k) && FR[k] === title.trim());
  assert.ok(key, title);
  await s.page.locator('aside loan-insurance-check').getByRole('heading', { level: 2, name: EN[key] }).waitFor();
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('Iframe: the loader passes the same configuration; bad values get their notice inside the frame', async () => {
  const s = await o.open(o.association, '/hosts/blank.html');
  const { page } = s;
  await page.evaluate(([src, integrity]) => {
    const script = document.createElement('script');
    script.src = src;
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    for (const [k, v] of Object.entries({ 'data-lang': 'en', 'data-color': 'bleu', 'data-claims': 'after_payoff,unknown_claim', 'data-colour': 'red' })) script.setAttribute(k, v);
    document.querySelector('main').append(script);
  }, [`${o.widget}/${FILES.loader.path}`, FILES.loader.integrity]);
  const body = page.frameLocator('iframe').locator('body');
  await body.getByRole('button', { name: EN['start.begin'] }).waitFor();
  await body.getByText(EN['notice.bad_color']).waitFor();
  await body.getByText(EN['notice.bad_claims']).waitFor();
  consoleNames(s, 'data-color=');
  consoleNames(s, 'unknown_claim');
  assert.match(consoleNames(s, 'data-colour'), /did you mean data-color/);
  await frameFits(page, o.widget);
  await checkAxe(page, 'iframe with notices');
  await screenshot(page, 'embed-config-iframe-notices');
  await s.context.close();
});

test('A page whose policy forbids WebAssembly shows a short message instead of a blank space, and says why on the console', async () => {
  const s = await o.open(o.widget, '/hosts/no-wasm.html');
  const widget = s.page.locator('loan-insurance-check');
  await widget.getByRole('alert').filter({ hasText: FR['embed.unavailable'] }).waitFor();
  assert.match(consoleNames(s, 'wasm-unsafe-eval'), /could not start/);
  await checkAxe(s.page, 'no WebAssembly');
  await s.context.close();
});
