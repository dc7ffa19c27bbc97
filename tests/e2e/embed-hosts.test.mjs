// Host pages that try to break the widget (issue 5): a global `* { all: unset !important; font-size: 40px }`, a strict
// Content-Security-Policy, two widgets on one page of another origin, an iframe in a narrow column, a right-to-left
// host. Each completes a journey and passes axe, with no request once the widget's files are loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAxe, screenshot, assertNoRequestsAfter, widgetFilesRequested } from './harness.mjs';
import { startOrigins, journey, FR, EN, FILES, contrastOf, brandColours, widgetFrame, frameFits, problems } from './embed-helpers.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

const events = (page) => page.evaluate(() => window.__licEvents);
const messages = (page) => page.evaluate(() => window.__licMessages);

/** Events carry ids only (a step id; the frame's height and title for the loader), never answers or amounts. */
function assertNoPersonalData(list) {
  for (const e of list) {
    const detail = e.detail ?? e.data;
    const allowed = { resize: ['height'], title: ['title'], step: ['step'] }[detail?.type ?? (e.type === 'lic:step' ? 'step' : '')] ?? [];
    for (const key of Object.keys(detail ?? {})) assert.ok(['source', 'type', ...allowed].includes(key), `event field ${key}: ${JSON.stringify(e)}`);
    if (detail?.step) assert.match(detail.step, /^[a-z_:]+$/, JSON.stringify(e));
    if (detail?.title) assert.ok([FR['widget.name'], EN['widget.name']].includes(detail.title), JSON.stringify(e));
  }
}


test('In-page, a host resetting everything (* { all: unset !important; font-size: 40px }): the widget looks as designed and works', async () => {
  const s = await o.open(o.widget, '/hosts/hostile.html');
  const { page } = s;
  const widget = page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  const look = await widget.evaluate((el) => {
    const section = el.shadowRoot.querySelector('.lic');
    const button = section.querySelector('.lic-primary');
    const cs = (x) => getComputedStyle(x);
    return {
      display: cs(el).display, fontSize: cs(section).fontSize, border: cs(section).borderTopWidth,
      buttonBg: cs(button).backgroundColor, buttonColor: cs(button).color, buttonPadding: cs(button).paddingTop,
    };
  });
  assert.deepEqual(look, {
    display: 'block', fontSize: '16px', border: '1px',
    buttonBg: 'rgb(31, 78, 140)', buttonColor: 'rgb(255, 255, 255)', buttonPadding: '8px',
  });
  await checkAxe(page, 'hostile host (start)');
  await screenshot(page, 'embed-hostile-1-start');
  await journey(widget, 'fr', async (title) => {
    if (title === FR['review.title'] || title === FR['result.title']) await checkAxe(page, `hostile host (${title})`);
  });
  await screenshot(page, 'embed-hostile-2-result');
  assertNoRequestsAfter(s, loaded, 'hostile host');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test("In-page under the strict policy default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'", async () => {
  const s = await o.open(o.widget, '/hosts/strict-csp.html');
  const { page } = s;
  const widget = page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  // The brand colour is applied (a constructable stylesheet: nothing the policy blocks) and readable.
  const c = await brandColours(widget);
  assert.equal(c.brand, 'rgb(122, 31, 92)');
  assert.ok(contrastOf(c.brand, c.onBrand) >= 4.5 && contrastOf(c.brand, c.bg) >= 4.5, JSON.stringify(c));
  await checkAxe(page, 'strict CSP (start)');
  await journey(widget, 'fr');
  await checkAxe(page, 'strict CSP (result)');
  await screenshot(page, 'embed-strict-csp-result');
  assert.deepEqual(await page.evaluate(() => window.__licViolations), []);
  assertNoRequestsAfter(s, loaded, 'strict CSP');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('Two in-page widgets on a page of another origin, under the CSP lines of the integration page: one wasm, two journeys, separate events', async () => {
  const s = await o.open(o.association, '/hosts/two-widgets.html', { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  const first = page.locator('loan-insurance-check[data-name="first"]');
  const second = page.locator('loan-insurance-check[data-name="second"]');
  await first.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await second.getByRole('button', { name: EN['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  // Versioned files with integrity, from the widget's origin; each of the two WebAssembly files once for both.
  assert.deepEqual(s.requests.filter((u) => u.endsWith('.wasm')).sort(), [`${o.widget}/${FILES.wasm.path}`, `${o.widget}/${FILES.wasmLate.path}`].sort(), s.requests.join('\n'));
  // The static start screen shows first; the colours are read once each widget has taken its place.
  const settled = async (w) => {
    for (let i = 0; i < 50; i++) {
      const c = await brandColours(w);
      if (c.brand) return c;
      await page.waitForTimeout(100);
    }
    return brandColours(w);
  };
  const [c1, c2] = [await settled(first), await settled(second)];
  assert.equal(c1.brand, 'rgb(200, 16, 46)');
  assert.equal(c2.brand, 'rgb(0, 106, 78)');
  await checkAxe(page, 'two widgets (start)');
  await journey(first, 'fr');
  // The second widget did not move.
  await second.getByRole('heading', { name: EN['start.title'] }).waitFor();
  await journey(second, 'en');
  await checkAxe(page, 'two widgets (results)');
  await screenshot(page, 'embed-two-widgets');
  const list = await events(page);
  for (const name of ['first', 'second']) {
    const mine = list.filter((e) => e.from === name);
    assert.equal(mine.filter((e) => e.type === 'lic:ready').length, 1, `${name}: ${JSON.stringify(mine)}`);
    assert.equal(mine.filter((e) => e.type === 'lic:result').length, 1, `${name}: ${JSON.stringify(mine)}`);
    assert.deepEqual(mine.find((e) => e.type === 'lic:step').detail, { step: 'start' });
    assert.ok(mine.some((e) => e.type === 'lic:step' && e.detail.step === 'result'));
    assert.ok(mine.every((e) => e.tag === 'loan-insurance-check'));
  }
  assertNoPersonalData(list);
  assert.deepEqual(await page.evaluate(() => window.__licViolations), []);
  assertNoRequestsAfter(s, loaded, 'two widgets');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('In-page inside a dir="rtl" host: the widget stays left-to-right, works and passes axe', async () => {
  const s = await o.open(o.widget, '/hosts/rtl.html');
  const { page } = s;
  const widget = page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const dirs = await widget.evaluate((el) => ({
    host: getComputedStyle(el).direction,
    widget: getComputedStyle(el.shadowRoot.querySelector('.lic')).direction,
    align: getComputedStyle(el.shadowRoot.querySelector('.lic p')).textAlign,
  }));
  assert.deepEqual(dirs, { host: 'rtl', widget: 'ltr', align: 'start' });
  await checkAxe(page, 'rtl host (start)');
  await journey(widget, 'fr');
  await checkAxe(page, 'rtl host (result)');
  await screenshot(page, 'embed-rtl-result');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('Iframe in a 320 px column of another origin under a strict policy: no inner scrollbar, the height follows each screen, events by postMessage', async () => {
  const s = await o.open(o.association, '/hosts/iframe-narrow.html', { viewport: { width: 900, height: 700 } });
  const { page } = s;
  const iframe = page.locator('iframe');
  const body = page.frameLocator('iframe').locator('body');
  await body.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  // Inserted where the script stands, named, from the widget's origin, told this page's origin.
  assert.equal(await iframe.getAttribute('title'), FR['widget.name']);
  assert.equal(await page.locator('[data-name="column"] > script + iframe').count(), 1);
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.origin, o.widget);
  assert.match(src.pathname, /^\/www\/frame-[0-9a-f]{8}\.html$/);
  assert.equal(new URLSearchParams(src.hash.slice(1)).get('parent'), o.association);
  assert.equal(Math.round((await iframe.boundingBox()).width), 320);
  const heights = [await frameFits(page, o.widget)];
  await checkAxe(page, 'iframe, narrow (start)');
  await screenshot(page, 'embed-iframe-narrow-1-start');
  await journey(body, 'fr', async (title) => {
    heights.push(await frameFits(page, o.widget));
    if (title === FR['result.title']) await screenshot(page, 'embed-iframe-narrow-2-result');
  });
  await checkAxe(page, 'iframe, narrow (result)');
  assert.ok(new Set(heights).size >= 3, `the height follows the screens: ${heights}`);
  // The frame's language and title follow the widget's language switch.
  await body.getByRole('button', { name: EN['lang.switch_to'] }).click();
  await body.getByRole('heading', { name: EN['result.title'] }).waitFor();
  await page.waitForFunction((t) => document.querySelector('iframe').title === t, EN['widget.name']);
  assert.equal(await widgetFrame(page, o.widget).evaluate(() => document.documentElement.lang), 'en');
  await frameFits(page, o.widget);
  // Events: postMessage from the widget's origin only, re-dispatched on the iframe; ids only.
  const posted = await messages(page);
  assert.ok(posted.length > 0 && posted.every((m) => m.origin === o.widget), JSON.stringify(posted));
  const types = posted.map((m) => m.data.type);
  for (const t of ['ready', 'step', 'result', 'resize', 'title']) assert.ok(types.includes(t), `${t} in ${types}`);
  const dispatched = await events(page);
  assert.deepEqual(dispatched.filter((e) => e.type === 'lic:ready').map((e) => [e.tag, e.from]), [['iframe', 'column']]);
  assert.ok(dispatched.some((e) => e.type === 'lic:result'));
  assertNoPersonalData(posted);
  assertNoPersonalData(dispatched);
  assert.deepEqual(await page.evaluate(() => window.__licViolations), []);
  assertNoRequestsAfter(s, loaded, 'iframe, narrow');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('Two iframes on a hostile right-to-left page: each sizes itself, gets its own events, and ignores forged messages', async () => {
  const s = await o.open(o.association, '/hosts/iframe-two.html', { viewport: { width: 1000, height: 800 } });
  const { page } = s;
  const first = page.frameLocator('[data-name="first"] iframe').locator('body');
  const second = page.frameLocator('[data-name="second"] iframe').locator('body');
  await first.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await second.getByRole('button', { name: EN['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  assert.deepEqual(await page.locator('iframe').evaluateAll((els) => els.map((e) => e.title)), [FR['widget.name'], EN['widget.name']]);
  const start2 = await frameFits(page, o.widget, 1);
  await frameFits(page, o.widget, 0);
  // The dark theme with a gold brand stays readable in the second frame.
  const c = await brandColours(second);
  assert.ok(contrastOf(c.brand, c.bg) >= 4.5 && contrastOf(c.brand, c.onBrand) >= 4.5, JSON.stringify(c));
  assert.equal(c.bg, 'rgb(22, 26, 31)');
  await checkAxe(page, 'two iframes (start)');
  await journey(first, 'fr', async () => { await frameFits(page, o.widget, 0); });
  // The second frame did not move or resize.
  assert.equal(await frameFits(page, o.widget, 1), start2);
  await journey(second, 'en', async () => { await frameFits(page, o.widget, 1); });
  await checkAxe(page, 'two iframes (results)');
  await screenshot(page, 'embed-two-iframes');
  const list = await events(page);
  for (const name of ['first', 'second']) {
    const mine = list.filter((e) => e.from === name);
    assert.equal(mine.filter((e) => e.type === 'lic:ready').length, 1, JSON.stringify(list));
    assert.equal(mine.filter((e) => e.type === 'lic:result').length, 1, JSON.stringify(list));
  }
  // Forged size messages: from the host page itself, and from one frame about the other, change nothing.
  const sizes = () => page.locator('iframe').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
  const before = await sizes();
  await page.evaluate(() => window.postMessage({ source: 'loan-insurance-check', type: 'resize', height: 5 }, '*'));
  await widgetFrame(page, o.widget, 1).evaluate(() => parent.postMessage({ source: 'loan-insurance-check', type: 'resize', height: 7 }, '*'));
  await page.waitForTimeout(200);
  const after = await sizes();
  assert.equal(after[0], before[0], 'the first frame ignored messages that were not its own');
  assert.equal(after[1], 7, "the second frame's own message is obeyed");
  assertNoRequestsAfter(s, loaded, 'two iframes');
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('A frame told another parent origin never talks to this page', async () => {
  const s = await o.open(o.association, '/hosts/blank.html');
  const { page } = s;
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.title = 'test';
    frame.src = src;
    document.querySelector('main').append(frame);
  }, `${o.widget}/www/frame.html#lang=fr&parent=${encodeURIComponent('http://127.0.0.1:9')}`);
  await page.frameLocator('iframe').getByRole('button', { name: FR['start.begin'] }).waitFor();
  await page.frameLocator('iframe').getByRole('button', { name: FR['start.begin'] }).click();
  await page.waitForTimeout(300);
  assert.deepEqual(await messages(page), []);
  assert.deepEqual(await events(page), []);
  await s.context.close();
});
