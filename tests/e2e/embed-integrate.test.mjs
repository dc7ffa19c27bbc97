// The integration page (www/integrate.html): an integrator picks the mode, language, colour, theme and claims, sees
// the widget follow, copies the snippet and the CSP lines; pasted into a page of another origin with exactly those
// lines, each snippet works. The page says what the widget does with visitors' data (in French here; the language
// switch, the platform tabs and the policy check are tests/e2e/ecosystem-integrate.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { SITE, checkAxe, screenshot } from './harness.mjs';
import { startOrigins, FR, EN, FILES, contrastOf, brandColours, frameFits, problems } from './embed-helpers.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

const sha384 = (path) => `sha384-${createHash('sha384').update(readFileSync(join(SITE, path))).digest('base64')}`;

/** Opens a page of the association's origin made of `snippet`, served with the policy `csp`. */
function pasteInto(snippet, csp) {
  return o.open(o.association, `/hosts/pasted.html?${new URLSearchParams({ body: snippet, csp })}`);
}

test('The integration page: settings drive the preview, the copied code and CSP lines work on another origin', async () => {
  const s = await o.open(o.widget, '/www/integrate.html', { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: o.widget });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const preview = page.getByRole('region', { name: /Aperçu/ });

  // What happens to visitors' data, in plain French and English.
  await page.getByText("Rien, sauf si le visiteur décide de l'envoyer.").waitFor();

  // In-page by default.
  await preview.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await checkAxe(page, 'integration page (in-page)');
  await page.getByRole('button', { name: /Copier le code/ }).click();
  await page.getByRole('status').getByText('Code copié dans le presse-papiers.').waitFor();
  let code = await clipboard();
  assert.ok(code.includes(`src="${o.widget}/${FILES.embed.path}"`), code);
  assert.ok(code.includes(`integrity="${sha384(FILES.embed.path)}"`), code);
  assert.match(code, /<loan-insurance-check data-lang="fr"><\/loan-insurance-check>$/);
  await page.getByRole('button', { name: /Copier les lignes CSP/ }).click();
  assert.equal(await clipboard(), `script-src ${o.widget} 'wasm-unsafe-eval'\nconnect-src ${o.widget}`);

  // Language, colour, theme and claims.
  await page.getByLabel(/^Langue/).selectOption('en');
  await preview.getByRole('button', { name: EN['start.begin'] }).waitFor();
  await page.getByLabel(/^Couleur de votre marque/).fill('#ffd700');
  await page.getByText(/#ffd700 est peu lisible sur ce fond \(1,40:1, il faut 4,5:1\) : le vérificateur utilise #[0-9a-f]{6}/).waitFor();
  const widget = preview.locator('loan-insurance-check');
  const gold = await brandColours(widget);
  assert.ok(contrastOf(gold.brand, gold.bg) >= 4.5 && contrastOf(gold.brand, gold.onBrand) >= 4.5, JSON.stringify(gold));
  await page.getByLabel(/^Thème/).selectOption('dark');
  // By the keyboard: the preview above the settings grows as its widget loads, and a click aimed while it grows
  // can land beside the box ("clicking the checkbox did not change its state").
  const claimBox = page.getByRole('checkbox', { name: FR['claim.profit_sharing.title'] });
  await claimBox.focus();
  await page.keyboard.press('Space');
  assert.equal(await claimBox.isChecked(), true);
  await preview.getByRole('button', { name: EN['start.begin'] }).waitFor();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('#preview loan-insurance-check')).getPropertyValue('--lic-bg').trim() === '#161a1f');
  await page.getByRole('button', { name: /Copier le code/ }).click();
  code = await clipboard();
  assert.match(code, /<loan-insurance-check data-lang="en" data-color="#ffd700" data-theme="dark" data-claims="profit_sharing"><\/loan-insurance-check>$/);
  // The events the page receives are shown.
  await page.getByRole('list', { name: /Évènements reçus/ }).getByText('lic:ready').waitFor();
  await checkAxe(page, 'integration page (in-page, configured)');
  await screenshot(page, 'embed-integrate-1-inpage');

  // Pasted into another origin with the CSP lines given, the in-page snippet works.
  const csp = `default-src 'self'; style-src 'self'; ${(await (async () => {
    await page.getByRole('button', { name: /Copier les lignes CSP/ }).click();
    return clipboard();
  })()).split('\n').join('; ')}`;
  const pasted = await pasteInto(code, csp);
  const there = pasted.page.locator('loan-insurance-check');
  await there.getByRole('button', { name: EN['start.begin'] }).click();
  await there.getByRole('heading', { level: 2 }).filter({ hasNotText: EN['start.title'] }).waitFor();
  assert.deepEqual(await pasted.page.evaluate(() => window.__licViolations), []);
  await pasted.context.close();

  // The iframe mode.
  await page.getByLabel(/^Dans une iframe/).check();
  const framed = preview.frameLocator('iframe').locator('body');
  await framed.getByRole('button', { name: EN['start.begin'] }).waitFor();
  await frameFits(page, o.widget);
  await page.getByRole('button', { name: /Copier le code/ }).click();
  code = await clipboard();
  assert.ok(code.startsWith(`<script src="${o.widget}/${FILES.loader.path}"`), code);
  assert.ok(code.includes(`integrity="${sha384(FILES.loader.path)}"`), code);
  assert.match(code, /data-lang="en" data-color="#ffd700" data-theme="dark" data-claims="profit_sharing"><\/script>$/);
  await page.getByRole('button', { name: /Copier les lignes CSP/ }).click();
  const frameCsp = await clipboard();
  assert.equal(frameCsp, `script-src ${o.widget}\nframe-src ${o.widget}`);
  await checkAxe(page, 'integration page (iframe)');
  await screenshot(page, 'embed-integrate-2-iframe');

  // Pasted into another origin with those lines, the iframe snippet works too.
  const pastedFrame = await pasteInto(code, `default-src 'self'; style-src 'self'; ${frameCsp.split('\n').join('; ')}`);
  const inFrame = pastedFrame.page.frameLocator('iframe').locator('body');
  await inFrame.getByRole('button', { name: EN['start.begin'] }).click();
  await inFrame.getByRole('heading', { level: 2 }).filter({ hasNotText: EN['start.title'] }).waitFor();
  assert.deepEqual(await pastedFrame.page.evaluate(() => window.__licViolations), []);
  await pastedFrame.context.close();

  // The files table lists every versioned file with its integrity.
  const table = page.getByRole('table', { name: /Les fichiers de cette version/ });
  for (const file of Object.values(FILES)) {
    await table.getByRole('cell', { name: file.path, exact: true }).waitFor();
    await table.getByRole('cell', { name: file.integrity, exact: true }).waitFor();
  }
  assert.deepEqual(problems(s).filter((p) => !p.includes('data-color')), []);
  await s.context.close();
});
