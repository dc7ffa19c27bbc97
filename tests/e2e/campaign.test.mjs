// The campaign server end to end (issue 15): a person fills in a law case in the widget, sends it to the campaign
// server, and the campaign's admin page shows the claim as verified by the engine; forged payloads (an amount
// changed, a verdict changed, a claim added) are kept as mismatch and left out of the totals; the claimant sees what
// the campaign holds and withdraws it on a page without JavaScript, and it is gone from the admin page and the
// exports. Every page in French and English is checked by axe and photographed at 320 and 1280 px.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ROOT, checkAxe, screenshot } from './harness.mjs';
import { startAll, openHost, FR } from './send-helpers.mjs';
import { fillQuestionnaire } from './person.mjs';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${k}}`);
const ANSWERS = JSON.parse(readFileSync(join(ROOT, 'www', 'schema', 'answers.v1.schema.json'), 'utf8'));
const FACTS = Object.keys(ANSWERS.properties).filter((k) => k !== 'version');
const CASE = (() => {
  const doc = JSON.parse(readFileSync(join(ROOT, 'tests', 'cases', 'claims', 'after_payoff.json'), 'utf8'));
  return doc.cases.find((c) => c.name === 'after_payoff_interest_from_demand');
})();

let all;
before(async () => {
  // The campaign asks for every answer (so it can re-check the whole result), an e-mail address and the lender.
  all = await startAll({ manifest: { fields: { required: ['email'], optional: [...FACTS, 'lender'] } } });
});
afterAll(async () => { await all?.stop(); });

async function adminPage(path = '/admin', viewport = { width: 1280, height: 900 }) {
  const context = await all.env.browser.newContext({ locale: 'fr-FR', viewport, httpCredentials: { username: 'admin', password: all.receiver.token } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(all.receiver.origin + path);
  return { context, page, problems };
}

const number = async (page, id) => Number(await page.locator(`#${id}`).textContent());

let sent; // { body, answer }

test('A widget journey sends its result to the campaign server, and the admin page shows the claim as verified', async () => {
  assert.ok(CASE, 'the law case exists');
  const manifest = all.receiver.manifest();
  const s = await openHost(all, { manifest });
  const widget = s.page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await fillQuestionnaire(s.page, CASE.answers, 'fr');
  await widget.getByRole('button', { name: FR['nav.see_result'] }).click();
  await widget.getByRole('heading', { name: FR['send.title'] }).waitFor();
  await widget.getByRole('button', { name: fill(FR['send.open'], { name: manifest.name }) }).click();
  for (const box of await widget.locator('.lic-send-optional input[type=checkbox]').all()) await box.check();
  await widget.getByLabel(new RegExp(FR['send.field.email'])).fill('marie.dupont@example.fr');
  await widget.getByLabel(new RegExp(escapeRe(FR['send.field.lender']))).fill('Banque Exemple');
  await widget.getByRole('checkbox', { name: fill(FR['send.consent'], { name: manifest.name, origin: manifest.origin }) }).check();
  const response = s.page.waitForResponse((r) => r.url() === manifest.endpoint && r.request().method() === 'POST');
  await widget.getByRole('button', { name: FR['send.submit'], exact: true }).click();
  const answer = await (await response).json();
  await widget.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const body = JSON.parse((await response).request().postData());
  sent = { body, answer };
  assert.equal(answer.status, 'verified', `the engine agrees with the widget: ${JSON.stringify(answer)}`);
  assert.match(answer.withdraw_secret, /^[0-9a-f]{32}$/);
  await s.context.close();

  const stored = all.receiver.store.all().filter((r) => r.reference === answer.reference);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].status, 'verified');
  assert.deepEqual(stored[0].payload, body);

  const a = await adminPage();
  assert.equal(await number(a.page, 'verified-count'), 1);
  assert.equal(await number(a.page, 'mismatch-count'), 0);
  const row = a.page.locator(`tr[data-reference="${answer.reference}"]`);
  await row.getByText('vérifié').waitFor();
  const eligible = body.result.claims.filter((c) => c.verdict === 'eligible');
  assert.ok(eligible.length > 0);
  for (const c of eligible) assert.equal(await a.page.locator(`table[aria-labelledby="per-claim"] tr[data-claim="${c.claim}"]`).count(), 1, c.claim);
  await a.page.getByRole('cell', { name: 'Banque Exemple' }).first().waitFor();
  await checkAxe(a.page, 'admin page (fr)');
  await screenshot(a.page, 'campaign-admin-fr-1280');
  await a.page.getByRole('link', { name: 'Read this page in English' }).click();
  await a.page.getByRole('heading', { level: 1, name: /Administration of the campaign/ }).waitFor();
  await checkAxe(a.page, 'admin page (en)');
  await a.page.setViewportSize({ width: 320, height: 800 });
  await screenshot(a.page, 'campaign-admin-en-320');
  // The search by reference, without JavaScript: a GET form.
  await a.page.getByLabel('Reference (LIC-…)').fill(answer.reference);
  await a.page.getByRole('button', { name: 'Search' }).click();
  await a.page.locator('#result-detail[data-status="verified"]').waitFor();
  await checkAxe(a.page, 'admin result detail (en)');
  assert.deepEqual(a.problems, []);
  await a.context.close();
});

test('Forged payloads (amount changed, verdict changed, claim added) are kept as mismatch and left out of the totals', async () => {
  assert.ok(sent, 'the journey sent a result');
  const a = await adminPage();
  const totals = await a.page.locator('table[aria-labelledby="per-claim"]').textContent();
  const forge = (change) => {
    const p = structuredClone(sent.body);
    p.idempotency_key = randomBytes(16).toString('hex');
    change(p);
    return p;
  };
  const i = sent.body.result.claims.findIndex((c) => c.verdict === 'eligible');
  const j = sent.body.result.claims.findIndex((c) => c.verdict !== 'eligible');
  const forged = [
    ['amount changed', forge((p) => { p.result.claims[i].amount.high = 100_000_000; p.result.claims[i].amount.low = 100_000_000; })],
    ['verdict changed', forge((p) => { p.result.claims[j].verdict = 'eligible'; })],
    ['claim added', forge((p) => { p.result.claims.push(structuredClone(p.result.claims[i])); })],
  ];
  const references = [];
  for (const [label, p] of forged) {
    const r = await fetch(`${all.receiver.origin}/api/results`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: all.env.base }, body: JSON.stringify(p) });
    const answer = await r.json();
    assert.equal(r.status, 201, `${label}: ${JSON.stringify(answer)}`);
    assert.equal(answer.status, 'mismatch', label);
    references.push(answer.reference);
  }
  await a.page.reload();
  assert.equal(await number(a.page, 'verified-count'), 1);
  assert.equal(await number(a.page, 'mismatch-count'), 3);
  assert.equal(await a.page.locator('table[aria-labelledby="per-claim"]').textContent(), totals, 'the totals did not move');
  await a.page.getByLabel('Référence (LIC-…)').fill(references[0]);
  await a.page.getByRole('button', { name: 'Rechercher' }).click();
  await a.page.locator('#result-detail[data-status="mismatch"]').waitFor();
  await a.page.getByRole('heading', { name: 'Écarts avec le moteur' }).waitFor();
  await checkAxe(a.page, 'admin mismatch detail (fr)');
  await screenshot(a.page, 'campaign-admin-mismatch-fr-1280');
  await a.context.close();
});

test('The claimant sees what the campaign holds and withdraws it without JavaScript; it is gone from the admin page and the exports', async () => {
  assert.ok(sent, 'the journey sent a result');
  const { reference, withdraw_secret: secret } = sent.answer;
  for (const lang of ['fr', 'en']) {
    const context = await all.env.browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${all.receiver.origin}/claim?lang=${lang}`);
    await checkAxe(page, `claimant page (${lang})`);
    await page.getByLabel(lang === 'en' ? 'Reference' : 'Référence').fill(reference);
    await page.getByLabel(lang === 'en' ? 'Withdrawal code' : 'Code de retrait').fill(secret);
    await page.getByRole('button', { name: lang === 'en' ? 'See what is kept' : 'Voir ce qui est conservé' }).click();
    await page.getByRole('heading', { level: 2, name: lang === 'en' ? 'The claims sent' : 'Les demandes transmises' }).waitFor();
    await checkAxe(page, `what the campaign holds (${lang})`);
    if (lang === 'en') await screenshot(page, 'campaign-claimant-held-en-1280');
    await context.close();
  }
  const context = await all.env.browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${all.receiver.origin}/claim`);
  await page.getByLabel('Référence').fill(reference);
  await page.getByLabel('Code de retrait').fill('0'.repeat(32));
  await page.getByRole('button', { name: 'Voir ce qui est conservé' }).click();
  await page.getByRole('alert').getByText('Aucun résultat ne correspond').waitFor();
  await page.getByLabel('Code de retrait').fill(secret);
  await page.getByRole('button', { name: 'Voir ce qui est conservé' }).click();
  await page.getByText(`La campagne conserve le résultat ${reference}`).waitFor();
  await page.getByText('marie.dupont@example.fr', { exact: true }).waitFor();
  await screenshot(page, 'campaign-claimant-fr-320');
  await page.getByRole('button', { name: 'Retirer ma demande et effacer ces données' }).click();
  await page.getByRole('status').getByText(`Votre résultat ${reference} a été effacé.`).waitFor();
  await context.close();

  const a = await adminPage();
  assert.equal(await number(a.page, 'verified-count'), 0);
  assert.equal(await a.page.locator(`tr[data-reference="${reference}"]`).count(), 0);
  assert.equal(await a.page.locator('table[aria-labelledby="per-claim"]').count(), 0, 'no verified claim is left to total');
  await checkAxe(a.page, 'admin page after withdrawal (fr)');
  await a.context.close();
  for (const path of ['/admin/export.csv', '/admin/export.jsonl']) {
    const r = await all.receiver.admin(path);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(reference), `${path} no longer holds ${reference}`);
    assert.ok(r.text.length > 0);
  }
  assert.equal(all.receiver.store.all().filter((r) => r.reference === reference).length, 0);
});
