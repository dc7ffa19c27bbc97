// Sending the result to a campaign (issue 6), against the campaign server (campaign/) on another
// loopback origin, with every request of the browser recorded: none before the visitor clicks "Envoyer"; then
// exactly one, to the manifest's endpoint, holding exactly the fields and values the consent screen showed;
// none after. Failures keep everything and a retry stores the result once.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkAxe, screenshot, widgetFilesRequested } from './harness.mjs';
import { startAll, openHost, after, FR, journey } from './send-helpers.mjs';

let all;
before(async () => { all = await startAll({ delayMs: 2500 }); });
afterAll(async () => { await all?.stop(); });

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${k}}`);

/** Goes to the result, opens the consent form, and returns the number of requests made so far. */
async function toConsent(s, manifest) {
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  assert.deepEqual(after(s, loaded), [], 'no request during the check');
  await s.scope.getByRole('heading', { name: FR['send.title'] }).waitFor();
  await s.scope.getByRole('button', { name: fill(FR['send.open'], { name: manifest.name }) }).click();
  await s.scope.getByRole('checkbox', { name: fill(FR['send.consent'], { name: manifest.name, origin: manifest.origin }) }).waitFor();
  assert.deepEqual(after(s, loaded), [], 'opening the consent form makes no request');
  // Focus where the eye is (issue 13 point 8): on the panel's heading, not left on a button that is gone.
  const focused = await s.scope.getByRole('heading', { name: FR['send.title'] }).evaluate((h) => h.getRootNode().activeElement === h);
  assert.ok(focused, 'opening the send panel puts the focus on its heading');
  return loaded;
}

/** What the consent screen says will go: answer ids with their values, and the contact details typed. */
async function preview(s) {
  return s.scope.locator('.lic-send').evaluate((section) => {
    const answers = {};
    for (const li of section.querySelectorAll('.lic-send-required li[data-field]')) answers[li.dataset.field] = li.querySelector('.lic-send-value').textContent;
    for (const li of section.querySelectorAll('.lic-send-optional li[data-field]')) {
      if (li.querySelector('input').checked) answers[li.dataset.field] = li.querySelector('.lic-send-value').textContent;
    }
    const contact = {};
    for (const field of section.querySelectorAll('.lic-field[data-field]')) {
      const v = field.querySelector('input, textarea').value.trim();
      if (v) contact[field.dataset.field] = v;
    }
    return { answers, contact };
  });
}

const consent = (s, m) => s.scope.getByRole('checkbox', { name: fill(FR['send.consent'], { name: m.name, origin: m.origin }) });
const sendButton = (s) => s.scope.getByRole('button', { name: FR['send.submit'], exact: true });
const retryButton = (s) => s.scope.getByRole('button', { name: FR['send.retry'], exact: true });

test('JSON POST: nothing before the click, then exactly one request with exactly the previewed fields, a receipt, nothing after', async () => {
  const manifest = all.receiver.manifest();
  const s = await openHost(all, { manifest });
  const loaded = await toConsent(s, manifest);
  await checkAxe(s.page, 'consent form');

  // Nothing is ticked beforehand.
  for (const box of await s.scope.locator('.lic-send input[type=checkbox]').all()) assert.equal(await box.isChecked(), false);

  // Sending without consent or the required email: errors next to the fields, linked, nothing sent.
  await sendButton(s).click();
  const email = s.scope.getByLabel(new RegExp(FR['send.field.email']));
  await s.scope.getByText(FR['send.error.consent']).waitFor();
  await s.scope.getByText(FR['send.error.empty']).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.equal(await s.scope.locator(`[id="${describedBy}"]`).textContent().then((t) => t.includes(FR['send.error.empty'])), true);
  await email.fill('marie@');
  await sendButton(s).click();
  await s.scope.getByText(FR['send.error.email']).waitFor();
  assert.equal(await email.inputValue(), 'marie@', 'what was typed stays');
  await checkAxe(s.page, 'consent form with errors');
  assert.deepEqual(after(s, loaded), [], 'refused sends make no request');

  await email.fill('marie.dupont@example.fr');
  await s.scope.getByLabel(new RegExp(FR['send.field.name'])).fill('Marie Dupont');
  const optional = s.scope.locator('.lic-send-optional input[type=checkbox]');
  if (await optional.count()) await optional.first().check();
  await consent(s, manifest).check();
  const shown = await preview(s);
  await screenshot(s.page, 'send-consent');
  await sendButton(s).click();
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();

  const sent = after(s, loaded);
  assert.equal(sent.length, 1, `exactly one request after the click: ${JSON.stringify(sent.map((r) => r.url))}`);
  assert.equal(sent[0].method, 'POST');
  assert.equal(sent[0].url, manifest.endpoint);
  const body = JSON.parse(sent[0].body);
  const { version, ...answersSent } = body.result.answers;
  assert.equal(version, 1);
  assert.deepEqual(Object.keys(answersSent).sort(), Object.keys(shown.answers).filter((k) => shown.answers[k] !== FR['send.not_answered']).sort());
  assert.deepEqual(body.contact, shown.contact);
  assert.deepEqual(body.contact, { email: 'marie.dupont@example.fr', name: 'Marie Dupont' });
  assert.match(body.idempotency_key, /^[0-9a-f]{32}$/);
  assert.deepEqual(body.campaign, { name: manifest.name, origin: manifest.origin });

  // The receiver stored it once, and the receipt shows its reference.
  const stored = all.receiver.store.all().filter((r) => r.idempotency_key === body.idempotency_key);
  assert.equal(stored.length, 1);
  await s.scope.getByText(fill(FR['send.receipt.reference'], { reference: stored[0].reference })).waitFor();
  assert.deepEqual(stored[0].payload, body);
  const events = await s.page.evaluate(() => window.__lic.events);
  assert.deepEqual(events.map((e) => e.type), ['lic:sent']);
  assert.deepEqual(events[0].detail, {}, 'the host event carries no data');
  await checkAxe(s.page, 'receipt');
  await screenshot(s.page, 'send-receipt');
  await s.page.waitForTimeout(500);
  assert.equal(after(s, loaded).length, 1, 'nothing more after the send');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

for (const [mode, failure, status] of [
  ['500', 'server', '500'],
  ['400', 'refused', '400'],
  ['timeout', 'timeout', ''],
  ['cors', 'unreachable', ''],
  ['offline', 'offline', ''],
]) {
  test(`Failure "${mode}": explained in plain words, nothing lost, a retry stores the result once`, async () => {
    const manifest = all.receiver.manifest();
    if (mode === 'timeout') manifest.timeout_seconds = 1;
    const s = await openHost(all, { manifest });
    const loaded = await toConsent(s, manifest);
    const email = s.scope.getByLabel(new RegExp(FR['send.field.email']));
    await email.fill('paul@example.fr');
    await consent(s, manifest).check();
    if (mode === 'offline') await s.context.setOffline(true);
    else all.receiver.fail(mode);
    await sendButton(s).click();
    await s.scope.getByRole('heading', { name: FR['send.fail.title'] }).waitFor({ timeout: 8000 });
    await s.scope.getByText(fill(FR[`send.fail.${failure}`], { status })).waitFor();
    // Nothing lost: what was typed, the consent, the result; a way to keep it.
    assert.equal(await email.inputValue(), 'paul@example.fr');
    assert.equal(await consent(s, manifest).isChecked(), true);
    await s.scope.getByRole('link', { name: FR['send.download'] }).waitFor();
    await s.scope.getByRole('button', { name: FR['send.copy'] }).waitFor();
    await s.scope.getByRole('heading', { name: FR['result.title'], level: 2 }).waitFor();
    await checkAxe(s.page, `failure ${mode}`);
    const first = after(s, loaded);
    assert.equal(first.length, mode === 'offline' ? 0 : 1, `one attempt, one request (${mode})`);
    if (mode === '500') {
      // The result can be kept without the campaign: downloaded as a file or copied, with no request at all.
      const link = s.scope.getByRole('link', { name: FR['send.download'] });
      const [download] = await Promise.all([s.page.waitForEvent('download'), link.click()]);
      const kept = JSON.parse(readFileSync(await download.path(), 'utf8'));
      // The payload that would have gone, without contact details: the result document v1 and its claims.
      assert.equal(kept.result?.version, 1, 'the downloaded file holds the result document v1');
      assert.ok(Array.isArray(kept.result.claims) && kept.result.claims.length > 0, 'with its claims');
      assert.deepEqual(kept.contact, {}, 'and no contact details');
      await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: all.env.base });
      await s.scope.getByRole('button', { name: FR['send.copy'] }).click();
      const copied = await s.page.evaluate(() => navigator.clipboard.readText());
      assert.deepEqual(JSON.parse(copied), kept, 'the copied text is the downloaded document');
      assert.equal(after(s, loaded).length, first.length, 'keeping the result makes no request');
    }

    if (mode === 'offline') await s.context.setOffline(false);
    if (mode === 'timeout') await new Promise((ok) => setTimeout(ok, 2000)); // the late answer of the first attempt
    await retryButton(s).click();
    await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
    const attempts = after(s, loaded);
    assert.equal(attempts.length, first.length + 1);
    const keys = attempts.map((r) => JSON.parse(r.body).idempotency_key);
    assert.equal(new Set(keys).size, 1, 'the retry keeps the idempotency key');
    const stored = all.receiver.store.all().filter((r) => r.idempotency_key === keys[0]);
    assert.equal(stored.length, 1, 'stored once');
    await s.context.close();
  });
}

test('A manifest given as an address is fetched only after "Voir la campagne…", then one POST', async () => {
  const url = `${all.receiver.origin}/manifest.json`;
  const manifest = all.receiver.manifest();
  const s = await openHost(all, { manifest: url });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'fr');
  await s.scope.getByText(fill(FR['send.intro_url'], { origin: all.receiver.origin })).waitFor();
  assert.deepEqual(after(s, loaded), [], 'the manifest is not fetched before the visitor asks');
  await checkAxe(s.page, 'send offer (address)');
  await s.scope.getByRole('button', { name: FR['send.load'] }).click();
  await s.scope.getByRole('button', { name: fill(FR['send.open'], { name: manifest.name }) }).click();
  assert.deepEqual(after(s, loaded).map((r) => `${r.method} ${r.url}`), [`GET ${url}`]);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('lea@example.fr');
  await consent(s, manifest).check();
  await sendButton(s).click();
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  assert.deepEqual(after(s, loaded).map((r) => `${r.method} ${r.url}`), [`GET ${url}`, `POST ${manifest.endpoint}`]);
  await s.context.close();
});

test('Form POST opens the campaign site in a new tab with the result; stored once', async () => {
  const manifest = { ...all.receiver.manifest(), delivery: 'form' };
  const s = await openHost(all, { manifest });
  const loaded = await toConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('jean@example.fr');
  await consent(s, manifest).check();
  const popup = s.context.waitForEvent('page');
  await sendButton(s).click();
  const tab = await popup;
  await tab.getByRole('heading', { name: 'Résultat reçu' }).waitFor();
  const reference = await tab.locator('#reference').textContent();
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const sent = after(s, loaded);
  assert.deepEqual(sent.map((r) => `${r.method} ${r.url}`), [`POST ${manifest.endpoint}`]);
  const body = JSON.parse(new URLSearchParams(sent[0].body).get('payload'));
  const stored = all.receiver.store.all().filter((r) => r.idempotency_key === body.idempotency_key);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].reference, reference);
  assert.equal(stored[0].delivery, 'form');
  await s.context.close();
});

test('Event delivery (in-page): a lic:payload CustomEvent on the element, no request', async () => {
  const base = all.env.base;
  const manifest = { ...all.receiver.manifest(), origin: base, delivery: 'event', privacy_policy: `${base}/privacy` };
  delete manifest.endpoint;
  const s = await openHost(all, { manifest });
  const loaded = await toConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('ines@example.fr');
  await consent(s, manifest).check();
  await sendButton(s).click();
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const payloads = await s.page.evaluate(() => window.__lic.payloads);
  assert.equal(payloads.length, 1);
  assert.equal(payloads[0].contact.email, 'ines@example.fr');
  assert.equal(payloads[0].result.version, 1);
  assert.deepEqual(after(s, loaded), []);
  await s.context.close();
});

test('postMessage delivery (iframe): the parent page at the pinned origin receives the payload, no request', async () => {
  const base = all.env.base;
  const manifest = { ...all.receiver.manifest(), origin: base, delivery: 'post_message', privacy_policy: `${base}/privacy` };
  delete manifest.endpoint;
  const s = await openHost(all, { manifest, mode: 'iframe' });
  const loaded = await toConsent(s, manifest);
  await s.scope.getByLabel(new RegExp(FR['send.field.email'])).fill('ines@example.fr');
  await consent(s, manifest).check();
  await sendButton(s).click();
  await s.scope.getByRole('heading', { name: FR['send.receipt.title'] }).waitFor();
  const messages = await s.page.evaluate(() => window.__lic.messages);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].origin, base);
  assert.equal(messages[0].data.source, 'loan-insurance-check');
  assert.equal(messages[0].data.payload.contact.email, 'ines@example.fr');
  // The loader re-dispatches the frame's "sent" event on the iframe element.
  await s.page.waitForFunction(() => window.__lic.events.some((e) => e.type === 'lic:sent'));
  assert.deepEqual(after(s, loaded), []);
  await s.context.close();
});

test('The receiver keeps what it stored across a restart (a real SQLite file), and a retry after it is no duplicate', async () => {
  const { startReceiver } = await import('./campaign-server.mjs');
  const before = all.receiver.store.all();
  assert.ok(before.length > 0, 'earlier tests stored results');
  const port = Number(new URL(all.receiver.origin).port);
  await all.receiver.close();
  // The same origin again (the payloads name it), the same database file, the same configuration (its admin
  // token is the key the withdrawal secrets are derived from).
  all.receiver = await startReceiver({ db: all.dbPath, port, allowOrigins: [all.env.base], token: all.receiver.token });
  const again = all.receiver.store.all();
  assert.deepEqual(again.map((r) => r.reference), before.map((r) => r.reference));
  const res = await fetch(`${all.receiver.origin}/api/results`, { method: 'POST', body: JSON.stringify(before[0].payload) });
  assert.equal(res.status, 200);
  const answer = await res.json();
  assert.deepEqual([answer.reference, answer.duplicate], [before[0].reference, true]);
  assert.deepEqual(answer.fields, [...Object.keys(before[0].payload.result.answers).filter((k) => k !== 'version'), ...Object.keys(before[0].payload.contact)], 'the fields of the version stored');
  assert.equal(answer.withdraw_secret, before[0].withdraw_secret, 'the same withdrawal secret');
  assert.match(answer.withdraw_secret, /^[0-9a-f]{32}$/);
  assert.equal(all.receiver.store.all().length, before.length);
  // A document that does not match the schemas is refused with the problems, and not stored.
  const bad = await fetch(`${all.receiver.origin}/api/results`, { method: 'POST', body: JSON.stringify({ ...before[0].payload, idempotency_key: 'x' }) });
  assert.equal(bad.status, 422);
  assert.ok((await bad.json()).problems.some((p) => p.includes('idempotency_key')));
  assert.equal(all.receiver.store.all().length, before.length);
});
