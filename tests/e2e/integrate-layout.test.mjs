// The integration page's settings stay where they are while the live preview's widget loads (first12): the preview
// has its height reserved, so a volunteer's click on a setting (a claim box) lands where they aimed. At 320 and
// 1280 px, on the first load and when a setting draws the preview again; every layout shift of a settings' element
// counted (PerformanceObserver 'layout-shift', with those after an input too) and the claim box's place compared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, checkAxe, screenshot } from './harness.mjs';
import { FR, EN } from './embed-helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

// Before any script of the page: every layout shift of an element of the settings, with its value.
const WATCH = () => {
  window.licShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const moved = entry.sources.filter((s) => s.node?.closest?.('.settings') || s.node?.parentElement?.closest('.settings'));
      if (moved.length) window.licShifts.push({ value: entry.value, nodes: moved.map((s) => `${s.node.nodeName}#${s.node.id ?? ''}.${s.node.className ?? ''} ${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

for (const width of [320, 1280]) {
  test(`The settings do not move while the preview loads (${width} px)`, async () => {
    const s = await open(env, '/www/integrate.html', { viewport: { width, height: 800 } });
    const { page } = s;
    await page.addInitScript(WATCH);
    await page.reload();
    const preview = page.getByRole('region', { name: 'Aperçu' });
    const claimBox = page.getByRole('checkbox', { name: FR['claim.profit_sharing.title'] });
    await claimBox.waitFor();
    const place = () => claimBox.evaluate((e) => Math.round(e.getBoundingClientRect().top + scrollY));
    const first = await place();
    await preview.getByRole('button', { name: FR['start.begin'] }).waitFor();
    await page.getByRole('list', { name: /Évènements reçus/ }).getByText('lic:ready').waitFor();
    assert.equal(await place(), first, 'the claim box moved while the preview loaded');
    // Drawn again by a setting (the theme), the claim box in view, as a volunteer who is about to tick it sees it.
    await claimBox.scrollIntoViewIfNeeded();
    const inView = await claimBox.evaluate((e) => Math.round(e.getBoundingClientRect().top));
    await page.getByLabel(/^Langue/).selectOption('en');
    await preview.getByRole('button', { name: EN['start.begin'] }).waitFor();
    await page.getByRole('list', { name: /Évènements reçus/ }).getByText('lic:ready').waitFor();
    assert.equal(await claimBox.evaluate((e) => Math.round(e.getBoundingClientRect().top)), inView, 'the claim box moved on screen while the preview loaded again');
    await claimBox.click();
    assert.equal(await claimBox.isChecked(), true);
    await page.getByRole('list', { name: /Évènements reçus/ }).getByText('lic:ready').waitFor();
    assert.deepEqual(await page.evaluate(() => window.licShifts), [], 'layout shifts of the settings');
    await checkAxe(page, `integration page, preview loaded (${width} px)`);
    await screenshot(page, `integrate-layout-${width}`);
    await s.context.close();
  });
}
