// The npm package (issue 16, part 4): scripts/npm-package.mjs builds it from the release; `npm pack` packs it; the
// tarball is installed into a fresh Vite app (vite and typescript from the npm registry, in a temporary folder),
// which is built and loaded in Chromium (the element from markup and mount() from TypeScript both work, the
// WebAssembly comes from the app's own origin); `tsc --noEmit` type-checks a file using the API, including uses the
// types must refuse. The names in the types come from the one source, checked here against the Rust.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, start, open, checkAxe, assertNoRequestsAfter } from '../e2e/harness.mjs';
import { serve } from '../../scripts/serve.mjs';
import { buildPackage, apiNames } from '../../scripts/npm-package.mjs';
import { EN, FR } from '../e2e/embed-helpers.mjs';

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let env; let app; let tarball;

before(async () => {
  env = await start();
  const out = buildPackage();
  tarball = join(ROOT, 'target', 'npm', npm(['pack', '--pack-destination', join(ROOT, 'target', 'npm')], out).trim().split('\n').at(-1));
  mkdirSync(join(ROOT, 'target', 'tmp'), { recursive: true });
  app = mkdtempSync(join(ROOT, 'target', 'tmp', 'vite-app-'));
});
after(async () => {
  await env?.stop();
  if (app) rmSync(app, { recursive: true, force: true });
});

test('The configuration keys and events of the types are the widget\'s own', () => {
  // The one list of the configuration keys is src/host_config.rs KEYS (tests/host_lists.rs checks embed.js too).
  const rust = readFileSync(join(ROOT, 'src', 'host_config.rs'), 'utf8');
  const fields = [.../pub const KEYS: \[&str; \d+\] = \[([^\]]*)\]/.exec(rust)[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  const names = apiNames();
  assert.deepEqual(names.keys, fields, 'www/embed.js LIC_KEYS against src/host_config.rs KEYS');
  assert.deepEqual(names.events.slice(0, 4), ['lic:ready', 'lic:step', 'lic:result', 'lic:sent']);
  const pkg = join(ROOT, 'target', 'npm', 'loan-insurance-check');
  const cem = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8'));
  assert.equal(cem.schemaVersion, '1.0.0');
  const element = cem.modules[0].declarations.find((d) => d.customElement);
  assert.equal(element.tagName, 'loan-insurance-check');
  assert.deepEqual(element.attributes.map((a) => a.name), fields.map((f) => `data-${f}`));
  assert.deepEqual(element.events.map((e) => e.name), names.events);
  const types = readFileSync(join(pkg, 'index.d.ts'), 'utf8');
  for (const f of fields) assert.match(types, new RegExp(`\\n  ${f}\\?: `));
  // The tarball holds what the package promises, and every versioned file with its integrity.
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  const files = JSON.parse(readFileSync(join(pkg, 'files.json'), 'utf8')).files;
  for (const f of ['package/index.js', 'package/index.d.ts', 'package/custom-elements.json', 'package/files.json', 'package/README.md', ...Object.values(files).map((f) => `package/${f.path}`)]) {
    assert.ok(listed.includes(f), `${f} in the tarball`);
  }
});

test('Installed into a fresh Vite app: it builds, type-checks, and runs in Chromium', async () => {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'association-app', private: true, type: 'module' }));
  // vite 8 needs npm 11 here (shared notes); vite 7 otherwise.
  const npmMajor = Number(execFileSync('npm', ['--version'], { encoding: 'utf8' }).split('.')[0]);
  npm(['install', `vite@${npmMajor >= 11 ? 8 : 7}`, 'typescript@5', tarball], app);
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Association app</title><link rel="icon" href="data:,"></head>
<body><main><h1>Our association</h1>
<loan-insurance-check data-lang="fr" data-color="#005a9c"></loan-insurance-check>
<section id="here" aria-label="Mounted"></section>
<p id="steps"></p>
</main><script type="module" src="/main.ts"></script></body></html>
`);
  writeFileSync(join(app, 'main.ts'), `import { mount, type LoanInsuranceCheckConfig, type LoanInsuranceCheckHandle } from 'loan-insurance-check';

const config: LoanInsuranceCheckConfig = { lang: 'en', theme: 'light', claims: ['after_payoff', 'wrong_basis'] };
const here = document.querySelector<HTMLElement>('#here')!;
const handle: LoanInsuranceCheckHandle = mount(here, config);
handle.element.addEventListener('lic:step', (event) => {
  const step: string = event.detail.step;
  document.querySelector('#steps')!.textContent += \`\${step};\`;
});
const tag = document.querySelector('loan-insurance-check');
tag?.addEventListener('lic:ready', (event: CustomEvent<Record<string, never>>) => void event);
handle.ready.then((h) => { document.body.dataset.ready = String(h === handle); });

// What the types must refuse:
// @ts-expect-error not a theme
mount(here, { theme: 'purple' });
// @ts-expect-error not a claim id
mount(here, { claims: ['free_money'] });
// @ts-expect-error not an option
mount(here, { colour: '#000' });
// @ts-expect-error lic:step carries a step, not a number
handle.element.addEventListener('lic:step', (event) => { const n: number = event.detail.step; void n; });
export {};
`);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: false, types: [] },
    include: ['main.ts'],
  }));
  execFileSync(join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', app], { cwd: app, encoding: 'utf8' });
  // The type check can fail: a wrong use that is not expected fails it.
  writeFileSync(join(app, 'wrong.ts'), "import { mount } from 'loan-insurance-check';\nmount(document.body, { lang: 42 });\n");
  assert.throws(() => execFileSync(join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--moduleResolution', 'bundler', '--module', 'esnext', '--target', 'es2022', join(app, 'wrong.ts')], { cwd: app, stdio: 'pipe' }));
  rmSync(join(app, 'wrong.ts'));

  // The mount() calls the types refuse stay out of the page that runs.
  writeFileSync(join(app, 'main.ts'), readFileSync(join(app, 'main.ts'), 'utf8').split('// What the types must refuse:')[0] + 'export {};\n');
  execFileSync(join(app, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 2, `both WebAssembly files are assets of the app: ${assets.join(', ')}`);

  const server = await serve(join(app, 'dist'), 0);
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const s = await open({ browser: env.browser, base }, '/', { locale: 'en-GB' });
    const tag = s.page.locator('loan-insurance-check');
    const mounted = s.page.getByRole('region', { name: 'Mounted' });
    await tag.getByRole("button", { name: FR["start.begin"] }).waitFor();
    await mounted.getByRole('button', { name: EN['start.begin'] }).waitFor();
    await s.page.waitForFunction(() => document.body.dataset.ready === 'true');
    const loaded = s.requests.length;
    assert.ok(s.requests.every((u) => u.startsWith(base) || u.startsWith('data:')), s.requests.join('\n'));
    assert.equal(s.requests.filter((u) => /\/assets\/.*\.wasm$/.test(u)).length, 2, s.requests.join('\n'));
    await mounted.getByRole('button', { name: EN['start.begin'] }).click();
    // Step events are coarse by default (issue 14): "question", never the question's id.
    await s.page.locator('#steps').filter({ hasText: 'question' }).waitFor();
    await checkAxe(s.page, 'the Vite app');
    assertNoRequestsAfter(s, loaded, 'the Vite app');
    assert.deepEqual(s.problems, []);
    await s.context.close();
  } finally {
    server.close();
  }
});
