// The measurements of ./scripts/bench.sh (issue 8): sizes, time to the first question and to the result screen,
// next-question time, engine speed and memory, ours and the same questionnaire in SurveyJS side by side.
// Run through scripts/bench.sh, which builds the site and prepares target/bench/surveyjs first.
// Not a test: it prints figures and a verdict per budget, and exits 0 unless it could not run at all.
//
// Environment: BENCH_LOADS (fresh loads per configuration, default 10; fewer only to try the bench itself),
// BENCH_SAMPLES (next-question samples, default 12), BENCH_NO_WASI=1 (skip the engine compiled to wasm32-wasip1),
// CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import * as sizesModule from './sizes.mjs';
import { serveApart, THROTTLE, throttle, BENCH_ARGS } from './bench-serve.mjs';
import { loadavg, cpus } from 'node:os';
import { journey, RESULT } from './bench-journey.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// A copy of target/site taken by bench.sh right after its build: other builds may replace target/site meanwhile.
const SITE = join(ROOT, 'target', 'bench', 'site');
const SURVEYJS = join(ROOT, 'target', 'bench', 'surveyjs');
const OUT = join(ROOT, 'target', 'bench');
const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 10));
const SAMPLES = Math.max(1, Number(process.env.BENCH_SAMPLES ?? 12));
const CHROMIUM_ARGS = [...BENCH_ARGS];
// Reference figures of SurveyJS 2.5.38 from the issue (same 12 questions, "a machine like ours").
const REFERENCE = { size: 324e3, firstLoopback: 176, firstThrottled: 2400, next: 25 };

const started = Date.now();
const progress = (msg) => console.error(`\x1b[2m[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]\x1b[0m ${msg}`);
const notes = [];

// ---------------------------------------------------------------------------------------------------------------
// The probe, injected into every page before its own scripts: records when the widget's heading (h2) changes and
// the next animation frame after it, and every click, all on the page's clock (performance.now(), 0 = navigation start).
// Shadow roots are not seen by a MutationObserver on the document, so each one is observed as it is attached.
function probe({ host, start }) {
  const B = (window.__bench = { heads: [], clicks: [], last: null, waiters: [] });
  const shadows = new WeakMap(); // closed shadow roots too
  const root = () => { const h = document.querySelector(host); return h && (shadows.get(h) || h.shadowRoot || h); };
  const settle = () => { B.waiters = B.waiters.filter((w) => !w()); };
  const check = () => {
    const r = root();
    // Ours: the static start screen and the widget's container are two .lic-root; one again once the widget has
    // drawn its own first screen and taken the static one's place (www/embed.js licTakeOver).
    const roots = r && r.querySelectorAll ? r.querySelectorAll('.lic-root').length : 0;
    if (roots === 2) B.sawStatic = true;
    else if (roots === 1 && B.sawStatic && B.takeover == null) B.takeover = performance.now();
    const h = r && r.querySelector('h2');
    const text = h ? h.textContent.replace(/\s+/g, ' ').trim() : null;
    if (text === B.last) return;
    B.last = text;
    if (!text) return;
    // static: shown by the static copy (the embed module's, www/embed.js licStaticStart) while the wasm is not running.
    const entry = { text, dom: performance.now(), frame: null, static: roots === 2 };
    B.heads.push(entry);
    requestAnimationFrame(() => {
      entry.frame = performance.now();
      settle();
      // The visitor who clicks "start" as soon as it is painted (issue 12: "first question interactive"): the click
      // made here, in the page, at the first frame the start screen is on, so that no test-driver round trip
      // (several, each slower under load) stands between the start screen and the click.
      const button = start && B.heads.length === 1 && [...r.querySelectorAll('button')].find((b) => b.textContent.trim() === start);
      if (button) { B.autoStart = performance.now(); button.click(); }
    });
  };
  const mo = new MutationObserver(check);
  const options = { childList: true, subtree: true, characterData: true };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attach.call(this, init);
    shadows.set(this, shadow);
    mo.observe(shadow, options);
    return shadow;
  };
  mo.observe(document, options);
  addEventListener('click', (e) => {
    const target = e.composedPath()[0];
    B.clicks.push({ ts: e.timeStamp, label: ((target && target.textContent) || '').trim().slice(0, 60) });
  }, true);
  /** Resolves with the first heading entry after the first `n`, once its frame is stamped. */
  B.waitHead = (n, ms) => new Promise((resolve, reject) => {
    const ready = () => {
      const e = B.heads[B.heads.length - 1];
      if (B.heads.length > n && e.frame != null) { resolve(B.heads[n]); return true; }
      return false;
    };
    if (!ready()) { B.waiters.push(ready); setTimeout(() => reject(new Error(`no new heading within ${ms} ms`)), ms); }
  });
  /** Resolves once a heading other than `from` is on show and its frame stamped. */
  B.waitChange = (from, ms) => new Promise((resolve, reject) => {
    const ready = () => {
      const e = B.heads[B.heads.length - 1];
      if (B.last && B.last !== from && e && e.text === B.last && e.frame != null) { resolve(B.last); return true; }
      return false;
    };
    if (!ready()) { B.waiters.push(ready); setTimeout(() => reject(new Error(`the screen did not change within ${ms} ms`)), ms); }
  });
}

// Keeps every WebAssembly.Memory a module exports, whatever the glue: wraps instantiate/instantiateStreaming.
function wasmHook() {
  const memories = (window.__benchMemories = []);
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
    if (instance) for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  const plain = WebAssembly.instantiate;
  if (streaming) WebAssembly.instantiateStreaming = function (...a) { return streaming.apply(this, a).then(keep); };
  WebAssembly.instantiate = function (...a) { return plain.apply(this, a).then(keep); };
}

// ---------------------------------------------------------------------------------------------------------------
// CPU time of every process (/proc), to tell how much of the machine other work took while we measured.
function cpuSnapshot() {
  const procs = new Map();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const st = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
      } catch { /* gone meanwhile */ }
    }
  } catch { /* no /proc */ }
  return { at: Date.now(), procs };
}

/** Share of all CPUs (0–1) used between two snapshots by processes that are not this one or its descendants. */
function othersShare(a, b) {
  const mine = (pid) => { for (let p = pid, i = 0; p > 1 && i < 64; i++) { if (p === process.pid) return true; p = b.procs.get(p)?.ppid ?? 0; } return false; };
  let ticks = 0;
  for (const [pid, now] of b.procs) if (!mine(pid)) ticks += now.ticks - (a.procs.get(pid)?.ticks ?? now.ticks);
  // A lower bound: processes born and gone between two samples (short compiler runs) are not seen.
  return ticks / 100 / ((b.at - a.at) / 1000) / cpus().length; // USER_HZ is 100 on Linux
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers.
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]; };
const median = (xs) => { const s = sorted(xs); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const stats = (xs) => (xs.length ? { n: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), p10: quantile(xs, 0.1), p90: quantile(xs, 0.9) } : null);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const ms = (n, digits = 0) => (n >= 1000 && digits === 0 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(digits)} ms`);
const spread = (s, digits = 0) => (s ? `${ms(s.median, digits)} (${ms(s.min, digits)}–${ms(s.max, digits)}, n=${s.n})` : null);
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** PASS: within the budget (and the aim, if any); AIM: within the budget, not yet the aim; FAIL: over the budget. */
function verdict(value, budget, aim) {
  if (value == null || Number.isNaN(value)) return 'n/a';
  if (value > budget) return 'FAIL';
  return aim != null && value > aim ? 'AIM' : 'PASS';
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Sizes of the shipped files: scripts/sizes.mjs's `modes` when it has one (what each mode downloads),
// else its `measure` with the loader told apart by name.
function sizes() {
  const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const isLoader = (f) => /(^|\/)loader(-[0-9a-f]{8})?\.js$/.test(f);
  const isFrame = (f) => /(^|\/)i?frame(-[0-9a-f]{8})?\.[a-z]+$/.test(f);
  let m;
  if (typeof sizesModule.modes === 'function') m = sizesModule.modes(SITE);
  else {
    const rows = sizesModule.measure(SITE);
    const inPage = rows.filter((r) => !isLoader(r.file) && !isFrame(r.file));
    const loader = rows.filter((r) => isLoader(r.file));
    m = { rows, inPage: { ...sum(inPage), files: inPage.map((r) => r.file) }, loader: { ...sum(loader), files: loader.map((r) => r.file) } };
  }
  const loader = m.loader && m.loader.files.length ? m.loader : null;
  const width = Math.max(...m.rows.map((r) => r.file.length), 40);
  const pad = (n) => kb(n).padStart(10);
  const mode = (f) => (m.inPage.files.includes(f) ? 'in-page' : isLoader(f) ? 'iframe loader' : 'iframe');
  console.log(`\nShipped files (raw, gzip -9, brotli q11; as scripts/sizes.mjs counts them)`);
  console.log(`  ${'file'.padEnd(width)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}  mode`);
  for (const r of m.rows) console.log(`  ${r.file.padEnd(width)} ${pad(r.raw)} ${pad(r.gzip)} ${pad(r.brotli)}  ${mode(r.file)}`);
  console.log(`  ${'total, in-page mode'.padEnd(width)} ${pad(m.inPage.raw)} ${pad(m.inPage.gzip)} ${pad(m.inPage.brotli)}`);
  if (m.iframe) console.log(`  ${'total, iframe mode (loader + frame page + widget)'.padEnd(width)} ${pad(m.iframe.raw)} ${pad(m.iframe.gzip)} ${pad(m.iframe.brotli)}`);
  if (loader) console.log(`  ${'total, iframe loader (in the host page)'.padEnd(width)} ${pad(loader.raw)} ${pad(loader.gzip)} ${pad(loader.brotli)}`);
  else console.log(`  ${'iframe loader'.padEnd(width)} not built yet (no loader*.js in the built site)`);
  return { rows: m.rows, inPage: m.inPage, iframe: m.iframe ?? null, loader, beforeStart: m.beforeStart ?? null, firstWasm: m.firstWasm ?? null, journey: m.journey ?? m.inPage };
}

/** Sums the brotli size of every file `urls` loaded from `dir` (the page itself and the host page's own CSS aside). */
function loadedSize(dir, base, urls) {
  const files = [];
  for (const url of new Set(urls)) {
    if (!url.startsWith(base)) continue;
    const path = decodeURIComponent(new URL(url).pathname);
    if (path === '/' || path.endsWith('.html') || path.endsWith('host-demo.css')) continue;
    const full = normalize(join(dir, path));
    if (!existsSync(full)) continue;
    const bytes = readFileSync(full);
    files.push({ file: path.slice(1), raw: bytes.length, brotli: brotli(bytes) });
  }
  return { files, brotli: files.reduce((t, f) => t + f.brotli, 0), raw: files.reduce((t, f) => t + f.raw, 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// 2–4. The browser.
/** Waits (without polling) for a heading after the first `n` and returns its entry ({ text, dom, frame }). */
async function waitHead(page, n, timeout) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.evaluate(([n, timeout]) => window.__bench.waitHead(n, timeout), [n, timeout]);
    } catch (e) {
      // The evaluation can race the navigation that creates the document: try again on the new one.
      if (attempt < 20 && /context was destroyed|__bench|Cannot read/.test(e.message)) { await page.waitForTimeout(10); continue; }
      throw e;
    }
  }
}

const probeHandle = (page) => ({
  current: () => page.evaluate(() => window.__bench.last),
  changed: (from, timeout) => page.evaluate(([from, timeout]) => window.__bench.waitChange(from, timeout), [from, timeout]),
});

/** For each heading after the first: from the last click before it to the frame after it (the widget's own time). */
function transitions(heads, clicks) {
  const out = [];
  for (const h of heads.slice(1)) {
    const click = clicks.filter((c) => c.ts <= h.dom).pop();
    if (click && h.frame != null) out.push({ to: h.text, ms: h.frame - click.ts, click: click.ts });
  }
  return out;
}

/**
 * One fresh load: a new browser context (no cache, no storage), the probe, optionally the throttled profile.
 * Returns the time to the first heading, the files loaded and, if asked, the scripted journey's time to the result.
 */
async function freshLoad(browser, site, { throttled = false, drive = false, wasm = false, calibrate = false } = {}) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.addInitScript(probe, { host: site.host, start: drive ? site.start : null });
  if (wasm) await page.addInitScript(wasmHook);
  const cdp = throttled ? await throttle(context, page) : wasm ? await context.newCDPSession(page) : null;
  const timeout = throttled ? 60000 : 20000;
  const out = { requests, problems };
  try {
    await page.goto(site.url, { waitUntil: 'commit', timeout });
    const first = await waitHead(page, 0, timeout);
    out.first = first.frame;
    out.firstDom = first.dom;
    out.firstText = first.text;
    // Every file so far (the waterfall), and when the last one arrived (the download's share of the first question).
    out.files = await page.evaluate(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })));
    out.lastByte = Math.max(0, ...out.files.map((f) => f.end));
    // Chromium's emulated latency delays the body: the page's responseEnd shows it.
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n && { responseEnd: n.responseEnd }; });
    out.ttfb = nav ? nav.responseEnd : null;
    if (calibrate) {
      // The CPU slowdown really applies: a fixed piece of work, timed in the page.
      out.cpuProbe = await page.evaluate(() => {
        const once = () => { const t = performance.now(); let x = 0; for (let i = 0; i < 3e6; i++) x = (x + i * 7) % 1000003; return performance.now() - t + x * 0; };
        return Math.min(once(), once(), once(), once(), once());
      });
    }
    if (drive) {
      // Clicked in the page as soon as the start screen was painted (probe): the journey goes on from the next screen.
      if (site.start) await waitHead(page, 1, timeout);
      const result = await journey(page, probeHandle(page), { timeout: throttled ? 15000 : 5000 });
      if (result.ok) {
        const { heads, clicks } = await page.evaluate(() => ({ heads: window.__bench.heads, clicks: window.__bench.clicks }));
        const hit = heads.findIndex((h) => RESULT.test(h.text));
        out.result = hit >= 0 ? heads[hit].frame : null;
        out.screens = result.screens;
        // The first question on screen, the scripted visitor clicking "start" as soon as it shows (issue 12): the
        // static copy's (usable: real fields, its answer handed to the widget) when the wasm is not running yet.
        out.firstQuestion = heads[1]?.frame ?? null;
        out.firstQuestionStatic = heads[1]?.static ?? null;
        // The visitor answering that question at once: the second question on screen, which needs the widget.
        out.secondQuestion = heads[2]?.frame ?? null;
        // Where that time goes: the first wasm file's last byte, and the widget's own first screen in place.
        const at = await page.evaluate(() => ({
          takeover: window.__bench.takeover ?? null,
          wasm: performance.getEntriesByType('resource').find((e) => /loan_insurance_check_bg(-[0-9a-f]{8})?\.wasm$/.test(e.name))?.responseEnd ?? null,
        }));
        out.takeover = at.takeover;
        out.wasmIn = at.wasm;
        out.auto = result.auto;
        // The widget's own share of that time: the first screen, plus each answer's time to the next screen; a
        // step whose click the static copy took (before the widget ran) waits for the wasm: counted apart.
        const steps = transitions(heads.slice(0, hit + 1), clicks);
        out.steps = steps.filter((x) => at.takeover == null || x.click >= at.takeover);
        out.heldSteps = steps.filter((x) => !out.steps.includes(x));
        out.widgetTime = out.first + out.steps.reduce((t, s) => t + s.ms, 0);
      } else out.journeyError = result.reason;
    }
    if (wasm) out.memory = await wasmMemory(page, cdp);
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
  } finally {
    await context.close();
  }
  return out;
}

/** The widget's linear memory (bytes), and the JS heap after a full GC, from inside the page and over CDP. */
async function wasmMemory(page, cdp) {
  let method = 'WebAssembly.instantiate(Streaming) wrapped by an init script; Memory.buffer.byteLength';
  let bytes = await page.evaluate(() => (window.__benchMemories || []).reduce((t, m) => t + m.buffer.byteLength, 0));
  if (!bytes) method = 'n/a: no WebAssembly.Memory seen by the instantiate hook';
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const heap = await cdp.send('Runtime.getHeapUsage').catch(() => null);
  return { wasm: bytes || null, method, jsHeap: heap ? heap.usedSize : null };
}

/**
 * Next-question time: on one page (loopback, no CPU slowdown), from the click on "next" (the click event's timeStamp)
 * to the first animation frame after the next question's h2 is in the DOM. Back and forth between the first two questions.
 */
async function nextQuestion(browser, site) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.addInitScript(probe, { host: site.host });
  const samples = [];
  try {
    await page.goto(site.url, { waitUntil: 'commit' });
    await waitHead(page, 0, 20000);
    const scope = page.locator(site.host).first();
    await site.toFirstQuestion(page, scope, waitHead);
    await site.answerFirst(scope);
    for (let i = 0; i < SAMPLES; i++) {
      let [n, c] = await page.evaluate(() => [window.__bench.heads.length, window.__bench.clicks.length]);
      await scope.getByRole('button', { name: site.next, exact: true }).first().click();
      const head = await waitHead(page, n, 10000);
      const click = await page.evaluate((c) => window.__bench.clicks[c], c);
      samples.push({ frame: head.frame - click.ts, dom: head.dom - click.ts });
      n = await page.evaluate(() => window.__bench.heads.length);
      await scope.getByRole('button', { name: site.back, exact: true }).first().click();
      await waitHead(page, n, 10000);
      await page.waitForTimeout(20);
    }
  } catch (e) {
    notes.push(`next question (${site.name}): stopped after ${samples.length} samples: ${String(e.message).split('\n')[0]}`);
  } finally {
    await context.close();
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Engine speed: the engine engineer's `loan-insurance-check bench`, natively and compiled to wasm32-wasip1 (node's WASI,
// the same V8 as Chromium). Each call evaluates the answer sets of SPEC §4 in a loop for 2 s.
function engineBench() {
  const out = { native: null, wasm: null };
  const parse = (text) => { const m = /([\d.]+) evaluations\/s/.exec(text ?? ''); return m ? Number(m[1]) : null; };
  const src = join(ROOT, 'src', 'bin', 'loan-insurance-check.rs');
  if (!existsSync(src) || !/"bench"/.test(readFileSync(src, 'utf8'))) {
    out.note = 'skipped: the CLI has no `bench` subcommand';
    return out;
  }
  progress('engine: cargo build --release --bin loan-insurance-check (native)');
  let b = spawnSync('cargo', ['build', '--quiet', '--release', '--bin', 'loan-insurance-check'], { cwd: ROOT, encoding: 'utf8', timeout: 600e3 });
  if (b.status === 0) {
    const r = spawnSync(join(ROOT, 'target', 'release', 'loan-insurance-check'), ['bench', '--seconds', '2'], { encoding: 'utf8', timeout: 60e3 });
    out.native = parse(r.stdout);
    out.nativeLine = (r.stdout || r.stderr || '').trim();
  } else out.nativeNote = `native build failed: ${(b.stderr || '').trim().split('\n').slice(-1)[0]}`;

  if (process.env.BENCH_NO_WASI === '1') { out.wasmNote = 'skipped (BENCH_NO_WASI=1)'; return out; }
  const targets = spawnSync('rustup', ['target', 'list', '--installed'], { encoding: 'utf8' }).stdout ?? '';
  if (!/^wasm32-wasip1$/m.test(targets)) {
    progress('engine: rustup target add wasm32-wasip1 (once)');
    spawnSync('rustup', ['target', 'add', 'wasm32-wasip1'], { stdio: 'ignore', timeout: 300e3 });
  }
  progress('engine: cargo build --release --bin loan-insurance-check --target wasm32-wasip1 (the first time: about 2 min)');
  b = spawnSync('cargo', ['build', '--quiet', '--release', '--bin', 'loan-insurance-check', '--target', 'wasm32-wasip1',
    '--target-dir', 'target/bench/wasi'], { cwd: ROOT, encoding: 'utf8', timeout: 900e3 });
  const wasmFile = join(ROOT, 'target', 'bench', 'wasi', 'wasm32-wasip1', 'release', 'loan-insurance-check.wasm');
  if (b.status === 0 && existsSync(wasmFile)) {
    const r = spawnSync(process.execPath, ['--no-warnings', join(ROOT, 'scripts', 'bench-wasi.mjs'), wasmFile, 'bench', '--seconds', '2'],
      { encoding: 'utf8', timeout: 60e3 });
    out.wasm = parse(r.stdout);
    out.wasmLine = (r.stdout || r.stderr || '').trim();
  } else out.wasmNote = `wasm32-wasip1 build failed: ${(b.stderr || 'timeout').trim().split('\n').slice(-1)[0]}`;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
async function main() {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('target/bench/site is missing: run ./scripts/bench.sh');
  const size = sizes();

  const siteServer = await serveApart(SITE);
  const sjServer = existsSync(join(SURVEYJS, 'index.html')) ? await serveApart(SURVEYJS) : null;
  const url = (server) => `http://127.0.0.1:${server.address().port}/`;
  const OURS = {
    name: 'ours', dir: SITE, url: url(siteServer), host: 'loan-insurance-check', start: 'Commencer la vérification',
    next: /^(Continuer|Voir le résultat)$/, back: /^Retour$/,
    toFirstQuestion: async (page, scope, wait) => {
      const n = await page.evaluate(() => window.__bench.heads.length);
      await scope.getByRole('button', { name: 'Commencer la vérification', exact: true }).click();
      await wait(page, n, 10000);
    },
    answerFirst: (scope) => scope.locator('input[type=radio]').first().check(),
  };
  const SJ = sjServer && {
    name: 'SurveyJS', dir: SURVEYJS, url: url(sjServer), host: '#survey',
    next: /^Suivant$/, back: /^Précédent$/,
    toFirstQuestion: async () => {},
    answerFirst: (scope) => scope.getByText('Un prêt immobilier', { exact: true }).click(),
  };
  if (!SJ) notes.push('SurveyJS page missing (target/bench/surveyjs): its columns are empty');

  // The machine's load while measuring: other builds on a 2-core machine move every time figure.
  const load = [loadavg()[0]];
  const others = [];
  let snapshot = cpuSnapshot();
  const sampler = setInterval(() => {
    load.push(loadavg()[0]);
    const next = cpuSnapshot();
    others.push(othersShare(snapshot, next));
    snapshot = next;
  }, 5000);
  if (LOADS < 10) notes.push(`only ${LOADS} fresh loads per configuration (BENCH_LOADS): not the issue's 10`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const version = browser.version();
  const runs = {};
  let journeyBroken = false;
  try {
    for (const throttled of [false, true]) {
      const mode = throttled ? 'throttled' : 'loopback';
      const sites = [OURS, SJ].filter(Boolean);
      // One load per site first, not counted: Chromium's first page in a fresh process pays its own start-up.
      for (const site of sites) {
        const w = await freshLoad(browser, site, { throttled, calibrate: true });
        runs[`${site.name}/${mode}/cpu`] = w.cpuProbe;
        runs[`${site.name}/${mode}/ttfb`] = w.ttfb;
      }
      for (let i = 0; i < LOADS; i++) {
        // Interleaved, so a slow moment of the machine hurts both sides alike.
        for (const site of sites) {
          progress(`${mode}: fresh load ${i + 1}/${LOADS}, ${site.name}`);
          // Once the journey could not finish, the next loads only time the first question (no minute lost per load).
          const r = await freshLoad(browser, site, { throttled, drive: site === OURS && !journeyBroken });
          if (r.journeyError) journeyBroken = true;
          (runs[`${site.name}/${mode}`] ??= []).push(r);
        }
      }
    }
    progress('next question: ours');
    runs.oursNext = await nextQuestion(browser, OURS);
    if (SJ) { progress('next question: SurveyJS'); runs.sjNext = await nextQuestion(browser, SJ); }
    progress('wasm memory after a full journey (one more loopback load)');
    runs.memory = await freshLoad(browser, OURS, { drive: !journeyBroken, wasm: true });
    if (journeyBroken) notes.push('wasm memory measured after the first screen only: the journey could not finish');
    if (SJ) {
      const m = await freshLoad(browser, SJ, { wasm: true });
      runs.sjMemory = m.memory;
    }
  } finally {
    await browser.close();
    siteServer.close();
    sjServer?.close();
  }
  const engine = engineBench(); // synchronous: the sampler cannot tick meanwhile, so one last sample covers it
  clearInterval(sampler);
  others.push(othersShare(snapshot, cpuSnapshot()));
  load.push(loadavg()[0]);

  // ---- Collect.
  const pick = (name, mode, key) => (runs[`${name}/${mode}`] ?? []).map((r) => r[key]).filter((v) => typeof v === 'number');
  const failures = (name, mode) => (runs[`${name}/${mode}`] ?? []).filter((r) => r.error).map((r) => r.error);
  for (const name of ['ours', 'SurveyJS']) for (const mode of ['loopback', 'throttled']) {
    const f = failures(name, mode);
    if (f.length) notes.push(`${name} ${mode}: ${f.length} load(s) failed: ${[...new Set(f)].join(' | ')}`);
    const problems = [...new Set((runs[`${name}/${mode}`] ?? []).flatMap((r) => r.problems))];
    if (problems.length) notes.push(`${name} ${mode}: page errors: ${problems.slice(0, 3).join(' | ')}`);
  }
  const journeyErrors = [...new Set(['loopback', 'throttled'].flatMap((m) => (runs[`ours/${m}`] ?? []).map((r) => r.journeyError).filter(Boolean)))];
  if (journeyErrors.length) notes.push(`journey n/a: ${journeyErrors.join(' | ')}`);
  const autos = [...new Set((runs['ours/loopback'] ?? []).flatMap((r) => r.auto ?? []))];
  if (autos.length) notes.push(`journey: ${autos.length} screen(s) answered automatically (no row in scripts/bench-journey.mjs): ${autos.join(' / ')}`);
  const screens = pick('ours', 'loopback', 'screens');

  // Files each page loaded, from the first counted load of each (all loads fetch the same files).
  const oursLoaded = loadedSize(SITE, OURS.url, runs['ours/loopback']?.[0]?.requests ?? []);
  const sjLoaded = SJ ? loadedSize(SURVEYJS, SJ.url, runs['SurveyJS/loopback']?.[0]?.requests ?? []) : null;
  const foreign = [...new Set(Object.values(runs).flatMap((v) => (Array.isArray(v) ? v : [])).flatMap((r) => r?.requests ?? [])
    .filter((u) => !u.startsWith('http://127.0.0.1') && !u.startsWith('data:')))];
  if (foreign.length) notes.push(`requests off loopback (blocked or failed): ${foreign.slice(0, 5).join(', ')}`);
  if (SJ) {
    console.log(`\nSurveyJS page: every file it loads (target/bench/surveyjs; the page and the host page's CSS aside)`);
    for (const f of sjLoaded.files) console.log(`  ${f.file.padEnd(40)} ${kb(f.raw).padStart(10)} ${kb(f.brotli).padStart(10)} brotli`);
    console.log(`  ${'total'.padEnd(40)} ${kb(sjLoaded.raw).padStart(10)} ${kb(sjLoaded.brotli).padStart(10)} brotli`);
  }
  console.log(`\nOur demo page loaded ${oursLoaded.files.length} of the widget's files, ${kb(oursLoaded.brotli)} brotli: ${oursLoaded.files.map((f) => f.file).join(', ')}`);

  const loadMean = load.reduce((t, x) => t + x, 0) / load.length;
  const othersMean = others.length ? others.reduce((t, x) => t + x, 0) / others.length : null;
  console.log(`\nMachine load while measuring (${cpus().length} CPUs): 1-minute load average mean ${loadMean.toFixed(1)}, max ${Math.max(...load).toFixed(1)} (the bench included); ` +
    `other processes than the bench used at least ${othersMean == null ? '?' : `${(othersMean * 100).toFixed(0)} %`} of the CPUs on average` +
    `${others.length ? ` (max ${(Math.max(...others) * 100).toFixed(0)} % over 5 s)` : ''}.`);
  if (othersMean != null && othersMean > 0.15) notes.push(`other processes used at least ${(othersMean * 100).toFixed(0)} % of the CPUs while measuring (builds or tests in this checkout?): the times are pessimistic; run again on a quiet machine`);

  // Where the first question's time goes: the median waterfall of each configuration.
  console.log('\nWaterfall to the first question (medians of the fresh loads; start → last byte, ms from navigation start):');
  for (const key of ['ours/loopback', 'ours/throttled', 'SurveyJS/loopback', 'SurveyJS/throttled']) {
    const loads = (runs[key] ?? []).filter((r) => r.files && r.first != null);
    if (!loads.length) continue;
    const names = [...new Set(loads.flatMap((r) => r.files.map((f) => f.name)))];
    const parts = names.map((name) => {
      const hits = loads.map((r) => r.files.find((f) => f.name === name)).filter(Boolean);
      return `${name.replace(/-[0-9a-f]{8}(?=\.)/, '-…')} ${median(hits.map((f) => f.start)).toFixed(0)}→${median(hits.map((f) => f.end)).toFixed(0)}`;
    });
    console.log(`  ${key.padEnd(19)} ${parts.join(', ')}; h2 in the DOM ${median(loads.map((r) => r.firstDom)).toFixed(0)}, painted ${median(loads.map((r) => r.first)).toFixed(0)}`);
  }

  // Sanity of the throttled profile.
  const cpuRatio = runs['ours/throttled/cpu'] && runs['ours/loopback/cpu'] ? runs['ours/throttled/cpu'] / runs['ours/loopback/cpu'] : null;
  const ttfb = runs['ours/throttled/ttfb'];
  console.log(`\nThrottled profile check: CPU work x${cpuRatio?.toFixed(1) ?? '?'} slower than on loopback (want about 4); ` +
    `the page itself arrived after ${ttfb != null ? ms(ttfb) : '?'} (want at least ${THROTTLE.latency} ms).`);
  if (cpuRatio != null && cpuRatio < 2.5) notes.push(`the CPU slowdown does not seem to apply (x${cpuRatio.toFixed(1)})`);
  if (ttfb != null && ttfb < THROTTLE.latency * 0.9) notes.push(`the network throttling does not seem to apply (page received after ${ms(ttfb)})`);

  const S = {
    oursFirstLoop: stats(pick('ours', 'loopback', 'first')), oursFirstThr: stats(pick('ours', 'throttled', 'first')),
    oursQuestionLoop: stats(pick('ours', 'loopback', 'firstQuestion')), oursQuestionThr: stats(pick('ours', 'throttled', 'firstQuestion')),
    sjFirstLoop: stats(pick('SurveyJS', 'loopback', 'first')), sjFirstThr: stats(pick('SurveyJS', 'throttled', 'first')),
    oursWasmLoop: stats(pick('ours', 'loopback', 'wasmIn')), oursWasmThr: stats(pick('ours', 'throttled', 'wasmIn')),
    oursTakeoverLoop: stats(pick('ours', 'loopback', 'takeover')), oursTakeoverThr: stats(pick('ours', 'throttled', 'takeover')),
    oursSecondLoop: stats(pick('ours', 'loopback', 'secondQuestion')), oursSecondThr: stats(pick('ours', 'throttled', 'secondQuestion')),
    oursResultLoop: stats(pick('ours', 'loopback', 'result')), oursResultThr: stats(pick('ours', 'throttled', 'result')),
    oursNext: stats((runs.oursNext ?? []).map((x) => x.frame)), sjNext: stats((runs.sjNext ?? []).map((x) => x.frame)),
    oursNextDom: stats((runs.oursNext ?? []).map((x) => x.dom)), sjNextDom: stats((runs.sjNext ?? []).map((x) => x.dom)),
    oursBytesLoop: stats(pick('ours', 'loopback', 'lastByte')), oursBytesThr: stats(pick('ours', 'throttled', 'lastByte')),
    sjBytesLoop: stats(pick('SurveyJS', 'loopback', 'lastByte')), sjBytesThr: stats(pick('SurveyJS', 'throttled', 'lastByte')),
    oursOwnLoop: stats(pick('ours', 'loopback', 'widgetTime')), oursOwnThr: stats(pick('ours', 'throttled', 'widgetTime')),
    oursStepsLoop: stats((runs['ours/loopback'] ?? []).flatMap((r) => (r.steps ?? []).map((x) => x.ms))),
    oursStepsThr: stats((runs['ours/throttled'] ?? []).flatMap((r) => (r.steps ?? []).map((x) => x.ms))),
  };
  const mem = runs.memory?.memory;
  if (runs.memory?.journeyError) notes.push(`wasm memory measured after a partial journey (${runs.memory.journeyError})`);

  // ---- The table.
  // How many of the first questions were the static copy's (usable before the wasm runs: www/embed.js).
  const staticShare = (mode) => {
    const loads = (runs[`ours/${mode}`] ?? []).filter((r) => r.firstQuestionStatic != null);
    return loads.length ? ` (static copy in ${loads.filter((r) => r.firstQuestionStatic).length}/${loads.length})` : '';
  };
  // The machine is shared: SurveyJS, loaded interleaved with ours, is the control; the ratio of the medians moves
  // less with the load than either figure (the load average is printed with the table).
  const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(2)} (load average mean ${loadMean.toFixed(1)})` : 'n/a');
  const journeyNa = (s, mode) => s ? spread(s) : ((runs[`ours/${mode}`] ?? []).some((r) => r.journeyError) ? 'journey n/a' : 'n/a');
  const rows = [
    // Budgets of issue 12 point 9 (the sizes are also tests: tests/e2e/embed-sizes.test.mjs).
    ['Size, before the start screen (brotli)', size.beforeStart ? kb(size.beforeStart.brotli) : 'n/a', sjLoaded ? kb(sjLoaded.brotli) : '—', '—', '≤ 15 KB', verdict(size.beforeStart?.brotli, 15e3)],
    ['Size, first wasm file (brotli)', size.firstWasm ? kb(size.firstWasm.brotli) : 'n/a', '(no wasm)', '—', '≤ 120 KB', verdict(size.firstWasm?.brotli, 120e3)],
    ['Size, a full journey in-page (brotli)', kb(size.journey.brotli), sjLoaded ? kb(sjLoaded.brotli) : '—', kb(REFERENCE.size), '≤ 200 KB', verdict(size.journey.brotli, 200e3)],
    ['Size, iframe loader (brotli)', size.loader ? kb(size.loader.brotli) : 'not built yet', '—', '—', '≤ 3 KB', size.loader ? verdict(size.loader.brotli, 3e3) : 'n/a'],
    ['First screen visible, loopback', spread(S.oursFirstLoop) ?? 'n/a', spread(S.sjFirstLoop) ?? '—', ms(REFERENCE.firstLoopback), '≤ 100 ms', verdict(S.oursFirstLoop?.median, 100)],
    ['  of which: last file in', spread(S.oursBytesLoop) ?? 'n/a', spread(S.sjBytesLoop) ?? '—', '—', '—', 'info'],
    ['  ours ÷ SurveyJS, same run (control for the load)', ratio(S.oursFirstLoop, S.sjFirstLoop), '—', '—', '—', 'info'],
    ['First screen visible, throttled', spread(S.oursFirstThr) ?? 'n/a', spread(S.sjFirstThr) ?? '—', ms(REFERENCE.firstThrottled), '≤ 0.8 s', verdict(S.oursFirstThr?.median, 800)],
    ['  of which: last file in', spread(S.oursBytesThr) ?? 'n/a', spread(S.sjBytesThr) ?? '—', '—', '—', 'info'],
    ['  ours ÷ SurveyJS, same run (control for the load)', ratio(S.oursFirstThr, S.sjFirstThr), '—', '—', '—', 'info'],
    [`First question interactive, loopback${staticShare('loopback')}`, journeyNa(S.oursQuestionLoop, 'loopback'), spread(S.sjFirstLoop) ?? '—', '—', '—', 'info'],
    ['  first wasm file in', spread(S.oursWasmLoop) ?? 'n/a', '—', '—', '—', 'info'],
    ['  widget ready (wasm running, its own screen in place)', spread(S.oursTakeoverLoop) ?? 'n/a', '—', '—', '—', 'info'],
    ['  second question, the first answered at once', journeyNa(S.oursSecondLoop, 'loopback'), '—', '—', '—', 'info'],
    [`First question interactive, throttled${staticShare('throttled')}`, journeyNa(S.oursQuestionThr, 'throttled'), spread(S.sjFirstThr) ?? '—', '—', '≤ 1.3 s', verdict(S.oursQuestionThr?.median, 1300)],
    ['  first wasm file in', spread(S.oursWasmThr) ?? 'n/a', '—', '—', '—', 'info'],
    ['  widget ready (wasm running, its own screen in place)', spread(S.oursTakeoverThr) ?? 'n/a', '—', '—', '—', 'info'],
    ['  second question, the first answered at once', journeyNa(S.oursSecondThr, 'throttled'), '—', '—', '—', 'info'],
    [`Result screen, loopback${screens.length ? ` (${median(screens)} screens)` : ''}`, journeyNa(S.oursResultLoop, 'loopback'), '—', '—', '—', 'info'],
    ['  of which the widget itself', journeyNa(S.oursOwnLoop, 'loopback'), '—', '—', '—', 'info'],
    ['Result screen, throttled', journeyNa(S.oursResultThr, 'throttled'), '—', '—', '—', 'info'],
    ['  of which the widget itself', journeyNa(S.oursOwnThr, 'throttled'), '—', '—', '—', 'info'],
    ['Next question (median)', spread(S.oursNext, 1) ?? 'n/a', spread(S.sjNext, 1) ?? '—', ms(REFERENCE.next), '≤ 16 ms', verdict(S.oursNext?.median, 16)],
    ['  of which: until the h2 is in the DOM', spread(S.oursNextDom, 1) ?? 'n/a', spread(S.sjNextDom, 1) ?? '—', '—', '—', 'info'],
    ['Next question, every journey step', spread(S.oursStepsLoop, 1) ?? 'journey n/a', '—', '—', '(≤ 16 ms)', 'info'],
    ['  same, throttled (4x CPU)', spread(S.oursStepsThr, 1) ?? 'journey n/a', '—', '—', '—', 'info'],
    ['Engine, evaluations/s native', engine.native ? `${Math.round(engine.native).toLocaleString('en')}/s` : (engine.note ?? engine.nativeNote ?? 'n/a'), '—', '—', '—', 'info'],
    ['Engine, evaluations/s wasm (WASI)', engine.wasm ? `${Math.round(engine.wasm).toLocaleString('en')}/s` : (engine.note ?? engine.wasmNote ?? 'n/a'), '—', '—', '—', 'info'],
    ['wasm memory after a full journey', mem?.wasm ? `${(mem.wasm / 1048576).toFixed(2)} MiB` : 'n/a', '(no wasm)', '—', '—', 'info'],
    ['JS heap after GC (same page)', mem?.jsHeap ? `${(mem.jsHeap / 1048576).toFixed(2)} MiB` : 'n/a', runs.sjMemory?.jsHeap ? `${(runs.sjMemory.jsHeap / 1048576).toFixed(2)} MiB` : '—', '—', '—', 'info'],
  ];
  const head = ['measure', 'ours', 'SurveyJS (ours measured)', 'SurveyJS (issue reference)', 'budget', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\nBenchmark (headless Chromium ${version}; times: median (min–max, n) of fresh loads, from navigation start ` +
    '(performance.now() of the page: the demo page\'s own request, its parsing and every file included); ' +
    `throttled = ${THROTTLE.latency} ms latency, 1.6 Mbit/s down, 750 kbit/s up, ${THROTTLE.cpu}x CPU slowdown)`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log('\nVerdicts: PASS within the budget (and its aim); AIM within the budget, aim not reached yet; FAIL over the budget; info: no budget.');
  if (engine.nativeLine) console.log(`engine native: ${engine.nativeLine}`);
  if (engine.wasmLine) console.log(`engine wasm (node ${process.version} WASI): ${engine.wasmLine}`);
  if (mem) console.log(`wasm memory method: ${mem.method}`);
  if (notes.length) { console.log('\nNotes:'); for (const n of notes) console.log(`  - ${n}`); }
  console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s (raw figures: target/bench/results.json)`);

  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), load, others, size, oursLoaded, sjLoaded, stats: S, engine, memory: mem, sjMemory: runs.sjMemory, notes, runs }, null, 1));
}

main().catch((e) => { console.error(`bench failed: ${e.stack ?? e}`); process.exit(1); });
