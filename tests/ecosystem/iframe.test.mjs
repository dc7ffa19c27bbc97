// An embed with no script (issue 16, part 2): the plain <iframe> snippet of the integration page's "Iframe sans
// script" tab, pasted into a page of another origin whose policy allows no script at all, shows the widget with the
// configuration of its fragment; its height holds a question screen at desktop width without inner scrolling; its
// title names the checker in its language; its link opens the check in a new tab; a journey completes with axe
// clean and no request after the widget's files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, checkAxe, screenshot, SITE } from '../e2e/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { FILES, EN, journey, brandColours } from '../e2e/embed-helpers.mjs';
import { startAssociation, pastedPage } from './helpers.mjs';

let env; let widget; let association; let W;
before(async () => {
  env = await start();
  widget = await serve(SITE, 0);
  W = `http://127.0.0.1:${widget.address().port}`;
  association = await startAssociation();
});
after(async () => {
  association?.close();
  widget?.close();
  await env?.stop();
});

/** The no-script snippet as the integration page gives it, for English and a colour. */
async function copiedSnippet() {
  const s = await open({ browser: env.browser, base: W }, '/www/integrate.html', { viewport: { width: 1280, height: 900 } });
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: W });
  const { page } = s;
  await page.getByLabel('Langue du vérificateur').selectOption('en');
  await page.getByLabel('Couleur de votre marque').fill('#005a9c');
  await page.getByRole('tab', { name: 'Iframe sans script' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Iframe sans script' });
  // The preview is that very snippet.
  await page.getByRole('region', { name: 'Aperçu' }).frameLocator('iframe').getByRole('button', { name: EN['start.begin'] }).waitFor();
  await panel.getByRole('button', { name: 'Copier le code' }).click();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copier les lignes CSP' }).click();
  const csp = await page.evaluate(() => navigator.clipboard.readText());
  await checkAxe(page, 'integration page, no-script tab');
  await s.context.close();
  return { code, csp };
}

test('The no-script iframe snippet works in a page that allows no script', async () => {
  const { code, csp } = await copiedSnippet();
  assert.doesNotMatch(code, /<script/);
  assert.equal(csp, `frame-src ${W}`);
  const src = `${W}/${FILES.frame.path}#lang=en&color=%23005a9c`;
  assert.ok(code.includes(`<iframe src="${src.replace(/&/g, "&amp;")}"`), code);
  assert.match(code, new RegExp(`title="${EN['widget.name']}" width="100%" height="(\\d+)"`));
  const height = Number(/height="(\d+)"/.exec(code)[1]);
  assert.ok(code.includes(`<a href="${src.replace(/&/g, "&amp;")}" target="_blank" rel="noopener">`), code);

  for (const width of [1280, 360]) {
    const host = await open({ browser: env.browser, base: association.origin },
      pastedPage(code, `default-src 'none'; img-src data:; frame-src ${csp.split(' ').slice(1).join(' ')}`, 'en'),
      { viewport: { width, height: 900 }, locale: 'en-GB' });
    const frame = host.page.frameLocator('iframe');
    const body = frame.locator('body');
    await body.getByRole('button', { name: EN['start.begin'] }).waitFor();
    const loaded = host.requests.length;
    assert.equal(await host.page.locator('iframe').getAttribute('title'), EN['widget.name']);
    assert.equal(Math.round(await host.page.locator('iframe').evaluate((f) => f.clientHeight)), height);
    const inner = host.page.frames().find((f) => f.url().startsWith(`${W}/www/frame`));
    await checkAxe(host.page, `no-script iframe, start (${width} px)`);
    // The brand colour of the fragment is applied.
    assert.equal((await brandColours(body)).brand, 'rgb(0, 90, 156)');
    const tallest = { screen: '', height: 0 };
    const seen = await journey(body, 'en', async (title) => {
      const h = await inner.evaluate(() => Math.ceil(document.getElementById('widget').getBoundingClientRect().height));
      if (title !== EN['result.title'] && title !== EN['review.title'] && h > tallest.height) Object.assign(tallest, { screen: title, height: h });
    });
    assert.equal(seen.at(-1), EN['result.title']);
    await checkAxe(host.page, `no-script iframe, result (${width} px)`);
    await screenshot(host.page, `ecosystem-iframe-${width}`);
    assert.deepEqual(host.requests.slice(loaded), [], 'no request after the widget loaded');
    assert.deepEqual(host.problems.filter((p) => !p.includes("'data:,'")), []);
    console.log(`# ${width} px: tallest question screen ${tallest.height} px (${tallest.screen}), frame ${height} px`);
    // Every question screen of this journey fits the frame's height, at 360 px too: no inner scrolling while answering.
    assert.ok(tallest.height <= height, `${tallest.screen} is ${tallest.height} px, the frame ${height} px`);
    await host.context.close();
  }
});

test('The link under the frame opens the check in a new tab, configured the same way', async () => {
  const { code } = await copiedSnippet();
  // Every frame the new tab paints, up to the first with the start button, read in its requestAnimationFrame, right
  // before its paint (first12). A context of its own: the harness's fixed clock (open) replaces requestAnimationFrame.
  const host = { context: await env.browser.newContext({ locale: 'fr-FR' }) };
  await host.context.addInitScript(() => {
    if (window !== window.top || !location.pathname.startsWith('/www/frame')) return;
    const frames = (window.licFrames = []);
    const tick = () => {
      const root = document.getElementById('widget')?.querySelector('div')?.shadowRoot;
      frames.push({ title: document.title, lang: document.documentElement.lang, started: !!root?.querySelector('.lic-primary') });
      if (!frames.at(-1).started) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  host.page = await host.context.newPage();
  await host.page.goto(association.origin + pastedPage(code, '', 'en'));
  const [tab] = await Promise.all([
    host.context.waitForEvent('page'),
    host.page.getByRole('link', { name: 'Open the checker in a new tab' }).click(),
  ]);
  await tab.getByRole('button', { name: EN['start.begin'] }).waitFor();
  assert.equal(new URL(tab.url()).origin, W);
  // The title and language are English from the first paint, not once the widget starts (the start button shows first).
  await tab.waitForFunction(() => window.licFrames?.at(-1)?.started, null, { polling: 50 });
  const frames = await tab.evaluate(() => window.licFrames);
  assert.deepEqual(frames.filter((f) => f.title !== EN['widget.name'] || f.lang !== 'en'), [], JSON.stringify(frames));
  assert.equal(await tab.title(), EN['widget.name']);
  await checkAxe(tab, 'the check opened in a new tab');
  await host.context.close();
});
