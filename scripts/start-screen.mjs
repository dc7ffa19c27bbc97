// The widget's start screen in each language, as the widget itself draws it: scripts/version.mjs builds the site
// once without it, then this script opens that site in headless Chromium (a fresh profile: no storage, no resume
// link), lets the yew app render its first screen, and reads it back as data, [tag, attributes, ...children] or text.
// embed.js shows that copy while the WebAssembly loads (ARCHITECTURE.md "Loading"). Generated from the component
// and the message files themselves, so the copy cannot drift from the widget; the e2e tests compare the two.
// The first question too, the same way (the widget's screen after a click on "start"): embed.js shows it, usable,
// when "start" is clicked before the WebAssembly is ready, and hands what was answered to the widget.
// Usage: import { captureStart } from './start-screen.mjs';
//   await captureStart(siteDir, embedPath) → { start: { fr: [...], en: [...] }, question: { fr: [...], en: [...] } }
import { chromium } from 'playwright-core';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from './serve.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function captureStart(site, embedPath) {
  writeFileSync(join(site, '__start.html'), `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="${embedPath}"></script></head><body></body></html>`);
  const server = await serve(site, 0);
  const profile = mkdtempSync(join(tmpdir(), 'lic-start-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/__start.html`);
    const out = { start: {}, question: {} };
    for (const lang of ['fr', 'en']) {
      const [start, question] = await page.evaluate(async (l) => {
        const element = document.createElement('loan-insurance-check');
        element.setAttribute('data-lang', l);
        document.body.replaceChildren(element);
        await new Promise((done) => element.addEventListener('lic:ready', done, { once: true }));
        const tree = (n) => (n.nodeType === 3 ? n.data : n.nodeType !== 1 ? null
          : [n.localName, Object.fromEntries([...n.attributes].map((a) => [a.name, a.value])), ...[...n.childNodes].map(tree).filter((c) => c !== null)]);
        const root = element.shadowRoot.querySelector('.lic-root');
        const read = () => [...root.childNodes].map(tree).filter((c) => c !== null);
        const start = read();
        // The first question: the screen "start" leads to (lic:step names it once it is drawn).
        const step = new Promise((done) => element.addEventListener('lic:step', done, { once: true }));
        root.querySelector('.lic-screen .lic-primary').click();
        await step;
        return [start, read()];
      }, lang);
      out.start[lang] = start;
      out.question[lang] = question;
      if (!JSON.stringify(question).includes('"form"')) throw new Error(`start-screen.mjs: "start" did not lead to a question (${lang})`);
    }
    if (errors.length) throw new Error(`start-screen.mjs: the widget failed: ${errors.join('; ')}`);
    return out;
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(join(site, '__start.html'), { force: true });
  }
}
