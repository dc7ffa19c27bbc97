// A tiny static server for the built site (target/site): the demo and the end-to-end tests.
// Usage: node scripts/serve.mjs [dir] ; PORT (default 8080) and HOST (default 127.0.0.1) from the environment.
//
// It sends what a widget origin needs for pages of other origins to embed the widget (docs/hosting.md gives the
// same for nginx, Apache and a static host's _headers file; `headersFor` is the one description of them):
// - Access-Control-Allow-Origin: * on the files under www/ (the in-page module and its WebAssembly are fetched in
//   CORS mode, with their integrity checked), and Cross-Origin-Resource-Policy: cross-origin;
// - .wasm as application/wasm (WebAssembly.instantiateStreaming refuses anything else);
// - X-Content-Type-Options: nosniff on everything;
// - the versioned files (name-<8 hex digits>.ext) cached for a year, immutable; every other file revalidated.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ics': 'text/calendar; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/** A versioned file of scripts/version.mjs: its name ends with -<8 hex digits of its SHA-256> before the extension. */
export const VERSIONED = /-[0-9a-f]{8}\.[a-z]+$/;

/** The response headers for the site-relative path `path` (such as /www/embed-1a2b3c4d.js). */
export function headersFor(path) {
  const headers = {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': VERSIONED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (path.startsWith('/www/')) {
    headers['access-control-allow-origin'] = '*';
    headers['cross-origin-resource-policy'] = 'cross-origin';
  }
  return headers;
}

export function serve(dir, port = 0, host = '127.0.0.1') {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
      if (path.endsWith('/')) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, headersFor(path.slice(root.length).split('\\').join('/')));
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'target/site';
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = await serve(dir, port, host);
  console.log(`Serving ${dir} at http://${host}:${server.address().port}/ (Ctrl-C to stop)`);
}
