// The foundation slice, end to end: loan kind + offer date -> switching right, in French and English,
// by mouse and by keyboard, with axe on every screen, no console error, and no request once loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, widgetReady, checkAxe, screenshot, assertNoRequestsAfter } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

async function answer(page, { kind, dateKind, day, month, year }, fr = true) {
  await page.getByLabel(kind).check();
  await page.getByRole('button', { name: fr ? 'Continuer' : 'Continue' }).click();
  await page.getByLabel(dateKind).check();
  await page.getByLabel(fr ? 'Jour' : 'Day').fill(day);
  await page.getByLabel(fr ? 'Mois' : 'Month').fill(month);
  await page.getByLabel(fr ? 'Année' : 'Year').fill(year);
  await page.getByRole('button', { name: fr ? 'Voir le résultat' : 'See the result' }).click();
}

test('French journey by mouse: a 2024 mortgage can switch insurer at any time (loi Lemoine)', async () => {
  const s = await open(env);
  const loaded = await widgetReady(s);
  const { page } = s;
  // Only our own files were fetched, all from the page's origin.
  for (const url of s.requests) assert.ok(url.startsWith(env.base), `foreign request ${url}`);
  await checkAxe(page, 'start (fr)');
  await screenshot(page, 'foundation-1-start-fr');
  await page.getByRole('button', { name: 'Commencer la vérification' }).click();
  await page.getByRole('heading', { name: 'Quel type de prêt avez-vous ?' }).waitFor();
  await checkAxe(page, 'loan kind (fr)');
  await screenshot(page, 'foundation-2-kind-fr');
  await page.getByLabel('Un prêt immobilier').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { name: 'Quelle est la date de votre offre de prêt ?' }).waitFor();
  await checkAxe(page, 'offer date (fr)');
  await page.getByLabel("La date d'émission de l'offre").check();
  await page.getByLabel('Jour').fill('15');
  await page.getByLabel('Mois').fill('3');
  await page.getByLabel('Année').fill('2024');
  await screenshot(page, 'foundation-3-date-fr');
  await page.getByRole('button', { name: 'Voir le résultat' }).click();
  await page.getByRole('heading', { name: "Pouvez-vous changer d'assurance aujourd'hui ?" }).waitFor();
  await page.getByText("Vous pouvez changer d'assurance à tout moment.").waitFor();
  // The law is cited and linked.
  assert.ok(await page.getByRole('link', { name: /Lemoine|L113-12-2|L313-30/ }).count() > 0, 'a legal reference is linked');
  await checkAxe(page, 'result (fr)');
  await screenshot(page, 'foundation-4-result-fr');
  assertNoRequestsAfter(s, loaded, 'French journey');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('English journey after switching language: a consumer credit has no switching right', async () => {
  const s = await open(env);
  const loaded = await widgetReady(s);
  const { page } = s;
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Does your loan insurance owe you money?' }).waitFor();
  await checkAxe(page, 'start (en)');
  await page.getByRole('button', { name: 'Start the check' }).click();
  await checkAxe(page, 'loan kind (en)');
  await answer(page, { kind: 'A consumer credit', dateKind: 'The date I signed the offer', day: '2', month: '5', year: '2023' }, false);
  await page.getByText('No legal right to change insurer for this loan.').waitFor();
  await checkAxe(page, 'result (en)');
  await screenshot(page, 'foundation-5-result-en');
  // Back to French on the result: the verdict follows the language, nothing is lost.
  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByText("Pas de droit légal de changer d'assurance pour ce prêt.").waitFor();
  await page.getByRole('button', { name: 'Modifier mes réponses' }).click();
  assert.equal(await page.getByLabel('Jour').inputValue(), '2');
  assert.equal(await page.getByLabel('Année').inputValue(), '2023');
  assertNoRequestsAfter(s, loaded, 'English journey');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('Keyboard only: Tab, Space and Enter reach the verdict; focus lands on each new heading', async () => {
  const s = await open(env);
  await widgetReady(s);
  const { page } = s;
  const focusedName = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el.textContent || el.getAttribute('aria-label') || el.id || '').trim() : '';
  });
  // Tab from the top of the page into the widget until the start button has focus.
  for (let i = 0; i < 10 && (await focusedName()) !== 'Commencer la vérification'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedName(), 'Commencer la vérification');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Quel type de prêt avez-vous ?' }).waitFor();
  assert.equal(await focusedName(), 'Quel type de prêt avez-vous ?');
  await page.keyboard.press('Tab'); // first radio
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter'); // submits the form
  await page.getByRole('heading', { name: 'Quelle est la date de votre offre de prêt ?' }).waitFor();
  assert.equal(await focusedName(), 'Quelle est la date de votre offre de prêt ?');
  await page.keyboard.press('Tab'); // "issued" radio
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // day
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('7');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2019');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: "Pouvez-vous changer d'assurance aujourd'hui ?" }).waitFor();
  assert.equal(await focusedName(), "Pouvez-vous changer d'assurance aujourd'hui ?");
  await page.getByText("Vous pouvez changer d'assurance à tout moment.").waitFor();
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('Bad dates get a message next to the field, in the visitor language, and what was typed stays', async () => {
  const s = await open(env);
  await widgetReady(s);
  const { page } = s;
  await page.getByRole('button', { name: 'Commencer la vérification' }).click();
  await page.getByLabel('Un prêt immobilier').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByLabel('La date à laquelle j\'ai signé l\'offre').check();
  await page.getByLabel('Jour').fill('31');
  await page.getByLabel('Mois').fill('02');
  await page.getByLabel('Année').fill('2020');
  await page.getByRole('button', { name: 'Voir le résultat' }).click();
  const impossible = "Cette date n'existe pas : vérifiez le jour et le mois.";
  await page.getByText(impossible).waitFor();
  // The message is tied to the fields for screen readers, and the typed text is still there.
  const day = page.getByLabel('Jour');
  assert.match(await day.getAttribute('aria-describedby'), /lic-date-error/);
  assert.equal(await day.getAttribute('aria-invalid'), 'true');
  assert.equal(await day.inputValue(), '31');
  assert.equal(await page.getByLabel('Mois').inputValue(), '02');
  await checkAxe(page, 'date error (fr)');
  await screenshot(page, 'foundation-6-error-fr');
  // A future date, in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('This date does not exist: check the day and the month.').waitFor();
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('1');
  await page.getByLabel('Year').fill('2027');
  await page.getByRole('button', { name: 'See the result' }).click();
  await page.getByText('This date is in the future: the offer date must be in the past.').waitFor();
  assert.equal(await page.getByLabel('Year').inputValue(), '2027');
  await checkAxe(page, 'date error (en)');
  // Nothing chosen: the question says so.
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await page.getByLabel('A mortgage (real-estate loan)').isChecked(), true);
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('A bad data-lang gets a console warning and a visible notice, and the check still works', async () => {
  const s = await open(env, '/index.html');
  const { page } = s;
  await widgetReady(s);
  await page.evaluate(() => {
    const el = document.createElement('loan-insurance-check');
    el.setAttribute('data-lang', 'klingon');
    el.setAttribute('aria-label', 'second');
    document.querySelector('main').append(el);
  });
  await page.getByText('Ce site a demandé une langue non prise en charge').waitFor();
  assert.ok(s.problems.some((p) => p.includes('data-lang="klingon"')), s.problems.join('\n'));
  assert.equal(await page.getByRole('button', { name: 'Commencer la vérification' }).count(), 2);
  await s.context.close();
});
