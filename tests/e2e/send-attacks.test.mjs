// Forwarding that cannot lie (issue 14 points 1 to 4), each attack end to end in Chromium against the campaign
// server (campaign/, through tests/e2e/campaign-server.mjs, another loopback origin) and a hostile host page:
// - the payload carries only what the consent screen shows (a campaign asking for the loan kind gets no refusal
//   date, no benefit refused, no reasons, no missing facts);
// - a retry after an ambiguous timeout with changed content is a new key, and the receipt lists what the campaign
//   stored under it; a known key with other content (409) is said plainly; a result already sent shows its receipt
//   again after "change my answers" and after a reload with "remember on this device", with no second send;
// - post_message to an origin that is not the host page's is refused (the browser would drop it: no false receipt);
// - clickjacking: a host that makes the frame transparent, or draws over it, gets nothing sent.
// The receiver is reached only through `all.receiver` (origin, manifest(), fail(), store), so another receiver
// with the same surface can replace it.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { checkAxe, screenshot, widgetFilesRequested } from './harness.mjs';
import { startAll, openHost, after, FR, journey } from './send-helpers.mjs';
import { startReceiver } from './campaign-server.mjs';
import { fillQuestionnaire } from './person.mjs';
import { lawCases, download } from './act-helpers.mjs';

let all;
before(async () => { all = await startAll({ delayMs: 2000 }); });
afterAll(async () => { await all?.stop(); });

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${k}}`);
const consentBox = (s, m) => s.scope.getByRole('checkbox', { name: fill(FR['send.consent'], { name: m.name, origin: m.origin }) });
const sendButton = (s) => s.scope.getByRole('button', { name: FR['send.submit'], exact: true });
const retryButton = (s) => s.scope.getByRole('button', { name: FR['send.retry'], exact: true });
const posts = (s, from) => after(s, from).filter((r) => r.method === 'POST');
const receiverPosts = () => all.receiver.requests.filter((r) => r.method === 'POST').length;
const rowOf = (key) => all.receiver.store.all().find((r) => r.idempotency_key === key);

/** Opens the consent form from the result screen. */
async function openConsent(s, manifest) {
  await s.scope.getByRole('heading', { name: FR['send.title'] }).waitFor();
  await s.scope.getByRole('button', { name: fill(FR['send.open'], { name: manifest.name }) }).click();
  await consentBox(s, manifest).waitFor();
}

/** Clicks "Envoyer" as a person would: the button in view for a moment first. */
async function clickSend(s, button = sendButton(s)) {
  await button.scrollIntoViewIfNeeded();
  await s.page.waitForTimeout(300);
  await button.click();
}

/** Screenshots at 320 px and 1280 px wide (target/screenshots/NAME-320.png, NAME-1280.png). */
async function shots(page, name, scope = null) {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `${name}-${width}`);
    // The send section alone, to look at (the full page is some metres long at 320 px).
    if (scope) await scope.locator('.lic-send').screenshot({ path: `target/screenshots/${name}-section-${width}.png` });
  }
}

/** The labels the receipt lists (what the campaign confirmed). */
const receiptFields = (s) => s.scope.locator('.lic-send-confirmed li').allTextContents();
const labelOf = (id) => FR[`q.${id}.short`] ?? FR[`send.field.${id}`];

test('The payload is the preview: a campaign asking only for the loan kind gets no refusal date, no figure of another answer, no reasons; every leaf is on the consent screen', async () => {
  const scenario = lawCases().duty_to_advise_range;
  // A campaign server of its own: it checks what it receives against its own manifest (only the loan kind).
  const own = await startReceiver({ allowOrigins: [all.env.base], manifest: { name: 'Campagne type de prêt', fields: { required: ['loan_kind'] } } });
  try {
    await previewOnly(scenario, own);
  } finally {
    await own.close();
  }
});

async function previewOnly(scenario, own) {
  const manifest = own.manifest();
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).click();
  const loaded = await widgetFilesRequested(s);
  await fillQuestionnaire(s.page, scenario.answers, 'fr');
  await s.scope.getByRole('button', { name: FR['nav.see_result'] }).click();
  await openConsent(s, manifest);
  await consentBox(s, manifest).check();
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const sent = posts(s, loaded);
  assert.equal(sent.length, 1);
  const body = JSON.parse(sent[0].body);
  const text = sent[0].body;
  // What the issue found in the payload: the refusal date (an answer), the benefit refused as a figure, and the
  // engine's reasons, references, documents, missing facts and switching right, none of which the screen showed.
  // (The claim's amount and last day do go: they are on the screen.)
  for (const leak of ['2024-05-10', '"reasons"', '"references"', '"documents"', '"missing"', '"switching"', '"refusal_date"', '"benefit_refused"', '"interest"']) {
    assert.ok(!text.includes(leak), `the payload holds ${leak}`);
  }
  assert.deepEqual(Object.keys(body.result.answers).sort(), ['loan_kind', 'version']);
  assert.deepEqual(body.contact, {});

  // Every leaf is on the consent screen the visitor saw (re-opened from the receiver's copy of the payload).
  const s2 = await openHost(all, { manifest: { ...manifest, name: 'Campagne relue' } });
  await s2.scope.getByRole('button', { name: FR['start.begin'] }).click();
  await fillQuestionnaire(s2.page, scenario.answers, 'fr');
  await s2.scope.getByRole('button', { name: FR['nav.see_result'] }).click();
  await openConsent(s2, { ...manifest, name: 'Campagne relue' });
  const screen = await s2.scope.locator('.lic-send').evaluate((el) => ({
    claims: [...el.querySelectorAll('.lic-send-claims > li')].map((li) => ({ id: li.dataset.claim, text: li.textContent, details: [...li.querySelectorAll('[data-detail]')].map((d) => d.dataset.detail) })),
    fields: [...el.querySelectorAll('.lic-send-required [data-field]')].map((li) => li.dataset.field),
    text: el.textContent,
  }));
  assert.deepEqual(screen.claims.map((c) => c.id), body.result.claims.map((c) => c.claim), 'the claims shown are the claims sent');
  for (const [i, c] of body.result.claims.entries()) {
    const shown = screen.claims[i];
    assert.ok(shown.text.includes(FR[`verdict.${c.verdict}`]), `${c.claim}: verdict shown`);
    if (c.last_day) assert.ok(shown.text.includes(FR['send.last_day'].split(' {')[0]), `${c.claim}: last day shown`);
    if (c.amount) assert.ok(/montant/.test(shown.text), `${c.claim}: amount shown`);
    assert.deepEqual(shown.details, c.details.map((d) => d.id), `${c.claim}: the figures shown are the figures sent`);
  }
  assert.deepEqual(screen.fields, ['loan_kind']);
  assert.ok(screen.text.includes(body.result.rules_version) && screen.text.includes(body.result.data_version), 'versions shown');
  await checkAxe(s2.page, 'consent form with the figures');
  await shots(s2.page, 'send-consent-figures', s2.scope);
  assert.equal(own.store.all().filter((r) => r.idempotency_key === body.idempotency_key).length, 1, 'the campaign stored it');
  await s.context.close();
  await s2.context.close();
}

test('A retry after an ambiguous timeout, with a corrected e-mail and one more answer, is a new key; the receipt lists what the campaign stored under it', async () => {
  const manifest = { ...all.receiver.manifest(), name: 'Campagne lente', timeout_seconds: 1 };
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  await openConsent(s, manifest);
  const email = s.scope.getByLabel(new RegExp(FR['send.field.email']));
  await email.fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  all.receiver.fail('timeout');
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.fail.title'] }).waitFor();
  const first = JSON.parse(posts(s, loaded)[0].body);
  await new Promise((ok) => setTimeout(ok, 1500));
  assert.ok(rowOf(first.idempotency_key), 'the campaign stored the first version and answered too late');

  await email.fill('marie.dupont@exemple.fr');
  await s.scope.locator('.lic-send-optional input[type=checkbox]').first().check();
  await clickSend(s, retryButton(s));
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const sent = posts(s, loaded);
  assert.equal(sent.length, 2);
  const second = JSON.parse(sent[1].body);
  assert.notEqual(second.idempotency_key, first.idempotency_key, 'changed content, new key');
  const row = rowOf(second.idempotency_key);
  assert.equal(row.payload.contact.email, 'marie.dupont@exemple.fr');
  await s.scope.getByText(fill(FR['send.receipt.reference'], { reference: row.reference })).waitFor();
  const stored = [...Object.keys(row.payload.result.answers).filter((k) => k !== 'version'), ...Object.keys(row.payload.contact)];
  assert.deepEqual(await receiptFields(s), [FR['send.receipt.result'], ...stored.map(labelOf)], 'the receipt lists what the campaign confirmed');
  await s.scope.getByText(FR['send.receipt.confirmed']).waitFor();
  assert.ok((await s.scope.locator('.lic-send-secret').textContent()).includes(row.withdraw_secret), 'the withdrawal secret is in the receipt');
  await checkAxe(s.page, 'receipt with what the campaign confirmed');
  await shots(s.page, 'send-receipt-confirmed', s.scope);
  await s.context.close();
});

test('A known key with other content: the campaign answers 409 and the widget says which version it holds', async () => {
  const manifest = { ...all.receiver.manifest(), name: 'Campagne conflit', timeout_seconds: 1 };
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  await openConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  all.receiver.fail('timeout');
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.fail.title'] }).waitFor();
  const first = JSON.parse(posts(s, loaded)[0].body);
  await new Promise((ok) => setTimeout(ok, 1500));
  // The campaign now holds another version under that key (say, an earlier one from another device).
  const held = rowOf(first.idempotency_key);
  const other = { ...held.payload, contact: { email: 'autre@exemple.fr', phone: '0612345678' } };
  all.receiver.store.setPayload(first.idempotency_key, other);

  await clickSend(s, retryButton(s));
  await s.scope.getByText(FR['send.fail.conflict']).waitFor();
  assert.equal(JSON.parse(posts(s, loaded)[1].body).idempotency_key, first.idempotency_key, 'the same content keeps its key');
  await s.scope.getByText(fill(FR['send.conflict.reference'], { reference: held.reference })).waitFor();
  const fields = [FR['send.receipt.result'], labelOf('loan_kind'), labelOf('email'), labelOf('phone')].join(', ');
  await s.scope.getByText(fill(FR['send.conflict.fields'], { fields })).waitFor();
  assert.equal(await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).count(), 0, 'no receipt');
  assert.deepEqual(await s.page.evaluate(() => window.__lic.events), [], 'no lic:sent');
  await checkAxe(s.page, 'conflict explained');
  await shots(s.page, 'send-conflict', s.scope);
  await s.context.close();
});

test('A result already sent shows its receipt again after "change my answers" and back: no second send', async () => {
  const manifest = { ...all.receiver.manifest(), name: 'Campagne une fois' };
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  await openConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const key = JSON.parse(posts(s, loaded)[0].body).idempotency_key;
  const reference = rowOf(key).reference;

  // The result's own actions under the send panel (the answer at the top may offer the same button when a fact
  // is "I don't know").
  await s.scope.getByRole('button', { name: FR['nav.change'] }).last().click();
  await s.scope.getByRole('heading', { level: 2, name: FR['review.title'] }).waitFor();
  await s.scope.getByRole('button', { name: FR['nav.see_result'] }).click();
  await s.scope.getByText(fill(FR['send.receipt.again'], { name: manifest.name })).waitFor();
  await s.scope.getByText(fill(FR['send.receipt.reference'], { reference })).waitFor();
  assert.equal(await s.scope.getByRole('button', { name: fill(FR['send.open'], { name: manifest.name }) }).count(), 0, 'no new offer');
  await s.page.waitForTimeout(300);
  assert.equal(posts(s, loaded).length, 1, 'one send in all');
  assert.equal(all.receiver.store.all().filter((r) => r.payload.campaign.name === manifest.name).length, 1, 'one record');
  await s.context.close();
});

test('The dossier file keeps the withdrawal secret the campaign gave, and that secret withdraws the result', async () => {
  const manifest = { ...all.receiver.manifest(), name: 'Campagne dossier' };
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  const exportLink = s.scope.getByRole('link', { name: FR['act.export'] });
  const before = JSON.parse((await download(s.page, exportLink)).text);
  assert.equal(before.sent, undefined, 'nothing sent yet, no sent member');
  await openConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const row = rowOf(JSON.parse(posts(s, loaded)[0].body).idempotency_key);
  const file = JSON.parse((await download(s.page, exportLink)).text);
  assert.deepEqual(file.sent, [{ campaign: manifest.origin, reference: row.reference, withdraw_secret: row.withdraw_secret }]);
  const gone = await fetch(`${all.receiver.origin}/api/results/${file.sent[0].reference}`, { method: 'DELETE', headers: { authorization: `Bearer ${file.sent[0].withdraw_secret}` } });
  assert.equal(gone.status, 204, 'the secret kept in the file withdraws the result');
  assert.equal(rowOf(row.idempotency_key), undefined);
  await s.context.close();
});

test('A result already sent shows its receipt again after a reload with "remember on this device": no second send', async () => {
  const manifest = { ...all.receiver.manifest(), name: 'Campagne mémoire' };
  const s = await openHost(all, { manifest });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await journey(s.scope, 'fr');
  await s.scope.getByLabel(FR['act.remember.label']).check();
  await openConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  await clickSend(s);
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const sentKeys = await s.page.evaluate(() => Object.keys(localStorage).sort());

  const count = s.requests.length;
  await s.page.reload();
  // The reload resumes on the screen left, the result (issue 13 point 4).
  await s.scope.getByRole('heading', { level: 2, name: FR['result.title'] }).waitFor();
  await s.scope.getByText(fill(FR['send.receipt.again'], { name: manifest.name })).waitFor();
  await s.page.waitForTimeout(300);
  assert.equal(posts(s, count).length, 0, 'nothing sent after the reload');
  assert.equal(all.receiver.store.all().filter((r) => r.payload.campaign.name === manifest.name).length, 1);
  assert.deepEqual(sentKeys, ['loan-insurance-check:answers', 'loan-insurance-check:sent'], 'kept only because the visitor opted in');

  // "Forget everything" removes the receipts with the answers (the resume note offers it too, above the keep panel).
  await s.scope.getByRole('button', { name: FR['act.forget'] }).first().click();
  await s.scope.getByRole('status').filter({ hasText: FR['act.forgotten'] }).waitFor();
  assert.deepEqual(await s.page.evaluate(() => Object.keys(localStorage)), []);
  await s.context.close();
});

test('post_message to an origin that is not the host page\'s is refused: no false "handed", no lic:sent', async () => {
  const { endpoint, ...noEndpoint } = all.receiver.manifest();
  const manifest = { ...noEndpoint, delivery: 'post_message', name: 'Campagne ailleurs' };
  assert.notEqual(manifest.origin, all.env.base);
  const s = await openHost(all, { manifest, mode: 'iframe' });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await journey(s.scope, 'fr');
  await s.scope.getByText(fill(FR['send.invalid'], { problem: 'delivery: parent_origin' })).waitFor();
  assert.equal(await s.scope.getByRole('button', { name: /Préparer l'envoi/ }).count(), 0, 'no send offered');
  assert.ok(s.problems.some((p) => p.includes('data-manifest was refused') && p.includes("host page (the frame's parent")), s.problems.join(' | '));
  const lic = await s.page.evaluate(() => window.__lic);
  assert.deepEqual([lic.events, lic.messages], [[], []]);
  await s.context.close();
});

/** Goes through the check in a frame the host may hide, fills the consent form and clicks "Envoyer". */
async function framedSend(extra, name, initScript) {
  const manifest = { ...all.receiver.manifest(), name };
  const s = await openHost(all, { manifest, mode: 'iframe', extra, initScript });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  const atReceiver = receiverPosts();
  await journey(s.scope, 'fr');
  await openConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('marie@exemple.fr');
  await consentBox(s, manifest).check();
  await clickSend(s);
  return { s, loaded, atReceiver, manifest };
}

test('Clickjacking: a host page that makes the frame transparent over a decoy gets nothing sent', async () => {
  const decoy = '<style>iframe { opacity: 0; } .decoy { position: absolute; top: 0; left: 0; font-size: 3rem; }</style><p class="decoy">Cliquez pour gagner !</p>';
  const { s, loaded, atReceiver } = await framedSend(decoy, 'Campagne transparente');
  await s.scope.getByText(FR['send.hidden']).or(s.scope.getByRole('heading', { name: FR['send.receipt.title'] })).waitFor();
  await s.page.waitForTimeout(500);
  assert.deepEqual(posts(s, loaded), [], 'no request');
  assert.equal(receiverPosts(), atReceiver, 'the campaign got nothing');
  await s.scope.getByText(FR['send.hidden']).waitFor();
  assert.deepEqual(await s.page.evaluate(() => window.__lic.events), []);
  assert.ok(s.problems.some((p) => p.includes('hidden or covered')), s.problems.join(' | '));
  await s.page.addStyleTag({ content: 'iframe { opacity: 1 !important } .decoy { display: none }' });
  await checkAxe(s.page, 'send refused: hidden button');
  await shots(s.page, 'send-hidden', s.scope);
  await s.context.close();
});

test('Clickjacking: a host page that draws over the frame (clicks passing through) gets nothing sent', async () => {
  const cover = '<div style="position: fixed; inset: 0; background: #fff; z-index: 2147483647; pointer-events: none; font-size: 3rem">Jeu concours : cliquez partout !</div>';
  const { s, loaded, atReceiver } = await framedSend(cover, 'Campagne recouverte');
  await s.scope.getByText(FR['send.hidden']).or(s.scope.getByRole('heading', { name: FR['send.receipt.title'] })).waitFor();
  await s.page.waitForTimeout(500);
  assert.deepEqual(posts(s, loaded), []);
  assert.equal(receiverPosts(), atReceiver);
  await s.scope.getByText(FR['send.hidden']).waitFor();
  await s.context.close();
});

test('Clickjacking guard, control: the same frame in plain view sends once', async () => {
  const { s, loaded, atReceiver } = await framedSend('', 'Campagne visible');
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  assert.equal(posts(s, loaded).length, 1);
  assert.equal(receiverPosts(), atReceiver + 1);
  await s.context.close();
});

test('A browser that cannot report visibility in a frame: a link to confirm in the widget\'s own top-level page, nothing sent from the frame', async () => {
  const noV2 = () => { delete IntersectionObserverEntry.prototype.isVisible; };
  const { s, loaded, atReceiver } = await framedSend('', 'Campagne sans v2', noV2);
  const link = s.scope.getByRole('link', { name: FR['send.top.link'] });
  await link.waitFor();
  const href = await link.getAttribute('href');
  const url = new URL(href);
  assert.equal(url.origin, all.env.base, 'the widget\'s own origin');
  assert.ok(!url.hash.includes('parent='), 'no host origin: a top-level page');
  assert.match(url.hash, /lic=[A-Za-z0-9_-]+/, 'the answers carried as a resume code');
  assert.deepEqual(posts(s, loaded), []);
  assert.equal(receiverPosts(), atReceiver);
  await checkAxe(s.page, 'top-level confirmation offered');
  await s.context.close();
});
