// The reference campaign receiver: the starting point of a campaign site that gathers results sent by the
// loan-insurance-check widget (README "Forwarding to a campaign site").
//
//   GET  /manifest.json   the campaign manifest v1 (www/schema/manifest.v1.schema.json), CORS open to all
//   POST /results         a payload v1: JSON (application/json or text/plain, as the widget sends it: a CORS
//                         simple request, no preflight) or a form POST (field `payload`, from a new tab)
//   OPTIONS /results      CORS preflight, for campaign pages that send with other headers
//   GET  /health          "ok"
//
// Each payload is validated against the JSON Schemas of the repository (the payload definition of the
// manifest schema and the result document v1) and stored in SQLite (a real database file: nothing received is
// lost on restart). The idempotency key makes a retry return the first reference instead of a duplicate; a known
// key with other content gets 409 with what is held ({ reference, fields, received_at }). A stored result is
// answered with { reference, duplicate, fields (the field ids of the version stored), withdraw_secret }.
// CORS: the answer carries Access-Control-Allow-Origin only for the origins allowed (`allowOrigins`, '*' by
// default), so a browser reads the reference.
//
// Run it alone:  node tests/receiver/server.mjs   (PORT, HOST=127.0.0.1, DB=receiver.sqlite, ORIGIN, ALLOW_ORIGINS)
// Or from tests: const r = await startReceiver({ db: '/tmp/x.sqlite' }); r.fail('500'); ...; await r.close();
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import Ajv2020 from 'ajv/dist/2020.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCHEMAS = join(HERE, '..', '..', 'www', 'schema');
const MAX_BODY = 512 * 1024;

/** A validator of payloads v1: the manifest schema's `$defs/payload`, whose `result` is the result document v1. */
export function payloadValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const result = JSON.parse(readFileSync(join(SCHEMAS, 'result.v1.schema.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(SCHEMAS, 'manifest.v1.schema.json'), 'utf8'));
  ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, 'answers.v1.schema.json'), 'utf8')));
  ajv.addSchema(result);
  ajv.addSchema(manifest);
  const validate = ajv.getSchema(`${manifest.$id}#/$defs/payload`);
  return (doc) => (validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));
}

/** Opens (or creates) the database file and its one table. */
export function openStore(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS results (
    idempotency_key TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    delivery TEXT NOT NULL,
    payload TEXT NOT NULL
  )`);
  // The secret that lets the claimant withdraw (issue 15 point 5): added to older files on open.
  if (!db.prepare('PRAGMA table_info(results)').all().some((c) => c.name === 'withdraw_secret')) {
    db.exec('ALTER TABLE results ADD COLUMN withdraw_secret TEXT');
  }
  const find = db.prepare('SELECT reference, received_at, payload, withdraw_secret FROM results WHERE idempotency_key = ?');
  const insert = db.prepare('INSERT INTO results (idempotency_key, reference, received_at, delivery, payload, withdraw_secret) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    db,
    /**
     * Stores a payload once per idempotency key: `{ reference, duplicate, fields, withdraw_secret }` (the fields of
     * the version stored), or `{ conflict: true, reference, fields, received_at }` when the key is known with
     * other content (the version held is kept; the new one is not stored).
     */
    store(payload, delivery) {
      return db.transaction(() => {
        const found = find.get(payload.idempotency_key);
        if (found) {
          const held = JSON.parse(found.payload);
          const fields = fieldsOf(held);
          if (!isDeepStrictEqual(held, payload)) return { conflict: true, reference: found.reference, fields, received_at: found.received_at };
          return { reference: found.reference, duplicate: true, fields, withdraw_secret: found.withdraw_secret ?? undefined };
        }
        const reference = `LIC-${randomBytes(5).toString('hex').toUpperCase()}`;
        const secret = randomBytes(16).toString('hex');
        insert.run(payload.idempotency_key, reference, new Date().toISOString(), delivery, JSON.stringify(payload), secret);
        return { reference, duplicate: false, fields: fieldsOf(payload), withdraw_secret: secret };
      })();
    },
    all() {
      return db.prepare('SELECT * FROM results ORDER BY received_at').all().map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
    },
    close() { db.close(); },
  };
}

/** The field ids a stored payload holds: its answers, then its contact details. */
export function fieldsOf(payload) {
  return [
    ...Object.keys(payload.result?.answers ?? {}).filter((k) => k !== 'version'),
    ...Object.keys(payload.contact ?? {}),
  ];
}

/** The manifest this receiver publishes, for the origin it listens on. */
export function defaultManifest(origin, overrides = {}) {
  return {
    manifest_version: 1,
    name: 'Campagne de démonstration',
    origin,
    endpoint: `${origin}/results`,
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

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Starts a receiver. Options: `db` (file path), `port` (0: a free one), `host` ('127.0.0.1'), `allowOrigins`
 * (array of origins allowed to read answers, or ['*']), `manifest` (overrides of the default manifest).
 * Returns `{ origin, store, requests, fail(mode, times), close() }`; `fail` makes the next `times` POSTs fail:
 * 'timeout' (stores, then answers after `delayMs`), '500', '503', '400', '422' (nothing stored), 'cors'
 * (stores, answers without CORS headers: the browser cannot read it).
 */
export async function startReceiver({ db = join(HERE, 'receiver.sqlite'), port = 0, host = '127.0.0.1', allowOrigins = ['*'], manifest = {}, delayMs = 3000 } = {}) {
  const store = openStore(db);
  const check = payloadValidator();
  const requests = [];
  let failures = [];
  let origin = '';
  const timers = new Set();

  const cors = (req, headers = {}) => {
    const from = req.headers.origin;
    if (allowOrigins.includes('*')) headers['access-control-allow-origin'] = '*';
    else if (from && allowOrigins.includes(from)) {
      headers['access-control-allow-origin'] = from;
      headers.vary = 'Origin';
    }
    return headers;
  };
  const json = (res, status, body, headers) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, path: url.pathname, type: req.headers['content-type'] ?? '', origin: req.headers.origin ?? '', body });
      if (req.method === 'GET' && url.pathname === '/manifest.json') {
        return json(res, 200, defaultManifest(origin, manifest), { 'access-control-allow-origin': '*' });
      }
      if (req.method === 'GET' && url.pathname === '/health') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      if (req.method === 'GET' && url.pathname === '/privacy') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Confidentialité</title><p>Politique de confidentialité.</p>');
        return;
      }
      if (req.method === 'OPTIONS' && url.pathname === '/results') {
        res.writeHead(204, cors(req, {
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type, idempotency-key',
          'access-control-max-age': '600',
        }));
        res.end();
        return;
      }
      if (req.method !== 'POST' || url.pathname !== '/results') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      if (size > MAX_BODY) return json(res, 413, { error: 'too_large' }, cors(req));
      let payload;
      try {
        payload = JSON.parse(form ? new URLSearchParams(body).get('payload') ?? '' : body);
      } catch {
        return json(res, 400, { error: 'not_json' }, cors(req));
      }
      const problems = check(payload);
      if (problems.length) return json(res, 422, { error: 'invalid', problems: problems.slice(0, 20) }, cors(req));
      const failure = failures.shift();
      if (failure && /^[45]\d\d$/.test(failure)) return json(res, Number(failure), { error: 'told_to_fail' }, cors(req));
      const stored = store.store(payload, form ? 'form' : 'json');
      if (stored.conflict) {
        const { conflict, ...held } = stored;
        return json(res, 409, { error: 'conflict', ...held }, cors(req));
      }
      const { reference, duplicate } = stored;
      const answerBody = { reference, duplicate, fields: stored.fields, withdraw_secret: stored.withdraw_secret };
      if (failure === 'cors') return json(res, 200, answerBody);
      const answer = () => {
        if (form) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Résultat reçu</title></head><body><main><h1>Résultat reçu</h1><p>Merci. Référence : <strong id="reference">${escape(reference)}</strong></p></main></body></html>`);
        } else json(res, duplicate ? 200 : 201, answerBody, cors(req));
      };
      if (failure === 'timeout') {
        const t = setTimeout(() => { timers.delete(t); if (!res.writableEnded) answer(); }, delayMs);
        timers.add(t);
      } else answer();
    });
  });
  await new Promise((ok) => server.listen(port, host, ok));
  origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    store,
    requests,
    manifest: () => defaultManifest(origin, manifest),
    fail(mode, times = 1) { failures = Array(times).fill(mode); },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      store.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await startReceiver({
    db: process.env.DB ?? join(HERE, 'receiver.sqlite'),
    port: Number(process.env.PORT ?? 8090),
    host: process.env.HOST ?? '127.0.0.1',
    allowOrigins: (process.env.ALLOW_ORIGINS ?? '*').split(','),
  });
  console.log(`Campaign receiver at ${r.origin}/ (manifest: ${r.origin}/manifest.json, results: POST ${r.origin}/results)`);
}
