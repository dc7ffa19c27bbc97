// Gives the first wasm file's JavaScript imports short names, in the wasm and in its wasm-bindgen glue alike.
// wasm-bindgen names every import `__wbg_<what>_<16 hex digits>`: some 200 of them, each written twice (the
// wasm's import section, the glue's import object), hashes that compress badly. Only the imports of the glue's own
// module are renamed (not those of `__wasm_split.js`), and only names the glue holds exactly once as a key of its
// import object; the build fails if the glue does not hold a name the wasm imports. Nothing else in either file
// changes: the wasm's other sections are copied byte for byte.
// Usage: node scripts/short-imports.mjs pkg/loan_insurance_check_bg.wasm pkg/loan_insurance_check.js
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeLeb, encodeName, readLeb } from './wasm-leb.mjs';

const [wasmPath, jsPath] = process.argv.slice(2);
const MODULE = './loan_insurance_check_bg.js';
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');

/** The short name of the n-th renamed import: `a`..`z`, then `a0`.. (base 36 after the first letter). */
const short = (n) => String.fromCharCode(97 + (n % 26)) + (n >= 26 ? Math.floor(n / 26 - 1).toString(36) : '');

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a wasm file`);
const parts = [wasm.subarray(0, 8)];
let pos = 8, renamed = 0, n = 0;
const taken = new Set();
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, body] = readLeb(wasm, pos + 1);
  const end = body + size;
  if (id !== 2) {
    parts.push(wasm.subarray(pos, end));
    pos = end;
    continue;
  }
  // The import section: module, name, kind and its description, for each import.
  let p = body;
  let count;
  [count, p] = readLeb(wasm, p);
  const entries = [encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const strings = [];
    for (let k = 0; k < 2; k++) {
      let len;
      [len, p] = readLeb(wasm, p);
      strings.push(wasm.subarray(p, p + len).toString('utf8'));
      p += len;
    }
    const descStart = p;
    const kind = wasm[p++];
    const limits = () => {
      const flags = wasm[p++];
      [, p] = readLeb(wasm, p);
      if (flags & 1) [, p] = readLeb(wasm, p);
    };
    if (kind === 0) [, p] = readLeb(wasm, p); // function: its type
    else if (kind === 1) { p++; limits(); } // table: element type, limits
    else if (kind === 2) limits(); // memory
    else if (kind === 3) p += 2; // global: value type, mutability
    else if (kind === 4) { p++; [, p] = readLeb(wasm, p); } // tag
    else throw new Error(`${wasmPath}: unknown import kind ${kind}`);
    let [module, name] = strings;
    if (module === MODULE && name.startsWith('__wbg_')) {
      const key = new RegExp(`^(\\s+)${name}(: function)`, 'm');
      const holders = js.split('\n').filter((line) => new RegExp(`^\\s+${name}: function`).test(line)).length;
      if (holders !== 1) throw new Error(`${jsPath}: import ${name} found ${holders} times`);
      let next;
      do next = short(n++); while (js.includes(`${next}: function`) || taken.has(next));
      taken.add(next);
      js = js.replace(key, `$1${next}$2`);
      name = next;
      renamed++;
    }
    entries.push(encodeName(module), encodeName(name), wasm.subarray(descStart, p));
  }
  if (p !== end) throw new Error(`${wasmPath}: import section not read to its end`);
  const section = Buffer.concat(entries);
  parts.push(Buffer.from([2]), encodeLeb(section.length), section);
  pos = end;
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.log(`short-imports: ${renamed} imports renamed`);
