// Runs a wasm32-wasip1 command-line program under node's WASI (the V8 that Chromium uses): scripts/bench.mjs uses it
// for the engine's `loan-insurance-check bench` compiled to wasm. Usage: node scripts/bench-wasi.mjs program.wasm args...
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: ['loan-insurance-check', ...args], env: {}, returnOnExit: true });
const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
