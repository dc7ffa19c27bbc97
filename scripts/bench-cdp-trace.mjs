// What the renderer's main thread does between the embed module's last byte and the start screen's frame (issue 12
// point 9): one fresh load of a page of the site under Chrome tracing (devtools.timeline, v8, blink, loading), the
// main thread's top-level tasks and the V8 / Blink events inside them printed on the page's clock (0 = navigation
// start), from the page's response to the start screen's frame. Not a test.
//   node scripts/bench-cdp-trace.mjs [site dir] [page] [loads]   (TRACE_OUT=file.json: the last raw trace too)
import { chromium } from 'playwright-core';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { serveApart, BENCH_ARGS } from './bench-serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = process.argv[2] ?? join(ROOT, 'target', 'site');
const PAGE = process.argv[3] ?? '';
const LOADS = Number(process.argv[4] ?? 1);
const ARGS = [...BENCH_ARGS, ...(process.env.TRACE_ARGS ? process.env.TRACE_ARGS.split(' ') : [])];
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink', 'blink.user_timing', 'loading', 'toplevel', 'navigation',
  'benchmark', 'cc', 'blink.resource', 'disabled-by-default-devtools.timeline.stack', 'devtools.timeline.async', 'scheduler'].join(',');

function stamps() {
  const mark = (what) => performance.mark(`lic:${what}`);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    mark('shadow root');
    const s = attach.call(this, init);
    let seen = false;
    new MutationObserver(() => {
      if (seen || !s.querySelector('h2')) return;
      seen = true;
      mark('start screen in the DOM');
      requestAnimationFrame(() => { mark('start screen frame'); window.__done = true; });
    }).observe(s, { childList: true, subtree: true });
    return s;
  };
}

const server = await serveApart(SITE);
const url = `http://127.0.0.1:${server.address().port}/${PAGE}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
console.log(`${url}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  for (let n = 0; n <= LOADS; n++) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.addInitScript(stamps);
    const cdp = await browser.newBrowserCDPSession();
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'commit' });
    // Not page.waitForFunction at once: Playwright would inject its own script (20 ms of V8 parsing and running on
    // the main thread) into the page while it loads, in the middle of what is measured.
    await new Promise((ok) => setTimeout(ok, Number(process.env.TRACE_WAIT_MS ?? 1500)));
    await page.waitForFunction(() => window.__done, null, { timeout: 30000 });
    await cdp.send('Tracing.end');
    await done;
    await context.close();
    if (n === 0) continue; // warm-up
    if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events }));
    if (process.env.TRACE_SUMMARY) {
      const o = summary(events);
      console.log(Object.entries(o).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(1) : v}`).join(' | '));
    } else report(events);
  }
} finally {
  await browser.close();
  server.close();
}

/** One line per load: when each step of the embed module and each frame happened on the main thread. */
function summary(events) {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(url.replace(/[^/]*$/, '')));
  if (!nav) return 'no navigationStart';
  const t0 = nav.ts;
  const ms = (ts) => (ts - t0) / 1000;
  const own = events.filter((e) => e.pid === nav.pid && e.ts >= t0).sort((a, b) => a.ts - b.ts);
  const ids = {};
  for (const e of own) if (e.name === 'ResourceSendRequest') ids[e.args.data.requestId] = e.args.data.url.replace(/^.*\//, '');
  const res = (name, kind) => own.find((e) => e.name === kind && /embed|host-demo|wasm/.test(ids[e.args?.data?.requestId] ?? '') && ids[e.args.data.requestId].startsWith(name));
  const out = {};
  const fin = res('embed', 'ResourceFinish');
  if (fin) { out['embed net end'] = ms(fin.args.data.finishTime * 1e6); out['embed main finish'] = ms(fin.ts); }
  const css = res('host-demo', 'ResourceFinish');
  if (css) { out['css net end'] = ms(css.args.data.finishTime * 1e6); out['css main finish'] = ms(css.ts); }
  const rr = res('embed', 'ResourceReceiveResponse');
  if (rr) out['embed main response'] = ms(rr.ts);
  const first = (name, test = () => true) => own.find((e) => e.name === name && e.tid === nav.tid && test(e));
  const cm = first('v8.compileModule', (e) => /embed/.test(e.args?.data?.url ?? e.args?.fileName ?? ''));
  if (cm) out['compileModule'] = ms(cm.ts);
  const em = first('v8.evaluateModule');
  if (em) { out['evaluateModule'] = ms(em.ts); out['evaluate ms'] = em.dur / 1000; }
  for (const e of own.filter((x) => x.name.startsWith('lic:'))) out[e.name.slice(4)] = ms(e.ts);
  const frames = own.filter((e) => e.tid === nav.tid && e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X' && e.dur > 300);
  out.frames = frames.slice(0, 4).map((e) => `${ms(e.ts).toFixed(0)}+${(e.dur / 1000).toFixed(0)}`).join(' ');
  const fcp = own.find((e) => e.name === 'firstContentfulPaint');
  if (fcp) out.fcp = ms(fcp.ts);
  const long = own.filter((e) => e.tid === nav.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.dur > 3000 && ms(e.ts) < (out['start screen frame'] ?? 200));
  out.longTasks = long.map((e) => `${ms(e.ts).toFixed(0)}+${(e.dur / 1000).toFixed(0)}`).join(' ');
  return out;
}

function report(events) {
  // The page's renderer: the process with the navigationStart mark of our URL.
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(url.replace(/[^/]*$/, '')));
  if (!nav) { console.log('no navigationStart'); return; }
  const t0 = nav.ts;
  const pid = nav.pid;
  const main = nav.tid;
  const at = (ts) => ((ts - t0) / 1000).toFixed(1).padStart(6);
  const marks = events.filter((e) => e.pid === pid && e.name.startsWith('lic:')).map((e) => [e.name, e.ts]);
  const end = Math.max(...marks.map(([, ts]) => ts)) + 2000;
  console.log('--- marks');
  for (const [name, ts] of marks) console.log(`${at(ts)}  ${name}`);
  const res = events.filter((e) => e.pid === pid && /^Resource(SendRequest|ReceiveResponse|ReceivedData|Finish)$/.test(e.name));
  const ids = {};
  for (const e of res) if (e.name === 'ResourceSendRequest') ids[e.args.data.requestId] = e.args.data.url.replace(/^.*\//, '');
  console.log('--- resources');
  for (const e of res) if (e.name !== 'ResourceReceivedData') console.log(`${at(e.ts)}  ${e.name} ${ids[e.args.data.requestId] ?? e.args.data.requestId}${e.args.data.finishTime ? ` (finishTime ${at(e.args.data.finishTime * 1e6)})` : ''}`);
  console.log('--- main thread, complete events >= 0.05 ms (depth by nesting)');
  const mine = events.filter((e) => e.pid === pid && e.tid === main && e.ts >= t0 && e.ts <= end && (e.ph === 'X' || e.ph === 'I' || e.ph === 'R' || e.ph === 'n'))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1) <= e.ts) stack.pop();
    const dur = (e.dur ?? 0) / 1000;
    if (e.ph === 'X' && dur < 0.05) continue;
    if (e.ph !== 'X' && !/^(lic:|Paint|Mark|first|Commit|navigation|Parse|Schedule|Animation|BeginFrame|Frame)/.test(e.name)) continue;
    const d = e.args?.data ?? e.args?.beginData ?? {};
    const detail = d.url ? ` ${String(d.url).replace(/^.*\//, '')}` : d.functionName ? ` ${d.functionName}` : d.type ? ` ${d.type}` : d.startLine != null ? ` line ${d.startLine}` : '';
    console.log(`${at(e.ts)} ${e.ph === 'X' ? dur.toFixed(2).padStart(6) : '     .'} ${'  '.repeat(stack.length)}${e.name}${detail}`);
    if (e.ph === 'X') stack.push(e.ts + e.dur);
  }
  // Other threads of the renderer doing V8 work (streaming compile) in that window.
  const names = Object.fromEntries(events.filter((e) => e.pid === pid && e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
  console.log('--- other renderer threads (V8/compile, >= 0.1 ms)');
  for (const e of events.filter((e) => e.pid === pid && e.tid !== main && e.ph === 'X' && e.ts >= t0 && e.ts <= end && (e.dur ?? 0) >= 100 && /v8|compile|Compile|Stream|Script|Parse/i.test(e.name))) {
    console.log(`${at(e.ts)} ${(e.dur / 1000).toFixed(2).padStart(6)} [${names[e.tid] ?? e.tid}] ${e.name}`);
  }
}
