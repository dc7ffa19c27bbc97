// Prints the size of every file a visitor downloads: raw, gzip (level 9) and brotli (quality 11), what each stage of
// a visit downloads, and the budgets of issue 12 (brotli): what the host page downloads before the start screen is
// visible at most 15 KB; the first wasm file at most 120 KB; everything a full journey loads at most 200 KB; the
// iframe loader at most 3 KB. Only the versioned files count (name-<hash>.ext, see scripts/version.mjs): the
// unversioned aliases have the same bytes, and the demo and integration pages are not part of the widget.
// tests/e2e/embed-sizes.test.mjs fails when a budget is exceeded.
// Usage: node scripts/sizes.mjs target/site [--json]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** Budgets in bytes, brotli (issue 12 point 9). */
export const BUDGETS = { beforeStart: 15000, firstWasm: 120000, journey: 200000, loader: 3000 };

/**
 * Two budgets are not met yet: the first wasm file and a full journey. The wasm is split in two (ARCHITECTURE.md
 * "Loading": the first file 149.0 KB, the second 93.8 KB; the split costs the full journey about 13 KB, two brotli
 * streams instead of one). Until the budgets are met the tests hold these ceilings, just above the sizes at the
 * commit that set them, so that nothing grows unnoticed; the budgets above stay printed, OVER. Raised once, when the
 * split was merged with the switching history (its facts and rules in the first file, +3.8 KB) and the result's
 * needed answers and reload resume (+6.6 KB of journey): first file 152.8 KB, full journey 298.8 KB.
 * msgidx (message keys as indices): journey -8.5 KB (words files -4.2 and -4.0 KB, no key in either wasm file).
 * sizecode (law titles and links, the JSON writer and the dossier reader out of the first file, short import
 * names in the first file and its glue, no software fmod in the theme): first file 141.0 KB, journey 293.1 KB.
 * Merged with the month-and-year dates (+3.1 KB first file: the month value, its parsers and the days tried) and
 * the typed ids and property fixes (+0.4 KB): first file 143.7 KB, full journey 288.6 KB.
 * journey (letter templates as indices, 6 unused message keys out): second file 103.6 -> 102.2 KB, full journey
 * 288.8 -> 286.9 KB, counted per language as the browser loads it (JOURNEY; both languages load the same files).
 * firstq (the first question usable before the wasm runs: its static copy in both languages and the code that hands
 * its answer to the widget, in the embed module): +1.2 KB of journey.
 * sizeeng (the answers as one array slot per fact, the resolver's candidates in one vector): first file 139.6 KB.
 * sizeui (the start screen, the language switch, the questions and the field error as functions of the root
 * component, not component types of their own; the book of sends in the props; one memo and one ref cell less):
 * first file 140.7 KB on its own.
 * All six merged with the third switch request (+0.6 KB), the property fixes, the reasons and ranges of the engine
 * gaps and the article links: first file 138.3 KB, full journey 283.4 KB.
 * size12 (the theme stylesheet computed by the embed module's www/theme.js, which the start screen already carries,
 * not by the first file: -2.5 KB there, +0.2 KB in the embed module): first file 135.8 KB, full journey 281.0 KB.
 * Merged (first file 136.8 KB, journey 282.9 KB), then size12 round 2: the keep notes, their choices, the saving
 * and the dossier opening drawn from the second file (src/ui/components/keep.rs `KeepNotes`, ui/late.rs; the
 * restoring on start stays in the first): first file 130.7 KB, second 108.7 KB, full journey 282.6 KB.
 * Merged with engine11 (the schedule read from the loan's last installment, refused_switch priced month by month on
 * a declining premium: +1.3 KB in the first file, which picks the next question with the engine): first file
 * 132.0 KB, second 108.9 KB, full journey 284.1 KB.
 * Session of 2026-12-02: the manifest address checked in the second file (first file 127.6 -> 125.6 KB) and
 * element helpers in the late screens (second file -0.5 KB): first file 125.6 KB, full journey 263.3 KB.
 */
export const CEILINGS = { firstWasm: 126100, journey: 263800 };

/**
 * The files (roles of www/files.json) the host page needs before the start screen is visible, in-page: the module
 * alone (glue, start screen and widget.css in it; the WebAssembly and the words load behind it, see ARCHITECTURE).
 */
export const BEFORE_START = ['embed'];

const root = process.argv[2] ?? 'target/site';
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const versioned = (path) => /-[0-9a-f]{8}\.(js|wasm|css|html|txt)$/.test(path);
const shipped = (path) => /\.(js|wasm|css|txt)$/.test(path) && !/host-demo|integrate/.test(path);

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

const roleOf = (files, row) => Object.keys(files).find((role) => files[role].path === `www/${row.file.replace(/^www\//, '')}`);

/**
 * What a full in-page journey loads in each language, by www/files.json role: `needed` are the files the journey
 * reads in its language; `prefetched` the other language's words, which embed.js requests once the first wasm file is
 * in, whatever the visitor does, so that the language switch is immediate and makes no request that depends on the
 * visitor (ARCHITECTURE.md "Loading", step 3). A journey that never switches still downloads them, so they count.
 * tests/e2e/embed-sizes.test.mjs runs a full journey in each language in headless Chromium and asserts that its
 * request log names exactly these files: if the loading design changes (the other words on demand, say), that test
 * fails until this list says what a journey really loads.
 */
export const JOURNEY = {
  fr: { needed: ['embed', 'wasm', 'wasmLate', 'messagesFr'], prefetched: ['messagesEn'] },
  en: { needed: ['embed', 'wasm', 'wasmLate', 'messagesEn'], prefetched: ['messagesFr'] },
};

/**
 * What each stage downloads, from www/files.json's roles: `beforeStart` (in-page, until the start screen shows),
 * `firstWasm`, `journeys.fr` / `journeys.en` (in-page, everything a full journey in that language loads, JOURNEY;
 * `.needed` the part it reads in its language), `journey` (the larger of the two: the budget's figure), `switching`
 * (a journey that switches language midway: both languages' words), `loader` (the iframe loader, in the host page)
 * and `iframe` (the loader, the frame page and the widget).
 */
export function modes(dir) {
  const rows = measure(dir);
  const files = JSON.parse(readFileSync(join(dir, 'www', 'files.json'), 'utf8')).files;
  const frameHtml = walk(dir).filter((p) => /frame-[0-9a-f]{8}\.html$/.test(p)).map((p) => row(dir, p));
  const isLoader = (r) => roleOf(files, r) === 'loader';
  const isFrame = (r) => /^frame/.test(roleOf(files, r) ?? '');
  const of = (list) => ({ ...sum(list), files: list.map((r) => r.file) });
  const inPage = rows.filter((r) => !isLoader(r) && !isFrame(r));
  const ofRoles = (roles) => of(rows.filter((r) => roles.includes(roleOf(files, r))));
  const journeys = Object.fromEntries(Object.entries(JOURNEY).map(([lang, j]) =>
    [lang, { ...ofRoles([...j.needed, ...j.prefetched]), needed: ofRoles(j.needed) }]));
  const larger = Object.values(journeys).reduce((a, b) => (b.brotli > a.brotli ? b : a));
  const switching = ofRoles([...new Set(Object.values(JOURNEY).flatMap((j) => j.needed))]);
  return {
    rows,
    beforeStart: of(rows.filter((r) => BEFORE_START.includes(roleOf(files, r)))),
    firstWasm: of(rows.filter((r) => roleOf(files, r) === 'wasm')),
    journeys,
    journey: larger,
    switching,
    inPage: of(inPage),
    loader: of(rows.filter(isLoader)),
    iframe: of([...rows, ...frameHtml]),
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
    console.log(line('in-page, before the start screen shows', m.beforeStart));
    for (const [lang, j] of Object.entries(m.journeys)) {
      console.log(line(`in-page, a full journey in ${lang.toUpperCase()}`, j));
      console.log(line(`  of which read in ${lang.toUpperCase()} (no other words)`, j.needed));
    }
    console.log(line('in-page, switching language mid-journey', m.switching));
    console.log(line('in-page, every shipped file', m.inPage));
    console.log(line('iframe, a full journey (loader + frame page)', m.iframe));
    const budget = (label, value, limit, ceiling) =>
      `budget: ${label.padEnd(width - 8)}  ${kb(value)} brotli of ${kb(limit).trim()}  ${value <= limit ? 'ok' : 'OVER BUDGET'}`
      + (ceiling ? ` (test ceiling ${kb(ceiling).trim()}: ${value <= ceiling ? 'ok' : 'OVER'})` : '');
    console.log(budget('before the start screen', m.beforeStart.brotli, BUDGETS.beforeStart));
    console.log(budget('first wasm file', m.firstWasm.brotli, BUDGETS.firstWasm, CEILINGS.firstWasm));
    console.log(budget('a full journey (the larger language)', m.journey.brotli, BUDGETS.journey, CEILINGS.journey));
    console.log(budget('iframe loader', m.loader.brotli, BUDGETS.loader));
  }
}
