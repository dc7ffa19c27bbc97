// Helpers of the sending tests (tests/e2e/send*.test.mjs): the built site, the campaign server (campaign/, Rust,
// through tests/e2e/campaign-server.mjs) on another loopback origin with its own SQLite file, host pages made per test,
// and every request of the browser context recorded (popups included) with its method and body.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { start, TODAY, SITE } from './harness.mjs';
import { startReceiver } from './campaign-server.mjs';

export { FR, EN, journey } from './embed-helpers.mjs';

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8' };

/** The built site plus host pages made by the tests (`pages`: path -> HTML), on one loopback origin. */
async function siteWithPages(pages) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (pages.has(path)) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(pages.get(path));
      return;
    }
    const file = normalize(join(SITE, decodeURIComponent(path)));
    if (!file.startsWith(SITE)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** The browser, the widget's site (`base`) and a receiver (`receiver.origin`) that lets `base` read its answers. */
export async function startAll(receiverOptions = {}) {
  const browserEnv = await start();
  const pages = new Map();
  const site = await siteWithPages(pages);
  const env = { browser: browserEnv.browser, base: `http://127.0.0.1:${site.address().port}`, pages };
  const dir = mkdtempSync(join(tmpdir(), 'lic-receiver-'));
  const receiver = await startReceiver({ db: join(dir, 'campaign.sqlite'), allowOrigins: [env.base], ...receiverOptions });
  const all = {
    env,
    receiver,
    dbPath: join(dir, 'campaign.sqlite'),
    // `all.receiver`, not the first one: a test restarts the receiver, and an open server would keep this test
    // file's process (and so the whole run) alive.
    async stop() {
      await all.receiver.close();
      site.closeAllConnections?.();
      site.close();
      await browserEnv.stop();
    },
  };
  return all;
}

/**
 * A fresh context and a host page on the widget's origin holding one widget configured with `manifest` (an object
 * is written inline as JSON; a string as it is), in-page (`mode: 'inpage'`) or in an iframe by the loader.
 * Records every request of the context (`requests`: { method, url, body }), console warnings and errors
 * (`problems`), and the host events and messages the page receives. `extra` is HTML after the widget (a
 * hostile host's styles or decoys); `initScript` runs in every frame first.
 */
export async function openHost(all, { manifest, mode = 'inpage', lang = 'fr', extra = '', initScript = null } = {}) {
  const context = await all.env.browser.newContext({ locale: 'fr-FR' });
  // Runs in every frame before the page's scripts (a test that takes a browser feature away).
  if (initScript) await context.addInitScript(initScript);
  context.setDefaultTimeout(10_000);
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.clock.setFixedTime(new Date(TODAY));
  const value = manifest === undefined ? null : typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const config = `data-lang="${lang}"${value === null ? '' : ` data-manifest="${attr(value)}"`}`;
  const widget = mode === 'iframe'
    ? `<script src="/www/loader.js" ${config}></script>`
    : `<loan-insurance-check ${config}></loan-insurance-check>`;
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page hôte</title><link rel="icon" href="data:,">
<script type="module" src="/www/embed.js"></script></head><body><main><h1>Page de l'association</h1>${widget}${extra}</main></body></html>`;
  const path = `/send-host-${all.env.pages.size}.html`;
  all.env.pages.set(path, html);
  await page.addInitScript(() => {
    window.__lic = { events: [], payloads: [], messages: [] };
    document.addEventListener('lic:sent', (e) => window.__lic.events.push({ type: e.type, detail: e.detail }));
    document.addEventListener('lic:payload', (e) => window.__lic.payloads.push(e.detail));
    window.addEventListener('message', (e) => {
      if (e.data?.type === 'payload') window.__lic.messages.push({ origin: e.origin, data: e.data });
      if (e.data?.type === 'sent') window.__lic.events.push({ type: 'lic:sent', via: 'message' });
    });
  });
  await page.goto(all.env.base + path);
  const scope = mode === 'iframe' ? page.frameLocator('iframe').locator('body') : page.locator('loan-insurance-check');
  return { context, page, scope, requests, problems };
}

/** Requests made after the first `count`. */
export const after = (session, count) => session.requests.slice(count);
