// Hosting that works the first time (issue 16, part 3): the demo server, Debian's nginx and Debian's Apache,
// configured by the committed integrations/nginx/ and integrations/apache/ files, send what a widget origin needs
// (CORS on the files under www/, application/wasm, nosniff, a year of caching for the versioned files only); the
// snippet copied from the integration page served by that nginx, pasted into a page of another origin (another
// loopback port) with the CSP lines the page gives, works; and without CORS the same snippet fails (what the headers
// are for).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SITE, start, open, checkAxe } from '../e2e/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { FILES, EN, FR } from '../e2e/embed-helpers.mjs';
import { startNginx, startApache, startAssociation, pastedPage } from './helpers.mjs';

let env; let nginx; let association;
before(async () => {
  env = await start();
  nginx = await startNginx();
  association = await startAssociation();
});
after(async () => {
  association?.close();
  await nginx?.stop();
  await env?.stop();
});

const YEAR = /^public, max-age=31536000, immutable$/;

/** The headers a widget origin must send, checked on `origin`; `types` are the expected content types. */
async function checkHeaders(origin, label, types) {
  const get = async (path) => {
    const r = await fetch(`${origin}/${path}`, { headers: { origin: 'http://association.test' } });
    assert.equal(r.status, 200, `${label}: ${path}`);
    await r.arrayBuffer();
    return r.headers;
  };
  for (const [key, type] of Object.entries(types)) {
    const h = await get(FILES[key].path);
    assert.equal(h.get('access-control-allow-origin'), '*', `${label}: CORS of ${FILES[key].path}`);
    assert.equal(h.get('x-content-type-options'), 'nosniff', `${label}: nosniff of ${FILES[key].path}`);
    assert.match(h.get('cache-control') ?? '', YEAR, `${label}: caching of ${FILES[key].path}`);
    assert.match(h.get('content-type') ?? '', type, `${label}: type of ${FILES[key].path}`);
  }
  // Unversioned names change with each release: revalidated, never cached for a year.
  for (const path of ['www/embed.js', 'www/files.json', 'www/loader.js']) {
    const h = await get(path);
    assert.equal(h.get('access-control-allow-origin'), '*', `${label}: CORS of ${path}`);
    assert.doesNotMatch(h.get('cache-control') ?? '', /max-age=31536000/, `${label}: ${path} must not be cached for a year`);
    assert.equal(h.get('x-content-type-options'), 'nosniff', `${label}: nosniff of ${path}`);
  }
  const page = await get('index.html');
  assert.equal(page.get('x-content-type-options'), 'nosniff', `${label}: nosniff of the demo page`);
}

const TYPES = {
  wasm: /^application\/wasm$/,
  embed: /^(text|application)\/javascript(; charset=utf-8)?$/,
  loader: /^(text|application)\/javascript(; charset=utf-8)?$/,
  frame: /^text\/html(; charset=utf-8)?$/,
  frameStyle: /^text\/css(; charset=utf-8)?$/,
};

test('The demo server sends the headers a widget origin needs', async () => {
  const server = await serve(SITE, 0);
  try {
    await checkHeaders(`http://127.0.0.1:${server.address().port}`, 'scripts/serve.mjs', TYPES);
  } finally {
    server.close();
  }
});

test("Debian's nginx with integrations/nginx/ sends them too", async () => {
  await checkHeaders(nginx.origin, 'nginx', TYPES);
  // Compressed for browsers that ask (the WebAssembly is most of the bytes).
  const r = await fetch(`${nginx.origin}/${FILES.wasm.path}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(r.headers.get('content-encoding'), 'gzip');
});

/** The integration page served by nginx, with the clipboard allowed. */
async function integrationPage() {
  const s = await open({ browser: env.browser, base: nginx.origin }, '/www/integrate.html', { viewport: { width: 1280, height: 900 } });
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: nginx.origin });
  return s;
}

/** What the code tab shows, copied as the volunteer copies it: the snippet and the CSP lines. */
async function copied(page) {
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copier le code' }).click();
  const code = await clipboard();
  await page.getByRole('button', { name: 'Copier les lignes CSP' }).click();
  return { code, csp: (await clipboard()).split('\n').join('; ') };
}


test("Debian's Apache with integrations/apache/ sends them too", async () => {
  const apache = await startApache();
  try {
    await checkHeaders(apache.origin, 'Apache', TYPES);
  } finally {
    await apache.stop();
  }
});

test('The snippet copied from the integration page, pasted into a page of another origin, works', async () => {
  const integrate = await integrationPage();
  const { page } = integrate;
  assert.notEqual(new URL(association.origin).port, new URL(nginx.origin).port);
  await page.getByRole('region', { name: 'Aperçu' }).getByRole('button', { name: FR['start.begin'] }).waitFor();

  // In the page: the module and the WebAssembly come from nginx's origin, in CORS mode, with their integrity.
  let { code, csp } = await copied(page);
  assert.ok(code.includes(`src="${nginx.origin}/${FILES.embed.path}"`), code);
  const policy = `default-src 'self'; img-src data:; style-src 'self'; ${csp}`;
  const host = await open({ browser: env.browser, base: association.origin }, pastedPage(code, policy));
  const violations = [];
  host.page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
  const widget = host.page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  await checkAxe(host.page, 'pasted in-page snippet on another origin');
  assert.deepEqual(host.problems.filter((p) => !p.includes("'data:,'")), []);
  assert.deepEqual(violations, []);
  assert.ok(host.requests.some((u) => u === `${nginx.origin}/${FILES.wasm.path}`), host.requests.join('\n'));
  await host.context.close();

  // In an iframe, through the loader.
  await page.getByLabel('Dans une iframe').check();
  ({ code, csp } = await copied(page));
  assert.ok(code.startsWith(`<script src="${nginx.origin}/${FILES.loader.path}"`), code);
  const framed = await open({ browser: env.browser, base: association.origin }, pastedPage(code, `default-src 'self'; img-src data:; style-src 'self'; ${csp}`));
  const body = framed.page.frameLocator('iframe').locator('body');
  await body.getByRole('button', { name: FR['start.begin'] }).click();
  await body.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.deepEqual(framed.problems.filter((p) => !p.includes("'data:,'")), []);
  await framed.context.close();
  await integrate.context.close();
});

test('Without Access-Control-Allow-Origin the same snippet fails: the headers are what makes it work', async () => {
  // The release served with nothing but a content type (as a default static server would).
  const bare = createServer(async (req, res) => {
    try {
      const path = join(SITE, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => bare.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${bare.address().port}`;
  try {
    const code = `<script type="module" src="${origin}/${FILES.embed.path}" integrity="${FILES.embed.integrity}" crossorigin="anonymous"></script>\n<loan-insurance-check data-lang="en"></loan-insurance-check>`;
    const host = await open({ browser: env.browser, base: association.origin }, pastedPage(code));
    await host.page.waitForTimeout(1500);
    assert.equal(await host.page.getByRole('button', { name: EN['start.begin'] }).count(), 0);
    assert.ok(host.problems.some((p) => /CORS|Access-Control-Allow-Origin/.test(p)), host.problems.join('\n'));
    await host.context.close();
  } finally {
    bare.close();
  }
});
