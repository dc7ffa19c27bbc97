// What the first screen's time on loopback is made of (issue 12 point 8): fresh loads, as scripts/bench.mjs makes
// them (a new browser context each, the compressing server in a process of its own), of the demo page and of the
// same host page without the widget (its floor: what any page costs in this harness), interleaved, each step on the
// page's clock (performance.now(), 0 = navigation start). Not a test.
//   node scripts/bench-first.mjs [site dir] [loads]   (BENCH_THROTTLED=1: the throttled profile of bench.mjs too)
import { chromium } from 'playwright-core';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { serveApart, freshPage, BENCH_ARGS } from './bench-serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = process.argv[2] ?? join(ROOT, 'target', 'bench', 'site');
const LOADS = Number(process.argv[3] ?? 15);
const ARGS = [...BENCH_ARGS];

/** Before the page's scripts: the steps of the embed module, the start screen's DOM and its frame, the paints. */
function stamps() {
  const T = (window.__first = {});
  const mark = (what, t = performance.now()) => { T[what] ??= t; };
  const define = customElements.define;
  customElements.define = function (...a) { mark('module ran (element defined)'); return define.apply(this, a); };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    mark('widget started (shadow root)');
    const s = attach.call(this, init);
    new MutationObserver(() => {
      if (!s.querySelector('h2') || T['start screen in the DOM']) return;
      mark('start screen in the DOM');
      requestAnimationFrame(() => mark('start screen frame'));
    }).observe(s, { childList: true, subtree: true });
    return s;
  };
  // The blank page: its first frame once its body is parsed.
  document.addEventListener('DOMContentLoaded', () => { mark('DOMContentLoaded'); requestAnimationFrame(() => mark('first frame after DOMContentLoaded')); });
  requestAnimationFrame(() => mark('first frame'));
  new PerformanceObserver((list) => { for (const e of list.getEntries()) mark(`browser ${e.name}`, e.startTime); }).observe({ type: 'paint', buffered: true });
}

async function load(browser, url, throttled) {
  const { context, page } = await freshPage(browser, stamps, throttled);
  await page.goto(url, { waitUntil: 'commit' });
  // Nothing evaluated in the page while it loads: Playwright's waitForFunction injects its own script (about 20 ms of
  // V8 parsing and running on the main thread, bench-cdp-trace.mjs shows it) and would land in what is measured.
  // BENCH_EARLY_WAIT=1: as before (waits at once).
  if (process.env.BENCH_EARLY_WAIT !== '1') await new Promise((ok) => setTimeout(ok, throttled ? 4000 : 700));
  const blank = url.endsWith('blank.html');
  await page.waitForFunction((b) => (b ? window.__first['browser first-contentful-paint'] : window.__first['start screen frame'])
    && window.__first['first frame'], blank, { timeout: 60000 });
  const out = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const embed = performance.getEntriesByType('resource').find((e) => /\/embed(-[0-9a-f]{8})?\.js$/.test(e.name));
    const marks = { ...window.__first, ...(window.__t0 ? { 'module: first statement': window.__t0 } : {}), 'page: response start': nav.responseStart, 'page: response end': nav.responseEnd };
    if (embed) Object.assign(marks, { 'embed module: request': embed.startTime, 'embed module: first byte': embed.responseStart, 'embed module: last byte': embed.responseEnd });
    return marks;
  });
  await context.close();
  return out;
}

// The floor: the demo page's own HTML and stylesheet, without the widget's script and element.
const demo = readFileSync(join(SITE, 'index.html'), 'utf8');
const blankPage = demo.replace(/<script type="module"[^>]*><\/script>\s*/, '').replace(/<link rel="preload"[^>]*>\s*/g, '')
  .replace(/<loan-insurance-check[^>]*><\/loan-insurance-check>/, '');
if (blankPage === demo || /<script|<loan-insurance-check|rel="preload"/.test(blankPage)) throw new Error('bench-first.mjs: could not make the blank host page');
writeFileSync(join(SITE, 'blank.html'), blankPage);

const server = await serveApart(SITE);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
console.log(`site ${SITE}; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const med = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[s.length >> 1] : NaN; };
try {
  for (const throttled of process.env.BENCH_THROTTLED === '1' ? [false, true] : [false]) {
    // Other variants of the host page in the site's directory, compared in the same run: node ... [site] [loads] a.html b.html
    const pages = { demo: '', blank: 'blank.html', ...Object.fromEntries(process.argv.slice(4).map((p) => [p, p])) };
    for (const path of Object.values(pages)) await load(browser, base + path, throttled); // warm-up, not counted
    const runs = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
    for (let i = 0; i < LOADS; i++) {
      // Interleaved, in a turning order: the machine's load changes the same way for each.
      const names = Object.keys(pages);
      for (let j = 0; j < names.length; j++) {
        const name = names[(i + j) % names.length];
        runs[name].push(await load(browser, base + pages[name], throttled));
      }
    }
    console.log(`\n${throttled ? 'throttled (150 ms, 1.6 Mbit/s, 4x CPU)' : 'loopback'}: medians of ${LOADS} interleaved loads, ms from navigation start; load average now ${loadavg()[0].toFixed(2)}`);
    for (const [name, list] of Object.entries(runs)) {
      console.log(`  ${name === 'demo' ? 'the demo page (index.html)' : name === 'blank' ? 'the same host page without the widget (floor)' : name}`);
      const keys = [...new Set(list.flatMap((r) => Object.keys(r)))];
      const rows = keys.map((k) => [k, med(list.map((r) => r[k]))]).sort((a, b) => a[1] - b[1]);
      for (const [k, t] of rows) console.log(`    ${t.toFixed(1).padStart(7)}  ${k}`);
    }
    const floor = med(runs.blank.map((r) => r['browser first-contentful-paint']));
    for (const name of Object.keys(pages).filter((n) => n !== 'blank')) {
      const ours = med(runs[name].map((r) => r['start screen frame']));
      console.log(`  ${name}: start screen frame ${ours.toFixed(0)} ms; the floor's first contentful paint ${floor.toFixed(0)} ms; beyond it ${(ours - floor).toFixed(0)} ms`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
