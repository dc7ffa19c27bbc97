// Hostile and broken manifests (issue 6): each is refused with a console message naming the problem and a
// visible notice, or rendered safely; the check still works and no send button appears; nothing is fetched.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { checkAxe, widgetFilesRequested } from './harness.mjs';
import { startAll, openHost, after, FR, EN, journey } from './send-helpers.mjs';

let all;
before(async () => { all = await startAll(); });
afterAll(async () => { await all?.stop(); });

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${k}}`);
const refusedText = (problem) => fill(FR['send.invalid'], { problem });

function cases() {
  const good = all.receiver.manifest();
  const { endpoint, ...noEndpoint } = good;
  return [
    ['an endpoint on another origin', { ...good, endpoint: 'https://collecte.example.net/results' }, 'endpoint: other_origin', '"endpoint" must be an address on the manifest\'s origin'],
    ['a javascript: endpoint', { ...good, endpoint: 'javascript:alert(document.domain)' }, 'endpoint: not_https', '"endpoint" must be an https:// address'],
    ['an http: endpoint', { ...good, origin: 'http://campagne.example.org', endpoint: 'http://campagne.example.org/results' }, 'origin: origin', '"origin" must be an origin'],
    ['missing fields', { manifest_version: 1, name: 'Campagne' }, 'purpose: missing', '"origin" is required'],
    ['an unknown field', { ...good, share_with_partners: true }, 'share_with_partners: unknown', '"share_with_partners" is not a manifest v1 key'],
    ['post_message outside an iframe', { ...noEndpoint, delivery: 'post_message' }, 'delivery: not_framed', 'needs the widget to be in an iframe'],
  ];
}


test('Refused manifests: a console message naming the problem, a visible notice, no send button, the check works, no request', async () => {
  for (const [label, manifest, problem, consoleText] of cases()) {
    const s = await openHost(all, { manifest });
    await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
    const loaded = await widgetFilesRequested(s);
    await journey(s.scope, 'fr');
    await s.scope.getByText(refusedText(problem)).waitFor();
    assert.equal(await s.scope.getByRole('button', { name: FR['send.submit'], exact: true }).count(), 0, `${label}: no send button`);
    assert.equal(await s.scope.getByRole('button', { name: /Préparer l'envoi/ }).count(), 0, `${label}: no send offer`);
    assert.ok(s.problems.some((p) => p.startsWith('warning:') && p.includes('data-manifest') && p.includes(consoleText)), `${label}: console names the problem: ${s.problems.join(' | ')}`);
    assert.deepEqual(after(s, loaded), [], `${label}: nothing fetched`);
    if (label === 'an endpoint on another origin') await checkAxe(s.page, 'refused manifest notice');
    await s.context.close();
  }
});

test('A 1 MB manifest is refused by the configuration check: a notice, and no send section at all', async () => {
  const big = { ...all.receiver.manifest(), purpose: 'x'.repeat(1024 * 1024) };
  const s = await openHost(all, { manifest: big });
  await s.scope.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await s.scope.getByText(FR['notice.bad_manifest']).waitFor();
  await journey(s.scope, 'fr');
  assert.equal(await s.scope.getByRole('heading', { name: FR['send.title'] }).count(), 0);
  assert.ok(s.problems.some((p) => p.includes('data-manifest')), s.problems.join(' | '));
  assert.deepEqual(after(s, loaded), []);
  await s.context.close();
});

test('Script tags in the campaign name are shown as text, never run', async () => {
  const name = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Campagne';
  const manifest = { ...all.receiver.manifest(), name, purpose: '<b>gras</b> & <i>italique</i>' };
  const s = await openHost(all, { manifest, lang: 'en' });
  await s.scope.getByRole('button', { name: EN['start.begin'] }).waitFor();
  const loaded = await widgetFilesRequested(s);
  await journey(s.scope, 'en');
  const open = s.scope.getByRole('button', { name: fill(EN['send.open'], { name }) });
  await open.click();
  await s.scope.getByText(name, { exact: true }).first().waitFor();
  await s.scope.getByText('<b>gras</b> & <i>italique</i>', { exact: true }).waitFor();
  const injected = await s.page.locator('loan-insurance-check').evaluate((el) => el.shadowRoot.querySelectorAll('.lic-send script, .lic-send img, .lic-send b').length);
  assert.equal(injected, 0);
  assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(after(s, loaded), [], 'the img of the name was never requested');
  await checkAxe(s.page, 'consent form (hostile name, English)');
  await s.context.close();
});
