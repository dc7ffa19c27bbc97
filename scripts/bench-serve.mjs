// The static server of scripts/bench.mjs: like scripts/serve.mjs, but it sends each file compressed as a production
// host or CDN would (brotli quality 11 when the browser accepts it, else gzip -9; precompressed once, kept in memory),
// so the throttled link carries the bytes the size budgets count. Loopback only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);

export function serveCompressed(dir, diskCache = join(resolve(dir), '..', 'br-cache')) {
  const root = resolve(dir);
  const cache = new Map();
  const encode = (body, enc) => (enc === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 9 }));
  // Brotli at quality 11 takes seconds for a megabyte: compress every file before the first request, not during it,
  // and keep the results on disk by content hash (SurveyJS's bundles never change between runs).
  const walk = (d) => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
  mkdirSync(diskCache, { recursive: true });
  for (const path of walk(root)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const raw = readFileSync(path);
    const stored = join(diskCache, `${createHash('sha256').update(raw).digest('hex')}.br`);
    let body;
    try { body = readFileSync(stored); } catch { body = encode(raw, 'br'); writeFileSync(stored, body); }
    cache.set(`br:${path}`, body);
  }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
      if (path.endsWith('/')) path = join(path, 'index.html');
      const accepted = req.headers['accept-encoding'] ?? '';
      const enc = !COMPRESSIBLE.has(extname(path)) ? null : /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
      const key = `${enc}:${path}`;
      let body = cache.get(key);
      if (!body) {
        const raw = await readFile(path);
        body = enc ? encode(raw, enc) : raw;
        cache.set(key, body);
      }
      const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store', vary: 'accept-encoding' };
      if (enc) headers['content-encoding'] = enc;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/**
 * The same server in a process of its own, with the same interface (address().port, close()). The bench's own
 * work (Playwright's events, the /proc sampler) runs on this process's event loop: a server there answered
 * loopback requests 30 to 50 ms late when the machine was busy, a delay no real server adds.
 */
export function serveApart(dir) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`bench-serve.mjs exited (${code}) before listening`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^port (\d+)$/m.exec(out);
      if (m) ok({ address: () => ({ port: Number(m[1]) }), close: () => child.kill() });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serveCompressed(process.argv[2]);
  console.log(`port ${server.address().port}`);
}

// Chromium 156 loads its omnibox popup (a WebUI page of tens of chrome:// scripts) in a renderer of its own for each
// new browser context, on the other core, during the page's load (scripts/bench-cdp-trace.mjs showed it at 40–75 ms
// of a loopback load): not what a visitor's browser does on a navigation. Every bench launches Chromium without it;
// BENCH_OMNIBOX=1 keeps it.
export const BENCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ...(process.env.BENCH_OMNIBOX === '1' ? [] : ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'])];

// The throttled profile of the issue: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU slowdown (one home for
// bench.mjs, bench-first.mjs and bench-trace.mjs).
export const THROTTLE = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };

/** Puts a page under the throttled profile; returns its CDP session. */
export async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: THROTTLE.latency, downloadThroughput: THROTTLE.downloadThroughput, uploadThroughput: THROTTLE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
  return cdp;
}

/** A page of its own context (no cache, no storage), `init` run before the page's scripts, throttled or not. */
export async function freshPage(browser, init, throttled) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.addInitScript(init);
  if (throttled) await throttle(context, page);
  return { context, page };
}
