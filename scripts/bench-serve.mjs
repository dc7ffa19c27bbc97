// The static server of scripts/bench.mjs: like scripts/serve.mjs, but it sends each file compressed as a production
// host or CDN would (brotli quality 11 when the browser accepts it, else gzip -9; precompressed once, kept in memory),
// so the throttled link carries the bytes the size budgets count. Loopback only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

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
