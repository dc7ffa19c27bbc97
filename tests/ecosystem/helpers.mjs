// Helpers of the ecosystem tests (tests/ecosystem/*.test.mjs): Debian's nginx serving the release with the
// committed configuration (integrations/nginx/), on a free loopback port with everything under target/; and an
// association's page on another origin made of a pasted snippet, served with a given Content-Security-Policy.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SITE } from '../e2e/harness.mjs';

/** A free TCP port on 127.0.0.1 (listen on 0, close, hand it out). */
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** Waits until `url` answers (any status), for at most `ms`. */
export async function waitFor(url, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > until) throw new Error(`${url} did not answer: ${e.message} ${e.cause?.message ?? ""}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Debian's nginx with integrations/nginx/loan-insurance-check.conf, `root` the built site, on a free port, its pid,
 * logs and temporary files under target/nginx-<port>/. `extra` is more configuration inside http {} (the WordPress
 * test adds its own server). Returns { origin, port, dir, stop() }.
 */
export async function startNginx({ root = SITE, extra = '' } = {}) {
  if (!NGINX) throw new Error('nginx is not installed (scripts/test.sh installs Debian\'s nginx)');
  const port = await freePort();
  const dir = join(ROOT, 'target', `nginx-${port}`);
  mkdirSync(dir, { recursive: true });
  const server = readFileSync(join(ROOT, 'integrations', 'nginx', 'loan-insurance-check.conf'), 'utf8')
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/server_name [^;]+;/, 'server_name 127.0.0.1;')
    .replace(/root [^;]+;/, `root ${root};`);
  if (server.includes('/srv/loan-insurance-check')) throw new Error('the nginx configuration did not take the test root');
  writeFileSync(join(dir, 'server.conf'), server);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `# Written by tests/ecosystem/helpers.mjs
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? 'user nobody nogroup;  # the workers give up root (they only read the release)' : ''}
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
${temp}
  include ${dir}/server.conf;
${extra}
}
`);
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const origin = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor(`${origin}/`),
    new Promise((_, reject) => child.on('exit', (code) => reject(new Error(`nginx exited (${code}): ${stderr}`)))),
  ]);
  return {
    origin, port, dir,
    log: () => readFileSync(join(dir, 'error.log'), 'utf8'),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.on('exit', resolve);
      child.kill('SIGQUIT');
    }),
  };
}

/**
 * An association's site on another origin: GET /page?body=…&csp=… is a page made of `body` (what the volunteer
 * pasted), served with the Content-Security-Policy `csp`. Returns { origin, close() }.
 */
export async function startAssociation() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/page') { res.writeHead(404).end(); return; }
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (url.searchParams.get('csp')) headers['content-security-policy'] = url.searchParams.get('csp');
    res.writeHead(200, headers);
    res.end(`<!doctype html><html lang="${url.searchParams.get('lang') ?? 'fr'}"><head><meta charset="utf-8"><title>Association du Val</title><link rel="icon" href="data:,"></head>`
      + `<body><main><h1>Page de l'association</h1>\n${url.searchParams.get('body') ?? ''}\n</main></body></html>`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The path of the association's page made of `body` served with `csp`. */
export const pastedPage = (body, csp = '', lang = 'fr') => `/page?${new URLSearchParams({ body, csp, lang })}`;

export const APACHE = ['/usr/sbin/apache2'].find((p) => existsSync(p));

/**
 * Debian's Apache with integrations/apache/loan-insurance-check.conf, the release in `root`, on a free port, with
 * its pid, logs and locks under target/apache-<port>/ (the workers run as www-data, which can read target/site).
 */
export async function startApache({ root = SITE } = {}) {
  if (!APACHE) throw new Error('Apache is not installed (scripts/test.sh installs Debian\'s apache2)');
  const port = await freePort();
  const dir = join(ROOT, 'target', `apache-${port}`);
  mkdirSync(dir, { recursive: true });
  const site = readFileSync(join(ROOT, 'integrations', 'apache', 'loan-insurance-check.conf'), 'utf8').replaceAll('/srv/loan-insurance-check', root);
  if (!site.includes(root)) throw new Error('the Apache configuration did not take the test root');
  writeFileSync(join(dir, 'site.conf'), site);
  const mod = (name, file) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${file ?? name}.so`;
  writeFileSync(join(dir, 'apache2.conf'), `# Written by tests/ecosystem/helpers.mjs
ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/apache.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
${process.getuid?.() === 0 ? 'User www-data\nGroup www-data' : ''}
${mod('mpm_event')}
${mod('authz_core')}
${mod('mime')}
${mod('headers')}
TypesConfig /etc/mime.types
DocumentRoot ${root}
Include ${dir}/site.conf
`);
  const child = spawn(APACHE, ['-f', join(dir, 'apache2.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const origin = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor(`${origin}/`),
    new Promise((_, reject) => child.on('exit', (code) => reject(new Error(`apache2 exited (${code}): ${stderr}`)))),
  ]);
  return {
    origin,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.on('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
