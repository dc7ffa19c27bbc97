// The integration page for a volunteer (issue 16, part 3): one language at a time with a switch, claims named in
// words, a tab per platform (keyboard: the WAI-ARIA tabs pattern), the WordPress shortcode, the CSP lines and the CORS
// note, and "check my page": a pasted Content-Security-Policy gets what is missing. Axe-clean in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, checkAxe, screenshot } from '../e2e/harness.mjs';
import { FR, EN } from '../e2e/embed-helpers.mjs';
import { pageText } from '../../scripts/integrate-page.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const T = { fr: pageText('fr'), en: pageText('en') };
const plain = (s) => s.replaceAll('`', '');

test('Every word of the page exists in both languages, with the same placeholders', () => {
  const keys = (lang) => Object.keys(T[lang]).sort();
  assert.deepEqual(keys('fr'), keys('en'));
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();
  for (const key of keys('fr')) assert.equal(holes(T.fr[key]), holes(T.en[key]), key);
  for (const id of ['profit_sharing', 'after_payoff']) assert.ok(T.fr[`claim.${id}.title`] && T.en[`claim.${id}.title`]);
});

test('One language at a time, tabs by keyboard, the shortcode, and check my page', async () => {
  const s = await open(env, '/www/integrate.html', { viewport: { width: 1280, height: 900 } });
  const { page } = s;
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  // French only: no English sentence on the page (but the switch, in English).
  await page.getByRole('heading', { level: 1, name: T.fr['int.h1'] }).waitFor();
  assert.equal(await page.getByText(T.en['int.data_none']).count(), 0);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  // Claims in words, not ids.
  for (const id of ['after_payoff', 'medical_questionnaire']) await page.getByRole('checkbox', { name: FR[`claim.${id}.title`] }).waitFor();
  assert.equal(await page.getByText('after_payoff', { exact: true }).count(), 0);
  await page.getByRole('region', { name: 'Aperçu' }).getByRole('button', { name: FR['start.begin'] }).waitFor();
  await checkAxe(page, 'integration page, French');

  // The tabs: "Tout site" selected; arrows move and select, Home and End go to the ends; one panel shown.
  const tab = (name) => page.getByRole('tab', { name });
  assert.equal(await tab(T.fr['int.tab_any']).getAttribute('aria-selected'), 'true');
  await tab(T.fr['int.tab_any']).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tab(T.fr['int.tab_iframe']).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-iframe');
  await page.keyboard.press('ArrowRight');
  assert.equal(await tab(T.fr['int.tab_wp']).getAttribute('aria-selected'), 'true', 'wraps around');
  await page.keyboard.press('End');
  assert.equal(await tab(T.fr['int.tab_iframe']).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-wp');
  assert.equal(await page.getByRole('tabpanel').count(), 1);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'panel-wp', 'Tab goes into the panel');

  // The WordPress plugin tab: the shortcode with the settings.
  await page.getByLabel(T.fr['int.lang']).selectOption('en');
  await page.getByLabel(T.fr['int.color']).fill('#005a9c');
  // By the keyboard: the preview above the settings grows as its widget loads, and a click aimed while it grows
  // can land beside the box ("clicking the checkbox did not change its state").
  const claimBox = page.getByRole('checkbox', { name: FR['claim.after_payoff.title'] });
  await claimBox.focus();
  await page.keyboard.press('Space');
  assert.equal(await claimBox.isChecked(), true);
  const wp = page.getByRole('tabpanel', { name: T.fr['int.tab_wp'] });
  await wp.getByRole('button', { name: T.fr['int.copy'] }).click();
  assert.equal(await clipboard(), '[loan_insurance_check lang="en" color="#005a9c" claims="after_payoff"]');
  await page.getByRole('button', { name: T.fr['int.copy_csp'] }).click();
  assert.equal(await clipboard(), "script-src 'self' 'wasm-unsafe-eval'\nconnect-src 'self'");

  // The Custom HTML tab says it is for administrators and gives the in-page snippet.
  await tab(T.fr['int.tab_wphtml']).click();
  await page.getByText(plain(T.fr['int.wphtml_intro'])).waitFor();
  const html = page.getByRole('tabpanel', { name: T.fr['int.tab_wphtml'] });
  await html.getByRole('button', { name: T.fr['int.copy'] }).click();
  assert.match(await clipboard(), /<script type="module" src="[^"]+\/www\/embed-[0-9a-f]{8}\.js"[\s\S]*<loan-insurance-check data-lang="en" data-color="#005a9c" data-claims="after_payoff"><\/loan-insurance-check>$/);

  // The CORS note names this origin.
  await page.getByText(`ici ${env.base}`, { exact: false }).waitFor();

  // Check my page, for the in-page snippet: a policy without WebAssembly and without the origin.
  await tab(T.fr['int.tab_any']).click();
  const box = page.getByLabel(T.fr['int.check_label']);
  const check = page.getByRole('button', { name: T.fr['int.check_button'], exact: true });
  const result = page.locator('#check-result li');
  await box.fill("Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.org");
  await check.click();
  await result.first().waitFor();
  const lines = await result.allTextContents();
  assert.deepEqual(lines, [
    plain(T.fr['int.check_missing'].replace('{what}', `${env.base} (script-src)`).replace('{line}', `script-src 'self' https://cdn.example.org ${env.base}`)),
    plain(T.fr['int.check_missing'].replace('{what}', "'wasm-unsafe-eval' (script-src)").replace('{line}', `script-src 'self' https://cdn.example.org 'wasm-unsafe-eval'`)),
    plain(T.fr['int.check_missing'].replace('{what}', `${env.base} (connect-src)`).replace('{line}', `connect-src 'self' ${env.base}`)),
  ]);
  // With the lines the page gives, nothing is missing.
  await box.fill(`default-src 'self'; script-src 'self' ${env.base} 'wasm-unsafe-eval'; connect-src 'self' ${env.base}`);
  await check.click();
  await page.getByText(T.fr['int.check_ok']).waitFor();
  // A wildcard host and a scheme source count; the iframe modes need frame-src only.
  await tab(T.fr['int.tab_iframe']).click();
  await box.fill("default-src 'none'; frame-src http:");
  await check.click();
  await page.getByText(T.fr['int.check_ok']).waitFor();
  await box.fill("default-src 'none'; frame-src https://*.example.org");
  await check.click();
  await page.getByText(/^Il manque/).waitFor();
  await checkAxe(page, 'integration page, French, checked');
  await screenshot(page, 'ecosystem-integrate-fr-1280');

  // The switch: English only, then French again; the settings stay.
  await page.getByRole('button', { name: T.fr['int.switch_label'] }).click();
  await page.getByRole('heading', { level: 1, name: T.en['int.h1'] }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByText(T.fr['int.data_none']).count(), 0);
  assert.equal(await page.title(), T.en['int.title']);
  await page.getByRole('checkbox', { name: EN['claim.after_payoff.title'] }).isChecked().then((c) => assert.ok(c));
  assert.equal(await tab(T.en['int.tab_iframe']).getAttribute('aria-selected'), 'true');
  assert.match(page.url(), /\?lang=en$/);
  await checkAxe(page, 'integration page, English');
  await page.setViewportSize({ width: 320, height: 800 });
  await checkAxe(page, 'integration page, English, 320 px');
  await screenshot(page, 'ecosystem-integrate-en-320');
  await page.getByRole('button', { name: T.en['int.switch_label'] }).click();
  await page.getByRole('heading', { level: 1, name: T.fr['int.h1'] }).waitFor();
  // A preview frame replaced while its WebAssembly is still loading (a setting changed) reports the cancelled fetch.
  assert.deepEqual(s.problems.filter((p) => !/^error: Fetch API cannot load .*\.wasm\. $/.test(p)), []);
  await s.context.close();
});
