// Issue 14 points 5, 6, 7, 9, 10 (hostile hosts, hostile manifest servers, crafted restores, silent blanks): each
// attack is played in a real browser against the built widget. Two origins at least: the widget's site (with
// host pages made per test, `all.env.pages`) and a hostile server on another loopback origin that serves host pages
// and manifests that never answer, send 10 MB, redirect, fail with 500, or hide behind a zero-padded port.
import { test, before, after as afterAll } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { checkAxe, SHOTS, TODAY } from './harness.mjs';
import { startAll, FR, EN, journey } from './send-helpers.mjs';

let all;
let hostile;

const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? `{${k}}`);
const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The hostile server: manifests that misbehave, and host pages on an origin that is not the widget's. */
async function startHostile() {
  const state = { hits: [], hugeSent: 0, hugeClosed: false, pages: new Map(), sockets: new Set() };
  const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    state.hits.push(path);
    if (state.pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(state.pages.get(path));
    } else if (path === '/never.json') {
      // Headers never come: the widget must give up on its own.
    } else if (path === '/huge.json' || path === '/huge-declared.json') {
      const declared = path === '/huge-declared.json' ? { 'content-length': String(10 * 1024 * 1024 + 12) } : {};
      res.writeHead(200, { 'content-type': 'application/json', ...declared, ...cors });
      res.write('{"name": "');
      const chunk = 'x'.repeat(16 * 1024);
      res.on('close', () => { state.hugeClosed = true; });
      // At a network's pace (16 KB every 5 ms, about 3 s for 10 MB), not loopback's: the browser's network
      // process would otherwise have read it all into its buffers before the page could say stop.
      while (state.hugeSent < 10 * 1024 * 1024 && !res.destroyed) {
        state.hugeSent += chunk.length;
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        await new Promise((ok) => setTimeout(ok, 5));
      }
      if (!res.destroyed) res.end('"}');
    } else if (path === '/redirect.json') {
      res.writeHead(302, { location: `${all.receiver.origin}/manifest.json`, ...cors }).end();
    } else if (path === '/500.json') {
      res.writeHead(500, { 'content-type': 'text/plain', ...cors }).end('down');
    } else if (path === '/padded.json') {
      // A manifest that declares another site than the one serving it.
      const origin = 'https://campagne-pirate.example';
      res.writeHead(200, { 'content-type': 'application/json', ...cors })
        .end(JSON.stringify({ ...all.receiver.manifest(), origin, endpoint: `${origin}/results`, privacy_policy: `${origin}/p` }));
    } else {
      res.writeHead(404, cors).end();
    }
  });
  server.on('connection', (s) => { state.sockets.add(s); s.on('close', () => state.sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  state.port = server.address().port;
  state.origin = `http://127.0.0.1:${state.port}`;
  state.close = () => { for (const s of state.sockets) s.destroy(); server.close(); };
  return state;
}

before(async () => {
  all = await startAll();
  hostile = await startHostile();
});
afterAll(async () => {
  hostile?.close();
  await all?.stop();
});

/** A host page on the widget's origin; `body` is its content, `head` more of its head. */
function page(body, head = '') {
  const path = `/hg-${all.env.pages.size}.html`;
  all.env.pages.set(path, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page hôte</title><link rel="icon" href="data:,">${head}
<script type="module" src="/www/embed.js"></script></head><body><main><h1>Page de l'association</h1>${body}</main></body></html>`);
  return path;
}

/** A fresh context on `url`: requests (with their referrer), console lines and host events recorded. */
async function visit(url, { init, clock = true, before } = {}) {
  const context = await all.env.browser.newContext({ locale: 'fr-FR' });
  context.setDefaultTimeout(15_000);
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer }));
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  if (clock) await p.clock.setFixedTime(new Date(TODAY));
  await p.addInitScript(() => {
    window.__steps = [];
    document.addEventListener('lic:step', (e) => window.__steps.push(e.detail?.step));
    window.__messages = [];
    window.addEventListener('message', (e) => { if (e.data?.source === 'loan-insurance-check') window.__messages.push(e.data); });
  });
  if (init) await p.addInitScript(init);
  if (before) await before(context, p);
  await p.goto(url);
  return { context, page: p, requests, problems, widget: p.locator('loan-insurance-check') };
}

/** Goes from the start screen to the result, as a visitor answering "I don't know" or the first option. */
async function toResult(w) {
  await journey(w, 'fr');
}

// ---- Point 6: one URL parser; host text without format characters, isolated ----

test('A zero-padded port (https://host:000443/…) is refused by the configuration check: no campaign, no fetch, the check works', async () => {
  const url = `http://127.0.0.1:000${hostile.port}/padded.json`;
  const s = await visit(all.env.base + page(`<loan-insurance-check data-manifest="${attr(url)}"></loan-insurance-check>`));
  await s.widget.getByText(FR['notice.bad_manifest']).waitFor();
  assert.ok(s.problems.some((p) => p.includes('data-manifest') && p.includes('port of at most 5 digits')), s.problems.join('\n'));
  const hitsBefore = hostile.hits.length;
  await toResult(s.widget);
  // Before: the attribute check let it through, the origin parser failed, the served-from check was skipped,
  // and the consent screen offered to send to the pirate site "from  :".
  assert.equal(await s.widget.getByRole('button', { name: FR['send.load'] }).count(), 0, 'no campaign offered');
  assert.equal(await s.widget.getByText('campagne-pirate').count(), 0);
  assert.deepEqual(hostile.hits.slice(hitsBefore), [], 'nothing fetched from the padded address');
  await s.context.close();
});

test('A name with U+202E cannot reverse the origin on the consent screen: format characters removed, values in <bdi>', async () => {
  const name = 'Campagne \u202Egro.etis-lanigiro//:sptth';
  const manifest = { ...all.receiver.manifest(), name, purpose: 'Regrouper\u200B les demandes\u2066.' };
  const s = await visit(all.env.base + page(`<loan-insurance-check data-manifest="${attr(JSON.stringify(manifest))}"></loan-insurance-check>`));
  await toResult(s.widget);
  const shown = 'Campagne gro.etis-lanigiro//:sptth';
  await s.widget.getByRole('button', { name: fill(FR['send.open'], { name: shown }) }).click();
  const form = s.widget.locator('.lic-send-form');
  await form.waitFor();
  const text = await s.widget.locator('.lic-send').evaluate((el) => el.textContent);
  assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\uFEFF]/.test(text), 'no format character on the consent screen');
  // Every host value of the summary and of the consent sentence is isolated.
  const isolated = await s.widget.locator('.lic-send').evaluate((el) => [...el.querySelectorAll('bdi')].map((b) => b.textContent));
  for (const value of [shown, all.receiver.origin, 'Regrouper les demandes.']) {
    assert.ok(isolated.includes(value), `${value} is in a <bdi>: ${JSON.stringify(isolated)}`);
  }
  const consent = await s.widget.getByLabel(fill(FR['send.consent'], { name: shown, origin: all.receiver.origin })).count();
  assert.equal(consent, 1, 'the consent box names the campaign and its origin, in order');
  await checkAxe(s.page, 'consent screen with a right-to-left override in the name');
  await s.context.close();
});

// ---- Point 7: a manifest fetch that ends ----

/** The result screen of a widget whose manifest is `url`, after clicking "See the campaign…". */
async function loadCampaign(url) {
  const s = await visit(all.env.base + page(`<loan-insurance-check data-manifest="${attr(url)}"></loan-insurance-check>`));
  await toResult(s.widget);
  await s.widget.getByRole('button', { name: FR['send.load'] }).click();
  return s;
}

test('A manifest server that never answers: after the timeout, a message and a retry button (not "Loading…" forever)', async () => {
  const s = await loadCampaign(`${hostile.origin}/never.json`);
  const started = Date.now();
  await s.widget.getByText(FR['manifest.fetch.timeout']).waitFor({ timeout: 20_000 });
  const waited = Date.now() - started;
  assert.ok(waited < 15_000, `gave up after ${waited} ms`);
  const retry = s.widget.getByRole('button', { name: FR['send.load_retry'] });
  assert.equal(await retry.isEnabled(), true, 'the retry button can be pressed');
  assert.ok(s.problems.some((p) => p.includes('could not be fetched') && p.includes('in time')), s.problems.join('\n'));
  await checkAxe(s.page, 'manifest fetch timed out');
  for (const width of [1280, 320]) {
    await s.page.setViewportSize({ width, height: 800 });
    await s.widget.locator('.lic-send').screenshot({ path: join(SHOTS, `hostguard-manifest-timeout-${width}.png`) });
  }
  const hits = hostile.hits.filter((h) => h === '/never.json').length;
  await retry.click();
  await s.widget.getByRole('button', { name: FR['send.load_retry'] }).waitFor();
  await s.page.waitForTimeout(200);
  assert.equal(hostile.hits.filter((h) => h === '/never.json').length, hits + 1, 'the retry asks again, once');
  await s.context.close();
});

test('A 10 MB manifest: reading stops at 64 KB with the size message (never downloaded whole)', async () => {
  hostile.hugeSent = 0;
  hostile.hugeClosed = false;
  const s = await loadCampaign(`${hostile.origin}/huge.json`);
  await s.widget.getByText(fill(FR['manifest.fetch.too_large'], { limit: '64' })).waitFor();
  for (let i = 0; i < 50 && !hostile.hugeClosed; i++) await s.page.waitForTimeout(100);
  assert.ok(hostile.hugeClosed, 'the widget closed the connection');
  assert.ok(hostile.hugeSent < 2 * 1024 * 1024, `the server could send ${hostile.hugeSent} bytes before the widget stopped`);
  assert.ok(!(await s.widget.locator('.lic-send').textContent()).includes('{'), 'every value filled in');
  await s.context.close();

  // A declared Content-Length over the limit is refused before reading the body.
  hostile.hugeSent = 0;
  hostile.hugeClosed = false;
  const d = await loadCampaign(`${hostile.origin}/huge-declared.json`);
  await d.widget.getByText(fill(FR['manifest.fetch.too_large'], { limit: '64' })).waitFor();
  for (let i = 0; i < 50 && !hostile.hugeClosed; i++) await d.page.waitForTimeout(100);
  assert.ok(hostile.hugeClosed && hostile.hugeSent < 2 * 1024 * 1024, `declared: ${hostile.hugeSent} bytes sent`);
  await d.context.close();
});

test('A manifest address that redirects is refused with its own message', async () => {
  const asked = () => all.receiver.requests.filter((r) => r.path === '/manifest.json').length;
  const before = asked();
  const s = await loadCampaign(`${hostile.origin}/redirect.json`);
  await s.widget.getByText(FR['manifest.fetch.redirect']).waitFor();
  await s.page.waitForTimeout(300);
  // The receiver's own log (the browser's request list also names the target of a redirect it did not follow).
  assert.equal(asked(), before, 'the redirect was not followed');
  assert.ok(s.problems.some((p) => p.includes('redirect')), s.problems.join('\n'));
  await s.context.close();
});

test('A manifest server answering 500: the message says "erreur 500", never a literal {status}', async () => {
  const s = await loadCampaign(`${hostile.origin}/500.json`);
  await s.widget.getByText(fill(FR['manifest.fetch.server'], { status: '500' })).waitFor();
  const text = await s.widget.locator('.lic-send').textContent();
  assert.ok(!text.includes('{status}') && !text.includes('{'), text);
  await s.context.close();
});

// ---- Point 5: coarse host events ----

/** Starts the check and answers the first question; returns the step events the host page saw. */
async function firstSteps(s, scope) {
  await scope.getByRole('button', { name: FR['start.begin'] }).click();
  await scope.getByRole('radio').first().check();
  await scope.getByRole('button', { name: FR['nav.continue'], exact: true }).click();
  await s.page.waitForFunction(() => (window.__steps.length + window.__messages.filter((m) => m.type === 'step').length) >= 3);
  return s.page.evaluate(() => [...window.__steps, ...window.__messages.filter((m) => m.type === 'step').map((m) => `message:${m.step}`)]);
}

test('Host events are coarse: start, question, review, result; question ids only with data-events="detailed"', async () => {
  const coarse = await visit(all.env.base + page('<loan-insurance-check></loan-insurance-check>'));
  const steps = await firstSteps(coarse, coarse.widget);
  assert.deepEqual([...new Set(steps)], ['start', 'question'], `coarse steps: ${steps}`);
  await coarse.context.close();

  const detailed = await visit(all.env.base + page('<loan-insurance-check data-events="detailed"></loan-insurance-check>'));
  const named = await firstSteps(detailed, detailed.widget);
  assert.ok(named.includes('question:loan_kind'), `detailed steps: ${named}`);
  await detailed.context.close();
});

test('In an iframe on another origin, data-events="detailed" gives no question id to the host page', async () => {
  const path = '/hg-cross.html';
  hostile.pages.set(path, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hôte hostile</title><link rel="icon" href="data:,"></head>
<body><main><h1>Hôte hostile</h1><script src="${all.env.base}/www/loader.js" data-events="detailed"></script></main></body></html>`);
  const s = await visit(hostile.origin + path);
  const body = s.page.frameLocator('iframe').locator('body');
  const steps = await firstSteps(s, body);
  assert.ok(steps.length >= 3, `${steps}`);
  assert.ok(steps.every((x) => !x.includes(':') || /^message:[a-z]+$/.test(x)), `no question id crosses origins: ${steps}`);
  assert.ok(s.problems.some((p) => p.includes('data-events="detailed" is ignored')), s.problems.join('\n'));
  await s.context.close();
});

// ---- Point 9: restores check what they restore ----

test('A crafted resume link with a valid checksum (−25,00 €, years 1 and 9999) restores nothing', async () => {
  // Made by src/act/fragment.rs encode() from answers no visitor can type (see tests/hostile/catalogue.json).
  for (const code of ['ASJZPIcn54U', 'ASJZBAA8iCdU7vDeAS6W']) {
    const s = await visit(`${all.env.base}${page('<loan-insurance-check></loan-insurance-check>')}#lic=${code}`);
    await s.widget.getByRole('status').filter({ hasText: FR['act.link_error.damaged'] }).waitFor();
    await s.widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
    assert.equal(await s.widget.getByText('-25,00').count() + await s.widget.getByText('−25,00').count(), 0);
    await s.context.close();
  }
});

test('Device memory holding crafted answers restores nothing either', async () => {
  const s = await visit(all.env.base + page('<loan-insurance-check></loan-insurance-check>'), {
    init: () => localStorage.setItem('loan-insurance-check:answers', 'ASJZBAA8iCdU7vDeAS6W'),
  });
  await s.widget.getByRole('status').filter({ hasText: FR['act.device_error.damaged'] }).waitFor();
  await s.widget.getByRole('button', { name: FR['start.begin'] }).waitFor();
  await s.context.close();
});

// ---- Point 10: no silent blank ----

test('A WebAssembly download that stalls: after the timeout, the visible message and a console line naming the cause', async () => {
  const s = await visit(all.env.base + page('<loan-insurance-check></loan-insurance-check>'), {
    clock: false,
    before: async (context, p) => {
      await context.route('**/*.wasm', () => { /* never answered: the download stalls */ });
      await p.clock.install({ time: new Date(TODAY) });
    },
  });
  await s.page.waitForFunction(() => !!customElements.get('loan-insurance-check'));
  await s.page.clock.runFor(31_000);
  await s.widget.getByRole('alert').filter({ hasText: FR['embed.unavailable'] }).waitFor();
  assert.ok(s.problems.some((p) => p.startsWith('error:') && p.includes('did not arrive within 30 s')), s.problems.join('\n'));
  await s.context.close();
});

test('A refused WebAssembly fetch (connect-src): the visible message and a console line naming the fetch', async () => {
  const csp = `<meta http-equiv="Content-Security-Policy" content="connect-src 'none'">`;
  const s = await visit(all.env.base + page('<loan-insurance-check data-lang="en"></loan-insurance-check>', csp));
  await s.widget.getByRole('alert').filter({ hasText: EN['embed.unavailable'] }).waitFor();
  assert.ok(s.problems.some((p) => p.includes('could not be fetched') && p.includes('connect-src')), s.problems.join('\n'));
  await s.context.close();
});

test('An element name already taken by another script: a visible message next to each element and a console line', async () => {
  const taken = "<script>customElements.define('loan-insurance-check', class extends HTMLElement {});</script>";
  const s = await visit(all.env.base + page('<loan-insurance-check></loan-insurance-check><p>Suite de la page</p>', taken));
  await s.page.getByRole('alert').filter({ hasText: FR['embed.unavailable'] }).waitFor();
  assert.ok(s.problems.some((p) => p.startsWith('error:') && p.includes('already defined by another script')), s.problems.join('\n'));
  await checkAxe(s.page, 'element name taken');
  await s.context.close();
});

test('A sandbox without allow-forms: the questions still move on, with a notice and a console line naming allow-forms', async () => {
  const inner = page('<loan-insurance-check></loan-insurance-check>');
  const outer = page(`<iframe title="Vérificateur" sandbox="allow-scripts allow-same-origin" src="${inner}" style="width:100%;height:900px"></iframe>`);
  const s = await visit(all.env.base + outer);
  const w = s.page.frameLocator('iframe').locator('loan-insurance-check');
  await w.getByText(FR['notice.sandbox_forms']).waitFor();
  await w.getByRole('button', { name: FR['start.begin'] }).click();
  const heading = w.getByRole('heading', { level: 2 }).first();
  const first = (await heading.textContent()).trim();
  await w.getByRole('radio').first().check();
  await w.getByRole('button', { name: FR['nav.continue'], exact: true }).click();
  await heading.filter({ hasNotText: first }).waitFor({ timeout: 5000 });
  // Enter in a text field submits too.
  const box = w.getByRole('textbox').first();
  if (await box.count()) {
    const second = (await heading.textContent()).trim();
    await box.fill('1000');
    await box.press('Enter');
    await heading.filter({ hasNotText: second }).waitFor({ timeout: 5000 });
  }
  assert.ok(s.problems.some((p) => p.includes('allow-forms')), s.problems.join('\n'));
  await s.context.close();
});

test('The loader from an about:srcdoc page pins the real origin (not #parent=null) and asks for its frame without a referrer', async () => {
  const srcdoc = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>srcdoc</title></head><body><script src="${all.env.base}/www/loader.js"></script></body></html>`;
  const outer = page(`<iframe title="Contenu intégré" srcdoc="${attr(srcdoc)}" style="width:100%;height:900px"></iframe>`);
  const s = await visit(all.env.base + outer);
  const widgetFrame = await (async () => {
    for (let i = 0; i < 100; i++) {
      const f = s.page.frames().find((x) => x.url().includes('/www/frame'));
      if (f) return f;
      await s.page.waitForTimeout(50);
    }
    return null;
  })();
  assert.ok(widgetFrame, `no widget frame: ${s.page.frames().map((f) => f.url())}`);
  const hash = new URLSearchParams(new URL(widgetFrame.url()).hash.slice(1));
  assert.equal(hash.get('parent'), all.env.base);
  const srcdocFrame = s.page.frames().find((f) => f.url() === 'about:srcdoc');
  const policy = await srcdocFrame.evaluate(() => document.querySelector('iframe').referrerPolicy);
  assert.equal(policy, 'no-referrer');
  const request = s.requests.find((r) => r.url.includes('/www/frame'));
  assert.equal(request.referer, undefined, 'the frame is requested without a referrer');
  // The frame can talk to its host page: it reports its height, so the iframe fits the widget.
  await widgetFrame.getByRole('button', { name: FR['start.begin'] }).waitFor();
  const fits = await srcdocFrame.waitForFunction(() => {
    const f = document.querySelector('iframe');
    return f.getBoundingClientRect().height !== 384 && f.getBoundingClientRect().height > 100;
  }, null, { timeout: 10_000 }).then(() => true, () => false);
  assert.ok(fits, 'the frame was resized by its messages');
  assert.ok(!s.problems.some((p) => p.includes('was not given its host page origin')), s.problems.join('\n'));
  await s.context.close();
});
