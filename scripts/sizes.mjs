// Prints the size of every file a visitor downloads: raw, gzip (level 9) and brotli (quality 11), the total of
// each mode, and the budgets: the iframe loader at most 3 KB brotli, the in-page widget at most 150 KB brotli.
// Only the versioned files count (name-<hash>.ext, see scripts/version.mjs): the unversioned aliases have the same
// bytes, and the demo and integration pages are not part of the widget.
// Usage: node scripts/sizes.mjs target/site [--json]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** Budgets in bytes, brotli (PRODUCT.md "Embedding", issue 5). */
export const BUDGETS = { loader: 3000, inPage: 150000 };

const root = process.argv[2] ?? 'target/site';
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const versioned = (path) => /-[0-9a-f]{8}\.(js|wasm|css|html)$/.test(path);
const shipped = (path) => /\.(js|wasm|css)$/.test(path) && !/host-demo|integrate/.test(path);

function row(dir, path) {
  const bytes = readFileSync(path);
  return {
    file: relative(dir, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The shipped files (versioned .js, .wasm, .css; all of them in a build without versioned names). */
export function measure(dir) {
  const files = walk(dir).filter(shipped);
  const pinned = files.filter(versioned);
  return (pinned.length ? pinned : files).sort().map((path) => row(dir, path));
}

const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** What each mode downloads, and the budget lines. */
export function modes(dir) {
  const rows = measure(dir);
  const frameHtml = walk(dir).filter((p) => /frame-[0-9a-f]{8}\.html$/.test(p)).map((p) => row(dir, p));
  const isLoader = (r) => /(^|\/)loader-[0-9a-f]{8}\.js$/.test(r.file);
  const isFrame = (r) => /(^|\/)frame-[0-9a-f]{8}\./.test(r.file);
  const inPage = rows.filter((r) => !isLoader(r) && !isFrame(r));
  const loader = rows.filter(isLoader);
  return {
    rows,
    inPage: { ...sum(inPage), files: inPage.map((r) => r.file) },
    loader: { ...sum(loader), files: loader.map((r) => r.file) },
    iframe: { ...sum([...rows, ...frameHtml]), files: [...rows, ...frameHtml].map((r) => r.file) },
  };
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
if (import.meta.url === `file://${process.argv[1]}`) {
  const m = modes(root);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...m, budgets: BUDGETS }));
  } else {
    const width = Math.max(...m.rows.map((r) => r.file.length), 34);
    const line = (label, r) => `${label.padEnd(width)}  ${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli)}`;
    console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(11)}  ${'gzip'.padStart(11)}  ${'brotli'.padStart(11)}`);
    for (const r of m.rows) console.log(line(r.file, r));
    console.log(line('total, in-page (embed + wasm)', m.inPage));
    console.log(line('total, iframe (loader + frame page)', m.iframe));
    const budget = (label, value, limit) =>
      `budget: ${label.padEnd(width - 8)}  ${kb(value)} brotli of ${kb(limit).trim()}  ${value <= limit ? 'ok' : 'OVER BUDGET'}`;
    console.log(budget('iframe loader', m.loader.brotli, BUDGETS.loader));
    console.log(budget('in-page widget', m.inPage.brotli, BUDGETS.inPage));
  }
}
