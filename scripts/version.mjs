// Makes the shipped files of target/site/www content-addressed and writes their Subresource Integrity hashes.
// Usage: node scripts/version.mjs target/site   (run by scripts/build.sh after wasm-bindgen and wasm-opt)
//
//   pkg/loan_insurance_check_bg-<h>.wasm   the WebAssembly (embed.js fetches it with its integrity checked)
//   pkg/split_late-<h>.wasm   its second part, the screens after the questions (fetched the same way)
//   messages.fr-<h>.txt, messages.en-<h>.txt   the words of each language (fetched with their integrity too)
//   embed-<h>.js     the in-page module: the wasm-bindgen glue and www/embed.js in one file
//   frame-<h>.js, frame-<h>.css, frame-<h>.html   the iframe page, pointing at the versioned files with integrity
//   loader-<h>.js    the iframe loader, pointing at frame-<h>.html
//   files.json       names and sha384 hashes (read by the integration page, and by integrators' tooling)
// <h> is the first 8 hex digits of the file's SHA-256. Unversioned aliases (embed.js, loader.js, frame.html...)
// have the same content, for the demo page and for pages that do not pin a version.
// Visible words (the frame's title, the start-failure message) come from src/i18n/{fr,en}.msg.
import { readFileSync, writeFileSync, mkdtempSync, rmSync, copyFileSync, cpSync, existsSync } from 'node:fs';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { integratePage } from './integrate-page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'www');

export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
export const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/** `text` with `from` replaced by `to`, exactly once (a build that silently misses a placeholder is a broken build). */
function replaceOnce(text, from, to, label) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`version.mjs: expected exactly one ${JSON.stringify(from)} in ${label}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The message table of a language as the widget has it: the interface file, then the law vocabulary file. */
export function messages(lang) {
  const table = {};
  for (const file of [`${lang}.msg`, `${lang}.law.msg`]) {
    for (const line of readFileSync(join(ROOT, 'src', 'i18n', file), 'utf8').split('\n')) {
      const t = line.trim();
      const at = t.indexOf('=');
      if (t && !t.startsWith('#') && at > 0) table[t.slice(0, at).trim()] = t.slice(at + 1).trim();
    }
  }
  if (lang === 'fr') for (const key of Object.keys(table)) table[key] = frenchTypography(table[key]);
  return table;
}

/**
 * Every message key of the four files, sorted, once: the index space of the wasm's messages (build.rs,
 * `message_keys`, makes the same list and the same header: `lic-words <FNV-1a 32 of the keys, each + "\n"> <count>`).
 */
export function messageKeys() {
  const set = new Set();
  for (const file of ['fr.msg', 'fr.law.msg', 'en.msg', 'en.law.msg']) {
    for (const line of readFileSync(join(ROOT, 'src', 'i18n', file), 'utf8').split('\n')) {
      const t = line.trim();
      const at = t.indexOf('=');
      if (t && !t.startsWith('#') && at > 0) set.add(t.slice(0, at).trim());
    }
  }
  // Keys are ASCII (build.rs checks), so this order is Rust's byte order.
  const keys = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let hash = 0x811c9dc5;
  for (const key of keys) {
    for (const b of Buffer.from(`${key}\n`)) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  }
  return { keys, header: `lic-words ${hash.toString(16).padStart(8, '0')} ${keys.length}` };
}

/** A text as one line of a words file (a text is one line of its message file: a line break is a build error). */
function oneLine(text, key) {
  if (/[\r\n]/.test(text)) throw new Error(`version.mjs: the text of ${key} has a line break`);
  return text;
}

/** The French typography src/i18n/mod.rs (`french_typography`) applies when it builds its table: what the visitor reads. */
function frenchTypography(s) {
  return s.replace(/ (?=[?!;])/g, '\u202F').replace(/ (?=[:%€»])/g, '\u00A0').replace(/« /g, '«\u00A0')
    .replace(/(?<=\d) (?=\d{3}(?!\d))/g, '\u202F');
}

const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `js` without its whole-line comments (`// …` lines and `/** … *\/` blocks): every host downloads these files, the
 * readers of the source have the comments. Only our own files, whose lines never start a comment inside a string.
 */
function stripComments(js) {
  return js.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '').replace(/^[ \t]*\/\/.*\n/gm, '');
}

/** The wasm-bindgen glue as plain declarations, to be followed by embed.js in the same module. */
function glueWithoutExports(glue) {
  let out = glue.replace(/^export (class|function|async function|const|let) /gm, '$1 ');
  out = replaceOnce(out, 'export { initSync, __wbg_init as default };', '', 'the wasm-bindgen glue');
  if (/^export\b/m.test(out)) throw new Error('version.mjs: the wasm-bindgen glue has an export this script does not know');
  return out;
}

/**
 * The wasm-bindgen glue and wasm-split-cli's loader of the second wasm file (`__wasm_split.js`), as declarations
 * of one module: the glue's `import * as X from "./__wasm_split.js"` becomes an object of the loader's functions,
 * the loader's import of the glue's `initSync` is the glue's own, and its fetch of the second file is embed.js's
 * `licLate()` (requested with the other files, with its integrity).
 */
function withSplitLoader(glue, loader) {
  const star = /^import \* as (\w+) from "\.\/__wasm_split\.js";?\n/m.exec(glue);
  if (!star) throw new Error('version.mjs: the wasm-bindgen glue does not import __wasm_split.js');
  let out = replaceOnce(loader, 'import { initSync } from "./loan_insurance_check.js";', '', '__wasm_split.js');
  out = replaceOnce(out, 'fetch(new URL("./split_late.wasm", import.meta.url))', 'licLate()', '__wasm_split.js');
  const names = [...out.matchAll(/^export const (\w+) = /gm)].map((m) => m[1]);
  out = out.replace(/^export const /gm, 'const ');
  if (!names.length || /^(export|import)\b/m.test(out)) throw new Error('version.mjs: __wasm_split.js has an import or export this script does not know');
  return { glue: replaceOnce(glue, star[0], '', 'the wasm-bindgen glue'), loader: `${out}\nconst ${star[1]} = { ${names.join(', ')} };` };
}

function checkSyntax(source, label) {
  const dir = mkdtempSync(join(tmpdir(), 'lic-version-'));
  try {
    const file = join(dir, 'check.mjs');
    writeFileSync(file, source);
    execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`version.mjs: ${label} is not valid JavaScript:\n${e.stderr ?? e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * www/widget.css as the embed module carries it: without its comments and with runs of white space folded (the
 * bytes before the start screen shows are budgeted). Its only strings are font names, which this keeps.
 */
function compactCss(css) {
  const out = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').trim();
  for (const s of css.replace(/\/\*[\s\S]*?\*\//g, '').match(/["'][^"'\n]*["']/g) ?? []) {
    if (!out.includes(s.replace(/\s*([{};,>])\s*/g, '$1'))) throw new Error(`version.mjs: compacting www/widget.css would change the string ${s}`);
  }
  return out;
}

/** The `--lic-*` colours of the first `:host` block of www/widget.css and of its dark block, as [r, g, b]. */
export function palettes() {
  const css = readFileSync(join(SRC, 'widget.css'), 'utf8');
  const read = (block) => Object.fromEntries([...block.matchAll(/(--lic-[a-z-]+):\s*#([0-9a-f]{6})/g)]
    .map(([, name, hex]) => [name, hex.match(/../g).map((p) => parseInt(p, 16))]));
  const light = read(/:host\s*\{([^}]*)\}/.exec(css)[1]);
  const dark = read(/prefers-color-scheme:\s*dark\)\s*\{\s*:host\s*\{([^}]*)\}/.exec(css)[1]);
  if (Object.keys(light).length !== 11 || Object.keys(dark).length !== 11) throw new Error('version.mjs: www/widget.css has not the 11 colours of each palette');
  return { light, dark };
}

/**
 * Versions `site`. `start`: the widget's start screen and first question per language, { start, question }
 * (scripts/start-screen.mjs), shown by embed.js while the WebAssembly loads; without it the bundle has none (the
 * first pass of the build, from which they are read).
 */
export async function version(site, start = null) {
  const www = join(site, 'www');
  const files = {};
  const write = (key, name, bytes, alias) => {
    const versioned = name.replace(/(\.[a-z]+)$/, `-${short(bytes)}$1`);
    writeFileSync(join(www, versioned), bytes);
    if (alias) writeFileSync(join(www, name), bytes);
    files[key] = { path: `www/${versioned}`, integrity: sri(bytes), bytes: bytes.length };
    return versioned;
  };
  const fr = messages('fr');
  const en = messages('en');

  // 1. The WebAssembly.
  const wasm = readFileSync(join(www, 'pkg', 'loan_insurance_check_bg.wasm'));
  const wasmName = write('wasm', 'pkg/loan_insurance_check_bg.wasm', wasm, false);

  // 1a. The second WebAssembly file (src/ui/late.rs, cut from the first by wasm-split-cli in scripts/build.sh).
  const late = readFileSync(join(www, 'pkg', 'split_late.wasm'));
  const lateName = write('wasmLate', 'pkg/split_late.wasm', late, false);

  // 1b. The words, one file per language (the wasm is built without them: feature external-messages). The same
  // table the widget had compiled in (interface file, then law vocabulary) as the wasm indexes it: a header naming
  // the key list, then one text per line in key order (`messageKeys`, build.rs's order; an empty line where this
  // language has no text), without the keys (the wasm names a message by its index, src/i18n/mod.rs).
  // Each file also lends the others the words a screen shows in a language before that language's file is loaded
  // (LENT: the language switch's label is written in the language it offers), as `@<lang> <index> <text>`.
  const LENT = ['lang.switch_to'];
  const { keys, header } = messageKeys();
  const messageFiles = {};
  const tables = { fr, en };
  for (const [lang, table] of Object.entries(tables)) {
    const lines = [header, ...keys.map((key) => oneLine(table[key] ?? '', key))];
    for (const [other, words] of Object.entries(tables)) {
      if (other !== lang) for (const key of LENT) lines.push(`@${other} ${keys.indexOf(key)} ${oneLine(words[key], key)}`);
    }
    const text = lines.join('\n');
    const name = write(`messages${lang === 'fr' ? 'Fr' : 'En'}`, `messages.${lang}.txt`, Buffer.from(`${text}\n`), false);
    messageFiles[lang] = [name, files[`messages${lang === 'fr' ? 'Fr' : 'En'}`].integrity];
  }

  // 2. The in-page module: glue + embed.js, with the wasm's name and integrity and the failure message.
  const glue = readFileSync(join(www, 'pkg', 'loan_insurance_check.js'), 'utf8');
  let embed = stripComments(readFileSync(join(SRC, 'embed.js'), 'utf8'));
  embed = replaceOnce(embed, "import init, { createWidget } from './pkg/loan_insurance_check.js';", 'const init = __wbg_init;', 'www/embed.js');
  embed = replaceOnce(embed, "const WASM_FILE = 'pkg/loan_insurance_check_bg.wasm';", `const WASM_FILE = ${JSON.stringify(wasmName)};`, 'www/embed.js');
  embed = replaceOnce(embed, "const WASM_INTEGRITY = '';", `const WASM_INTEGRITY = ${JSON.stringify(files.wasm.integrity)};`, 'www/embed.js');
  const messagesJs = Object.entries(messageFiles).map(([lang, [name, integrity]]) => `${lang}: [new URL(${JSON.stringify(name)}, import.meta.url), ${JSON.stringify(integrity)}]`).join(', ');
  embed = replaceOnce(embed, "const MESSAGES = { fr: [new URL('messages.fr.txt', import.meta.url), ''], en: [new URL('messages.en.txt', import.meta.url), ''] };", `const MESSAGES = { ${messagesJs} };`, 'www/embed.js');
  embed = replaceOnce(embed, "const TEXT = { fr: '', en: '' };", `const TEXT = ${JSON.stringify({ fr: fr['embed.unavailable'], en: en['embed.unavailable'] })};`, 'www/embed.js');
  embed = replaceOnce(embed, "import { licThemeCss } from './theme.js';", '', 'www/embed.js');
  embed = replaceOnce(embed, 'const START = null;', `const START = ${JSON.stringify(start?.start ?? null)};`, 'www/embed.js');
  embed = replaceOnce(embed, 'const QUESTION = null;', `const QUESTION = ${JSON.stringify(start?.question ?? null)};`, 'www/embed.js');
  embed = replaceOnce(embed, "const WIDGET_CSS = '';", `const WIDGET_CSS = ${JSON.stringify(compactCss(readFileSync(join(SRC, 'widget.css'), 'utf8')))};`, 'www/embed.js');
  let theme = stripComments(readFileSync(join(SRC, 'theme.js'), 'utf8'));
  theme = replaceOnce(theme, 'const LIC_PALETTES = { light: {}, dark: {} };', `const LIC_PALETTES = ${JSON.stringify(palettes())};`, 'www/theme.js');
  theme = replaceOnce(theme, 'export function licThemeCss', 'function licThemeCss', 'www/theme.js');
  embed = replaceOnce(embed, "const LATE = [new URL('pkg/split_late.wasm', import.meta.url), ''];",
    `const LATE = [new URL(${JSON.stringify(lateName)}, import.meta.url), ${JSON.stringify(files.wasmLate.integrity)}];`, 'www/embed.js');
  const { glue: linkedGlue, loader: splitLoader } = withSplitLoader(glue, readFileSync(join(www, 'pkg', '__wasm_split.js'), 'utf8'));
  const source = `${glueWithoutExports(linkedGlue)}\n${splitLoader}\n${theme}\n${embed}`;
  checkSyntax(source, 'the embed bundle');
  // Minified: the glue is mostly long generated names (40 KB raw, 8.7 KB brotli before; about 5.6 KB after).
  const { code: bundle } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  checkSyntax(bundle, 'the minified embed bundle');
  const embedName = write('embed', 'embed.js', Buffer.from(bundle), true);

  // 3. The iframe page.
  let frameJs = replaceOnce(stripComments(readFileSync(join(SRC, 'frame.js'), 'utf8')), "from './embed.js'", `from './${embedName}'`, 'www/frame.js');
  frameJs = replaceOnce(frameJs, "const TITLES = { fr: 'loan-insurance-check', en: 'loan-insurance-check' };",
    `const TITLES = ${JSON.stringify({ fr: fr['widget.name'], en: en['widget.name'] })};`, 'www/frame.js');
  checkSyntax(frameJs, 'frame.js');
  const frameJsName = write('frameScript', 'frame.js', Buffer.from(frameJs), true);
  const frameCssName = write('frameStyle', 'frame.css', readFileSync(join(SRC, 'frame.css')), true);
  let frameHtml = readFileSync(join(SRC, 'frame.html'), 'utf8');
  frameHtml = replaceOnce(frameHtml, '__WIDGET_NAME__', htmlEscape(fr['widget.name']), 'www/frame.html');
  frameHtml = replaceOnce(frameHtml, 'href="frame.css"', `href="${frameCssName}" integrity="${files.frameStyle.integrity}"`, 'www/frame.html');
  frameHtml = replaceOnce(frameHtml, 'href="embed.js"', `href="${embedName}" integrity="${files.embed.integrity}"`, 'www/frame.html');
  frameHtml = replaceOnce(frameHtml, 'href="pkg/loan_insurance_check_bg.wasm"', `href="${wasmName}"`, 'www/frame.html');
  for (const lang of ['fr', 'en']) {
    frameHtml = replaceOnce(frameHtml, `href="messages.${lang}.txt"`, `href="${messageFiles[lang][0]}"`, 'www/frame.html');
  }
  frameHtml = replaceOnce(frameHtml, 'src="frame.js"', `src="${frameJsName}" integrity="${files.frameScript.integrity}"`, 'www/frame.html');
  const frameName = write('frame', 'frame.html', Buffer.from(frameHtml), true);

  // 3b. The demo page (index.html, when the site has one): the preload line of the integration page's in-page
  // snippet, so that scripts/bench.sh measures what a host that pastes the snippet gets. After the module script,
  // as in the snippet: requested first, the embed module (the start screen) is not held behind the wasm file.
  const demo = join(site, 'index.html');
  if (existsSync(demo)) {
    writeFileSync(demo, replaceOnce(readFileSync(demo, 'utf8'), '<script type="module" src="www/embed.js"></script>',
      `<script type="module" src="www/embed.js"></script>\n  <link rel="preload" href="www/${wasmName}" as="fetch" crossorigin="anonymous">`, 'index.html'));
  }

  // 4. The loader.
  let loader = stripComments(readFileSync(join(SRC, 'loader.js'), 'utf8'));
  loader = replaceOnce(loader, "const FRAME = 'frame.html';", `const FRAME = ${JSON.stringify(frameName)};`, 'www/loader.js');
  loader = replaceOnce(loader, "const TITLES = { fr: 'loan-insurance-check', en: 'loan-insurance-check' };",
    `const TITLES = ${JSON.stringify({ fr: fr['widget.name'], en: en['widget.name'] })};`, 'www/loader.js');
  checkSyntax(loader, 'loader.js');
  write('loader', 'loader.js', Buffer.from(loader), true);

  // 5. The manifest, and the integration page that reads it (inlined: the page makes no request for it).
  const crateVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))?.[1] ?? null;
  const manifest = { name: 'loan-insurance-check', version: crateVersion, files };
  writeFileSync(join(www, 'files.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  integratePage(www, manifest);
  return manifest;
}

/**
 * The build's versioning: a first pass in a copy of `site` without the static start screen, the widget's start
 * screen read from it in headless Chromium, then the real pass with it.
 */
export async function versionWithStart(site) {
  const { captureStart } = await import('./start-screen.mjs');
  const draft = mkdtempSync(join(tmpdir(), 'lic-site-'));
  try {
    cpSync(site, draft, { recursive: true });
    const first = await version(draft);
    const start = await captureStart(draft, `/${first.files.embed.path}`);
    return await version(site, start);
  } finally {
    rmSync(draft, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = await versionWithStart(process.argv[2] ?? join(ROOT, "target", "site"));
  for (const [key, f] of Object.entries(manifest.files)) console.log(`${key.padEnd(12)} ${f.path}  ${f.integrity}`);
}
