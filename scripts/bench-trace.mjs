// Where the first screens' time goes (issue 12 point 8): fresh loads of the built demo page (target/bench/site, or
// the directory given), loopback and throttled like scripts/bench.mjs, each step stamped on the page's clock
// (performance.now(), 0 = navigation start): the navigation, every file (request start, first byte, last byte), when
// each fetch() promise resolved (with an integrity, Chromium resolves it only once the whole body is in), the
// WebAssembly compile/instantiate calls, the static start screen, the widget's own first render, the click on
// "start" (made as soon as the start screen shows, as bench.mjs does) and the first question. Not a test.
//   node scripts/bench-trace.mjs [site dir] [loads per mode]   (TRACE_MODES=throttled: that mode only)
import { chromium } from 'playwright-core';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { serveApart, freshPage, BENCH_ARGS } from './bench-serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = process.argv[2] ?? join(ROOT, 'target', 'bench', 'site');
const LOADS = Number(process.argv[3] ?? 5);
const ARGS = [...BENCH_ARGS];

/** Injected before the page's scripts: stamps fetch resolutions, wasm calls, shadow-root mutations and headings. */
function stamps() {
  const T = (window.__trace = { marks: [] });
  const mark = (what) => T.marks.push([what, performance.now()]);
  T.mark = mark;
  const short = (u) => String(u?.url ?? u).replace(/^.*\//, '').replace(/-[0-9a-f]{8}(?=\.)/, '');
  const f = window.fetch;
  window.fetch = function (input, init) {
    const name = short(input);
    mark(`fetch() called: ${name}`);
    const p = f.call(this, input, init);
    p.then(() => mark(`fetch() resolved: ${name}`), () => {});
    return p;
  };
  for (const k of ['compileStreaming', 'instantiateStreaming', 'compile', 'instantiate']) {
    const o = WebAssembly[k];
    if (!o) continue;
    WebAssembly[k] = function (...a) {
      mark(`WebAssembly.${k} called`);
      const p = o.apply(this, a);
      p.then(() => mark(`WebAssembly.${k} done`), () => {});
      return p;
    };
  }
  let last = null;
  const mo = new MutationObserver(() => {
    const host = document.querySelector('loan-insurance-check');
    const root = host?.shadowRoot;
    if (!root) return;
    const roots = root.querySelectorAll('.lic-root');
    const state = `${roots.length}:${[...roots].map((r) => r.childElementCount).join(',')}:${root.querySelector('h2')?.textContent}`;
    if (state === last) return;
    last = state;
    const t = performance.now();
    requestAnimationFrame(() => mark(`frame after: ${state.slice(0, 70)} (dom ${t.toFixed(0)})`));
  });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const s = attach.call(this, init);
    mo.observe(s, { childList: true, subtree: true, characterData: true });
    return s;
  };
  addEventListener('click', (e) => mark(`click: ${(e.composedPath()[0]?.textContent ?? '').trim().slice(0, 30)}`), true);
  // The browser's own paint times (the host page's first paint may come before the widget's module has run).
  new PerformanceObserver((list) => { for (const e of list.getEntries()) T.marks.push([`browser ${e.name}`, e.startTime]); }).observe({ type: 'paint', buffered: true });
  document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
}

async function load(browser, url, throttled) {
  const { context, page } = await freshPage(browser, stamps, throttled);
  await page.goto(url, { waitUntil: 'commit' });
  const widget = page.locator('loan-insurance-check');
  const begin = widget.getByRole('button', { name: 'Commencer la vérification' });
  await begin.waitFor({ timeout: 60000 });
  await page.evaluate(() => window.__trace.mark('start button seen by the test'));
  await begin.click();
  await widget.getByRole('heading', { level: 2, name: /type de prêt/ }).waitFor({ timeout: 60000 });
  await page.waitForTimeout(throttled ? 1500 : 300); // the second file and the other words, if still coming
  const out = await page.evaluate(() => {
    const e = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const files = e.map((x) => ({ name: new URL(x.name).pathname.replace(/^.*\//, '').replace(/-[0-9a-f]{8}(?=\.)/, '') || 'page',
      start: x.startTime, first: x.responseStart, end: x.responseEnd, bytes: x.encodedBodySize }));
    return { files, marks: window.__trace.marks };
  });
  await context.close();
  return out;
}

const server = await serveApart(SITE);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
console.log(`site ${SITE}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  for (const throttled of [false, true].filter((t) => (process.env.TRACE_MODES ?? 'loopback,throttled').includes(t ? 'throttled' : 'loopback'))) {
    await load(browser, url, throttled); // warm-up, not counted
    const runs = [];
    for (let i = 0; i < LOADS; i++) runs.push(await load(browser, url, throttled));
    const med = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : NaN; };
    console.log(`\n${throttled ? 'throttled (150 ms, 1.6 Mbit/s, 4x CPU)' : 'loopback'}: medians of ${LOADS} loads, ms from navigation start`);
    for (const name of [...new Set(runs.flatMap((r) => r.files.map((f) => f.name)))]) {
      const hits = runs.map((r) => r.files.find((f) => f.name === name)).filter(Boolean);
      console.log(`  file ${name.padEnd(34)} start ${med(hits.map((f) => f.start)).toFixed(0).padStart(5)}  first byte ${med(hits.map((f) => f.first)).toFixed(0).padStart(5)}  last byte ${med(hits.map((f) => f.end)).toFixed(0).padStart(5)}  (${(med(hits.map((f) => f.bytes)) / 1000).toFixed(1)} KB)`);
    }
    // Marks: by label with its occurrence number, in the order of the first run.
    const keyed = runs.map((r) => { const n = {}; return r.marks.map(([w, t]) => { const k = w.replace(/ \(dom \d+\)$/, ''); n[k] = (n[k] ?? 0) + 1; return [`${k}${n[k] > 1 ? ` #${n[k]}` : ''}`, t]; }); });
    for (const [k] of keyed[0]) console.log(`  ${med(keyed.map((r) => r.find(([x]) => x === k)?.[1])).toFixed(0).padStart(5)}  ${k}`);
  }
} finally {
  await browser.close();
  server.close();
}
