// Helpers of the embedding tests (tests/e2e/embed*.test.mjs): two origins (the widget's, serving target/site, and an
// association's, serving the host pages of tests/e2e/hosts/), each page's Content-Security-Policy sent as a real
// header, and a visitor who goes through the questionnaire answering "I don't know" wherever they can.
import { messages } from '../../scripts/version.mjs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT, SITE, start, open } from './harness.mjs';

export const HOSTS = join(ROOT, 'tests', 'e2e', 'hosts');

/** The strict policy of issue 5, for pages served from the widget's origin. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
};

export { messages };
export const FR = messages('fr');
export const EN = messages('en');

/** The build's manifest of versioned files (target/site/www/files.json). */
export const FILES = JSON.parse(readFileSync(join(SITE, 'www', 'files.json'), 'utf8')).files;

/**
 * A static server. Host pages (tests/e2e/hosts/*.html, under /hosts/) may start with
 * `<!-- csp: <policy> -->`: the policy is sent as a Content-Security-Policy header (/hosts/pasted.html?body=&csp= is a
 * page made of `body`, served with `csp`: a snippet pasted by an integrator). In host pages,
 * {{ROOT}} is the `?root=` font size (root.html). {{WIDGET}} is the widget's origin and {{EMBED}}, {{EMBED_SRI}}, {{LOADER}},
 * {{LOADER_SRI}}, {{WASM}} the versioned
 * files and their integrity. `widgetCsp` is sent with the site's HTML pages (the iframe page) when set.
 */
function serve({ site, widget, widgetCsp }) {
  const root = resolve(site ?? HOSTS);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let rel = decodeURIComponent(url.pathname);
      let base = root;
      if (rel.startsWith('/hosts/')) {
        base = HOSTS;
        rel = rel.slice('/hosts'.length);
      } else if (!site) {
        res.writeHead(404).end();
        return;
      }
      if (base === HOSTS && rel === '/pasted.html') {
        // A page made of what an integrator pasted (?body=), served with the policy they configured (?csp=).
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', 'content-security-policy': url.searchParams.get('csp') ?? '' });
        res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page collée</title></head><body><main><h1>Page de l'association</h1>\n${url.searchParams.get('body') ?? ''}\n</main></body></html>`);
        return;
      }
      let path = normalize(join(base, rel));
      if (!path.startsWith(base)) { res.writeHead(403).end(); return; }
      if (path.endsWith('/')) path = join(path, 'index.html');
      let body = await readFile(path);
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        // The widget's files may be used by pages of other origins (in-page mode across origins).
        'access-control-allow-origin': '*',
      };
      if (base === HOSTS && path.endsWith('.html')) {
        let text = body.toString('utf8')
          .replaceAll('{{WIDGET}}', widget())
          .replaceAll('{{EMBED}}', `${widget()}/${FILES.embed.path}`)
          .replaceAll('{{EMBED_SRI}}', FILES.embed.integrity)
          .replaceAll('{{WASM}}', `${widget()}/${FILES.wasm.path}`)
          .replaceAll('{{LOADER}}', `${widget()}/${FILES.loader.path}`)
          .replaceAll('{{LOADER_SRI}}', FILES.loader.integrity)
          // A root font size (root.html?root=62.5%25): a number and % or px, else the browser default.
          .replaceAll('{{ROOT}}', /^\d{1,3}(\.\d{1,3})?(%|px)$/.exec(url.searchParams.get('root') ?? '')?.[0] ?? '100%');
        const csp = /^<!-- csp: (.*?) -->\n/.exec(text);
        if (csp) {
          headers['content-security-policy'] = csp[1];
          text = text.slice(csp[0].length);
        }
        body = Buffer.from(text);
      } else if (widgetCsp && path.endsWith('.html')) {
        headers['content-security-policy'] = widgetCsp;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/**
 * The browser and two origins: `widget` (target/site and the host pages, with the strict policy on the widget's
 * own iframe page) and `association` (the host pages only: another origin, as on an association's site).
 */
export async function startOrigins() {
  const env = await start();
  let widgetOrigin = '';
  const widgetServer = await serve({ site: SITE, widget: () => widgetOrigin, widgetCsp: STRICT_CSP });
  widgetOrigin = `http://127.0.0.1:${widgetServer.address().port}`;
  const associationServer = await serve({ widget: () => widgetOrigin });
  const association = `http://127.0.0.1:${associationServer.address().port}`;
  return {
    browser: env.browser,
    widget: widgetOrigin,
    association,
    /** A recorded page (harness.open) at `origin` + `path`, recording the host events from the first script on. */
    async open(origin, path, options) {
      const session = await open({ browser: env.browser, base: 'about:' }, 'blank', options);
      await recordHostEvents(session.page);
      await session.page.goto(origin + path);
      return session;
    },
    async stop() {
      widgetServer.close();
      associationServer.close();
      await env.stop();
    },
  };
}

/** Records every `lic:*` event that reaches `document` (in-page and iframe loaders dispatch bubbling events). */
export async function recordHostEvents(page) {
  await page.addInitScript(() => {
    window.__licEvents = [];
    for (const type of ['ready', 'step', 'result', 'sent']) {
      document.addEventListener(`lic:${type}`, (e) => {
        const from = e.target.closest?.('[data-name]')?.getAttribute('data-name') ?? e.target.getAttribute?.('data-name') ?? '';
        window.__licEvents.push({ type: e.type, from, tag: e.target.tagName.toLowerCase(), detail: e.detail });
      });
    }
    window.__licViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      // The host pages' own favicon (<link rel="icon" href="data:,">) is not the widget's business.
      if (!(e.violatedDirective === 'img-src' && e.blockedURI === 'data')) window.__licViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    window.__licMessages = [];
    window.addEventListener('message', (e) => {
      if (e.data?.source === 'loan-insurance-check') window.__licMessages.push({ origin: e.origin, data: e.data });
    });
  });
}

/** Waits until the heading of level 2 in `scope` no longer says `before`, and returns the new one. */
async function nextHeading(scope, before) {
  const heading = scope.getByRole('heading', { level: 2 }).first();
  await heading.filter({ hasNotText: before }).waitFor({ timeout: 10000 });
  return (await heading.textContent()).trim();
}

/**
 * A visitor goes from the start screen to the result in `scope` (a Locator: the custom element, or the body of an
 * iframe), answering "I don't know" where offered, else the first option, a date of 1 1 2020, or 1000.
 * Calls `onScreen(title)` on each new screen (for axe, sizes...). Returns the headings seen.
 */
export async function journey(scope, lang = 'fr', onScreen = async () => {}) {
  const m = lang === 'en' ? EN : FR;
  const seen = [];
  const heading = scope.getByRole('heading', { level: 2 }).first();
  await scope.getByRole('button', { name: m['start.begin'] }).click();
  let title = await nextHeading(scope, m['start.title']);
  for (let i = 0; i < 80; i++) {
    seen.push(title);
    await onScreen(title);
    if (title === m['result.title']) return seen;
    if (title === m['review.title']) {
      await scope.getByRole('button', { name: m['nav.see_result'] }).click();
    } else if (await scope.getByRole('radio', { name: m['answer.unknown'], exact: true }).count()) {
      await scope.getByRole('radio', { name: m['answer.unknown'], exact: true }).check();
      await scope.getByRole('button', { name: m['nav.continue'], exact: true }).click();
    } else if (await scope.getByRole('button', { name: m['answer.unknown_button'], exact: true }).count()) {
      await scope.getByRole('button', { name: m['answer.unknown_button'], exact: true }).click();
    } else if (await scope.getByRole('radio').count()) {
      await scope.getByRole('radio').first().check();
      await scope.getByRole('button', { name: m['nav.continue'], exact: true }).click();
    } else if (await scope.getByLabel(m['q.date.day'], { exact: true }).count()) {
      await scope.getByLabel(m['q.date.day'], { exact: true }).fill('1');
      await scope.getByLabel(m['q.date.month'], { exact: true }).fill('1');
      await scope.getByLabel(m['q.date.year'], { exact: true }).fill('2020');
      await scope.getByRole('button', { name: m['nav.continue'], exact: true }).click();
    } else {
      await scope.getByRole('textbox').first().fill('1000');
      await scope.getByRole('button', { name: m['nav.continue'], exact: true }).click();
    }
    const before = title;
    title = await nextHeading(scope, before).catch(async () => {
      throw new Error(`the journey is stuck on "${before}": ${await heading.evaluate((h) => h.closest('section')?.textContent)}`);
    });
  }
  throw new Error(`no result after 80 screens: ${seen.join(' / ')}`);
}

/** WCAG contrast of two CSS colours as the browser computes them (rgb()/rgba() strings). */
export function contrastOf(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colours a visitor sees on the primary button and on the widget (text on brand, brand on background). */
export async function brandColours(scope) {
  // The static start screen and the widget's own wear the same colours (no flash), but the widget takes the static
  // copy's place when its WebAssembly is ready: an element detached meanwhile has no computed style, so read again.
  for (let tries = 0; ; tries++) {
    const colours = await scope.locator('.lic').first().evaluate((section) => {
      if (!section.isConnected) return null;
      const style = (el) => getComputedStyle(el);
      const button = section.querySelector('.lic-primary');
      return {
        brand: style(button).backgroundColor,
        onBrand: style(button).color,
        bg: style(section).backgroundColor,
        text: style(section).color,
        brandVar: style(section).getPropertyValue('--lic-brand').trim(),
      };
    });
    if (colours || tries >= 50) return colours;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Asserts the console got a message naming `attribute`, and returns it. */
export function consoleNames(session, attribute) {
  const line = session.problems.find((p) => p.includes(attribute));
  assert.ok(line, `no console message names ${attribute}:\n${session.problems.join('\n')}`);
  return line;
}

/** The iframe's Frame (playwright) whose URL starts with `origin`, the `n`th one. */
export function widgetFrame(page, origin, n = 0) {
  const frames = page.frames().filter((f) => f.url().startsWith(`${origin}/www/frame`));
  assert.ok(frames[n], `no widget frame #${n} (${page.frames().map((f) => f.url()).join(', ')})`);
  return frames[n];
}

/**
 * Waits until the `n`th iframe has the height of its content and does not scroll inside; returns its height.
 * The frame reports its height by postMessage, so this polls for a moment.
 */
export async function frameFits(page, origin, n = 0) {
  const iframe = page.locator('iframe').nth(n);
  const frame = widgetFrame(page, origin, n);
  let last = null;
  for (let i = 0; i < 60; i++) {
    const outer = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    const inner = await frame.evaluate(() => ({
      content: Math.ceil(document.getElementById('widget').getBoundingClientRect().height),
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
    }));
    last = { outer, ...inner };
    if (inner.content > 0 && Math.abs(outer - inner.content) <= 1 && inner.scroll <= inner.client) return outer;
    await page.waitForTimeout(50);
  }
  assert.fail(`iframe #${n} does not fit its content: ${JSON.stringify(last)}`);
}

/** Console problems, leaving out the host page's own favicon (`data:,`) that a strict `default-src 'self'` blocks. */
export const problems = (session) => session.problems.filter((p) => !p.includes("Loading the image 'data:,'"));
