// The campaign server (campaign/, Rust) for the end-to-end tests: built once per test process with cargo, run as
// a child process on a free loopback port with its own configuration and SQLite file, behind a small loopback
// proxy that can make the next answers fail the way networks and servers fail ('500', 'timeout', 'cors'...). The
// proxy holds the campaign's origin, so the server itself carries no test hook: what it stores is what it would
// store in production. `store.all()` reads the database with the server's own `dump` command.
//
//   const r = await startReceiver({ db: '/tmp/x.sqlite', allowOrigins: [base], manifest: { delivery: 'form' } });
//   r.origin; r.manifest(); r.fail('500'); r.store.all(); r.store.setPayload(key, p); r.admin('/admin'); await r.close();
import { spawn, execFileSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'target', 'debug', 'loan-insurance-campaign');
let built = false;

/** Builds the server (a no-op when it is up to date). */
export function buildServer() {
  if (built) return BIN;
  execFileSync('cargo', ['build', '--quiet', '-p', 'loan-insurance-campaign'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  built = true;
  return BIN;
}

/** The manifest the test campaign publishes (overrides apply on top), as the Node receiver's was. */
export function defaultManifest(origin, overrides = {}) {
  return {
    manifest_version: 1,
    name: 'Campagne de démonstration',
    origin,
    endpoint: `${origin}/api/results`,
    delivery: 'json',
    fields: { required: ['loan_kind', 'email'], optional: ['loan_amount', 'name', 'phone'] },
    purpose: "Regrouper les demandes de remboursement d'assurance emprunteur pour une action collective.",
    controller: { name: 'Association de démonstration', contact: 'dpo@example.org' },
    retention_months: 24,
    fee: { percent: 0 },
    privacy_policy: `${origin}/privacy`,
    timeout_seconds: 20,
    ...overrides,
  };
}

/** A JSON value as TOML (JSON strings are TOML basic strings; objects become inline tables). */
function toml(v) {
  if (Array.isArray(v)) return `[${v.map(toml).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)} = ${toml(x)}`).join(', ')} }`;
  return JSON.stringify(v);
}

/**
 * Starts the server behind its proxy. Options: `db` (SQLite file), `port` (the proxy's, 0: a free one; give the
 * old one to restart on the same origin), `allowOrigins`, `manifest` (overrides), `delayMs` (of 'timeout'),
 * `limits` (a TOML table's lines), `token` (admin).
 * Returns `{ origin, token, manifest(), fail(mode, times), requests, store: { all() }, admin(path), close() }`.
 */
export async function startReceiver({ db, port = 0, allowOrigins = [], manifest = {}, delayMs = 3000, limits = 'rate_per_minute = 0', token = randomBytes(16).toString('hex') } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lic-campaign-'));
  db ??= join(dir, 'campaign.sqlite');
  const requests = [];
  let failures = [];
  let upstream = null;
  const timers = new Set();
  const allowed = new Set(allowOrigins);
  const cors = (req) => (req.headers.origin && allowed.has(req.headers.origin) ? { 'access-control-allow-origin': req.headers.origin, vary: 'Origin' } : {});

  const proxy = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const entry = { method: req.method, path, type: req.headers['content-type'] ?? '', origin: req.headers.origin ?? '', body: body.toString('utf8'), status: 0 };
      requests.push(entry);
      const failure = req.method === 'POST' && path.startsWith('/api/results') ? failures.shift() : undefined;
      if (failure && /^[45]\d\d$/.test(failure)) {
        res.writeHead(Number(failure), { 'content-type': 'application/json', ...cors(req) }).end(JSON.stringify({ error: 'told_to_fail' }));
        return;
      }
      const headers = { ...req.headers, connection: 'close' };
      const up = httpRequest({ host: '127.0.0.1', port: upstream.port, method: req.method, path, headers, agent: false }, (answer) => {
        const got = [];
        answer.on('data', (c) => got.push(c));
        answer.on('end', () => {
          entry.status = answer.statusCode;
          const headers = { ...answer.headers };
          if (failure === 'cors') { delete headers['access-control-allow-origin']; delete headers.vary; }
          const reply = () => { if (!res.writableEnded) res.writeHead(answer.statusCode, headers).end(Buffer.concat(got)); };
          if (failure === 'timeout') {
            const t = setTimeout(() => { timers.delete(t); reply(); }, delayMs);
            timers.add(t);
          } else reply();
        });
      });
      up.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); });
      up.end(body);
    });
  });
  await new Promise((ok) => proxy.listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${proxy.address().port}`;
  const full = defaultManifest(origin, manifest);
  const config = join(dir, 'campaign.toml');
  writeFileSync(config, [
    'listen = "127.0.0.1:0"',
    `database_url = ${JSON.stringify(`sqlite://${db}`)}`,
    `admin_token = ${JSON.stringify(token)}`,
    `allowed_origins = ${toml(allowOrigins)}`,
    `[limits]\n${limits}`,
    '[manifest]',
    ...Object.entries(full).map(([k, v]) => `${k} = ${toml(v)}`),
    '',
  ].join('\n'));

  const child = spawn(buildServer(), ['serve', '--config', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  upstream = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) ok({ port: Number(m[1]) });
    });
    child.on('exit', (code) => fail(new Error(`the campaign server exited (${code}): ${log}`)));
  });

  const dump = () => execFileSync(BIN, ['dump', '--config', config], { cwd: dir, encoding: 'utf8' })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return {
    origin,
    token,
    config,
    db,
    requests,
    manifest: () => defaultManifest(origin, manifest),
    fail(mode, times = 1) { failures = Array(times).fill(mode); },
    /** Every stored result `{ reference, idempotency_key, received_at, delivery, status, differences, payload }`, oldest first. */
    store: {
      all: () => dump().sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : 0)),
      /**
       * Replaces the payload held under `key` in the SQLite file (the sqlite3 command, beside the running server:
       * WAL, so it waits for no one): the campaign then holds another version under that key, as if an earlier
       * one had come from another device.
       */
      setPayload(key, payload) {
        const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
        execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, `UPDATE results SET payload = ${quote(JSON.stringify(payload))} WHERE idempotency_key = ${quote(key)};`]);
      },
    },
    /** A GET of the server with the admin token (through the proxy, never failed). */
    async admin(path) {
      const r = await fetch(`http://127.0.0.1:${upstream.port}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, text: await r.text() };
    },
    /** The server's own address (not through the proxy). */
    direct: () => `http://127.0.0.1:${upstream.port}`,
    log: () => log,
    async close() {
      for (const t of timers) clearTimeout(t);
      proxy.closeAllConnections?.();
      await new Promise((ok) => proxy.close(ok));
      if (child.exitCode === null) {
        const gone = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await gone;
      }
    },
  };
}
