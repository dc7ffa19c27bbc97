// How the widget loads (issue 12 point 8, ARCHITECTURE.md "Loading"): the preload line of the snippets is used
// (one download of each file), the start screen shows before the WebAssembly arrives and looks the same once it has,
// a click before then is honoured, and an attribute change or a move keeps the visitor's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOrigins, FR, EN, FILES, problems } from './embed-helpers.mjs';

let o;
before(async () => { o = await startOrigins(); });
after(async () => { await o?.stop(); });

const url = (file) => `${o.widget}/${file.path}`;
const count = (s, file) => s.requests.filter((u) => u === url(file)).length;

test('The preload line of the snippet is used: each file is downloaded once, on another origin, under the CSP lines', async () => {
  // hosts/preload.html: the integration page's in-page snippet (preload, module script, element) and its CSP lines.
  const s = await o.open(o.association, '/hosts/preload.html');
  const widget = s.page.locator('loan-insurance-check');
  await widget.getByRole('button', { name: FR['start.begin'] }).click();
  await widget.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.equal(count(s, FILES.wasm), 1, s.requests.join('\n'));
  assert.equal(count(s, FILES.embed), 1, s.requests.join('\n'));
  assert.deepEqual(await s.page.evaluate(() => window.__licViolations), []);
  assert.deepEqual(problems(s), []);
  await s.context.close();
});

test('The iframe page preloads the WebAssembly and uses the preload (one download)', async () => {
  const s = await o.open(o.association, '/hosts/iframe-narrow.html');
  const body = s.page.frameLocator('iframe').locator('body');
  await body.getByRole('button', { name: FR['start.begin'] }).click();
  await body.getByRole('heading', { level: 2 }).filter({ hasNotText: FR['start.title'] }).waitFor();
  assert.equal(count(s, FILES.wasm), 1, s.requests.join('\n'));
  assert.deepEqual(problems(s), []);
  await s.context.close();
});
