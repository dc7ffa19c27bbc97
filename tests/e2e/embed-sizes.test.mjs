// The shipped files of the build (target/site/www): the size budgets, which files each mode ships, versioned names that are their content's hash, Subresource Integrity
// hashes in files.json that match, aliases with the same bytes, and no inline script or style in our own pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { SITE } from './harness.mjs';
import { BUDGETS, CEILINGS, modes } from '../../scripts/sizes.mjs';

const manifest = JSON.parse(readFileSync(join(SITE, 'www', 'files.json'), 'utf8'));
const FILES = manifest.files;
const bytes = (path) => readFileSync(join(SITE, path));
const text = (path) => bytes(path).toString('utf8');

const m = modes(SITE);

// The size budgets of issue 12 (brotli): sizes do not vary from run to run, so they are tests.
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const within = (label, stage, budget) => {
  assert.ok(stage.brotli <= budget, `${label}: ${kb(stage.brotli)} brotli, over the budget of ${kb(budget)} (${stage.files.join(', ')})`);
};

test('Each mode ships exactly its files: the loader alone for the iframe; the embed bundle, the two wasm files and one words file per language in-page', () => {
  assert.deepEqual(m.loader.files, [FILES.loader.path]);
  assert.deepEqual(m.firstWasm.files, [FILES.wasm.path]);
  const all = [FILES.embed.path, FILES.wasm.path, FILES.wasmLate.path, FILES.messagesFr.path, FILES.messagesEn.path].sort();
  assert.deepEqual(m.inPage.files.sort(), all);
  // A journey in either language loads them all (the other words prefetched for the switch: embed-journey-sizes
  // checks it against the browser's request log); what it reads in its language is its own words file alone.
  for (const [lang, words] of [['fr', 'messagesFr'], ['en', 'messagesEn']]) {
    assert.deepEqual(m.journeys[lang].files.sort(), all, lang);
    assert.deepEqual(m.journeys[lang].needed.files.sort(), [FILES.embed.path, FILES.wasm.path, FILES.wasmLate.path, FILES[words].path].sort(), lang);
  }
  assert.equal(m.journey.brotli, Math.max(m.journeys.fr.brotli, m.journeys.en.brotli));
  console.log(Object.entries(BUDGETS).map(([k, v]) => `${k} ${m[k].brotli} B brotli (budget ${v}${CEILINGS[k] ? `, ceiling ${CEILINGS[k]}` : ''})`).join('; '));
});

test('Budget: what the host page downloads before the start screen is visible, at most 15 KB brotli', () => {
  within('before the start screen', m.beforeStart, BUDGETS.beforeStart);
});

// Not met yet (issue 12 open): held at their ceilings so they cannot grow, the goal named in the message.
test('Ceiling: the first wasm file does not grow (budget 120 KB brotli, not met yet)', () => {
  within(`first wasm file (goal ${kb(BUDGETS.firstWasm)})`, m.firstWasm, CEILINGS.firstWasm);
});

test('Ceiling: everything a full journey loads, in either language, does not grow (budget 200 KB brotli, not met yet)', () => {
  for (const lang of ['fr', 'en']) within(`a full journey in ${lang} (goal ${kb(BUDGETS.journey)})`, m.journeys[lang], CEILINGS.journey);
  within(`switching language mid-journey (goal ${kb(BUDGETS.journey)})`, m.switching, CEILINGS.journey);
});

test('Budget: the iframe loader, at most 3 KB brotli', () => {
  within('iframe loader', m.loader, BUDGETS.loader);
});

test('files.json: every file exists, is named after its hash, and has a matching sha384 integrity', () => {
  assert.deepEqual(Object.keys(FILES).sort(), ['embed', 'frame', 'frameScript', 'frameStyle', 'loader', 'messagesEn', 'messagesFr', 'wasm', 'wasmLate']);
  for (const [role, file] of Object.entries(FILES)) {
    const b = bytes(file.path);
    assert.equal(b.length, file.bytes, role);
    assert.equal(file.integrity, `sha384-${createHash('sha384').update(b).digest('base64')}`, role);
    const hash = /-([0-9a-f]{8})\.[a-z]+$/.exec(file.path)?.[1];
    assert.equal(hash, createHash('sha256').update(b).digest('hex').slice(0, 8), `${role}: ${file.path}`);
  }
});

test('The versioned files point at each other by versioned name, with integrity; aliases have the same bytes', () => {
  const name = (role) => FILES[role].path.replace(/^www\//, '');
  const embed = text(FILES.embed.path);
  assert.ok(embed.includes(JSON.stringify(name('wasm'))) && embed.includes(FILES.wasm.integrity), 'the bundle fetches its wasm with integrity');
  for (const role of ['messagesFr', 'messagesEn', 'wasmLate']) {
    // Written new URL("<name>", import.meta.url) so that bundlers see the file (scripts/version.mjs).
    assert.ok(embed.includes(`[new URL(${JSON.stringify(name(role))},import.meta.url),${JSON.stringify(FILES[role].integrity)}]`), `the bundle fetches ${role} with integrity`);
  }
  assert.ok(!/^\s*(import|export)\s.*loan_insurance_check\.js/m.test(embed), 'the glue is inside the bundle');
  assert.ok(!/from\s*["']\.\/__wasm_split\.js|split_late\.wasm"/.test(embed), 'the loader of the second wasm file is inside the bundle and fetches the versioned file only');
  const frame = text(FILES.frame.path);
  for (const role of ['embed', 'frameScript', 'frameStyle']) {
    assert.ok(frame.includes(`"${name(role)}" integrity="${FILES[role].integrity}"`), `frame page → ${role}`);
  }
  assert.ok(text(FILES.frameScript.path).includes(`'./${name('embed')}'`));
  assert.ok(text(FILES.loader.path).includes(JSON.stringify(name('frame'))));
  for (const [role, alias] of [['embed', 'www/embed.js'], ['loader', 'www/loader.js'], ['frame', 'www/frame.html']]) {
    assert.ok(bytes(alias).equals(bytes(FILES[role].path)), alias);
  }
  assert.ok(!existsSync(join(SITE, 'www', 'pkg', 'loan_insurance_check.js')), 'the unbundled glue is not shipped');
});

test('Our pages have no inline script, inline style or style attribute (they work under a strict style-src)', () => {
  for (const path of [FILES.frame.path, 'www/integrate.html']) {
    const html = text(path);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), `${path}: inline script`);
    assert.ok(!/<style[\s>]/i.test(html), `${path}: <style>`);
    assert.ok(!/\sstyle=/i.test(html), `${path}: style attribute`);
  }
  // The loader sizes the frame through CSSOM (allowed by a strict style-src), never a style attribute.
  assert.ok(!/setAttribute\(\s*['"]style/.test(text(FILES.loader.path)));
});

test("postMessage is always pinned to an origin, never '*'", () => {
  for (const role of ['loader', 'frameScript']) {
    const js = text(FILES[role].path);
    const calls = js.match(/postMessage\([^;]*/g) ?? [];
    assert.ok(calls.length > 0, role);
    for (const call of calls) assert.ok(!/['"]\*['"]/.test(call), `${role}: ${call}`);
  }
});
