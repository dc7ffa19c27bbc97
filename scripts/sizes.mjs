// Prints the size of every file a visitor downloads: raw, gzip (level 9) and brotli (quality 11), and the totals.
// Usage: node scripts/sizes.mjs target/site [--json]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'target/site';
const shipped = (path) => /\.(js|wasm|css)$/.test(path) && !path.includes('host-demo');
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});

export function measure(dir) {
  return walk(dir).filter(shipped).sort().map((path) => {
    const bytes = readFileSync(path);
    return {
      file: relative(dir, path),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measure(root);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
    const width = Math.max(...rows.map((r) => r.file.length), 5);
    console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(11)}  ${'gzip'.padStart(11)}  ${'brotli'.padStart(11)}`);
    for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli)}`);
    console.log(`${'total'.padEnd(width)}  ${kb(total.raw)}  ${kb(total.gzip)}  ${kb(total.brotli)}`);
  }
}
