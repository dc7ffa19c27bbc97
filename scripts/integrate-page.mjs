// Writes the integration page into a built site: www/integrate.html and .css as they are, www/integrate.js with the
// build's manifest of versioned files (FILES) and the page's words (TEXT) filled in, so the page fetches nothing.
// TEXT holds, per language, src/i18n/integrate.<lang>.msg, the claims' titles (claim.<id>.title of <lang>.law.msg)
// and the widget's name (widget.name of <lang>.msg). Called by scripts/version.mjs.
import { readFileSync, writeFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'www');

/** `key = text` lines of a message file (comments and blank lines skipped). */
export function readMessages(file) {
  const table = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const s = line.trim();
    const at = s.indexOf('=');
    if (s && !s.startsWith('#') && at > 0) table[s.slice(0, at).trim()] = s.slice(at + 1).trim();
  }
  return table;
}

/** The words of the integration page in `lang`. */
export function pageText(lang) {
  const i18n = join(ROOT, 'src', 'i18n');
  const law = readMessages(join(i18n, `${lang}.law.msg`));
  const ui = readMessages(join(i18n, `${lang}.msg`));
  const text = { ...readMessages(join(i18n, `integrate.${lang}.msg`)), 'widget.name': ui['widget.name'] };
  for (const [key, value] of Object.entries(law)) if (/^claim\.[a-z_]+\.title$/.test(key)) text[key] = value;
  return text;
}

function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`integrate-page.mjs: expected exactly one ${JSON.stringify(from)} in www/integrate.js`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function integratePage(www, manifest) {
  let js = readFileSync(join(SRC, 'integrate.js'), 'utf8');
  js = replaceOnce(js, 'const FILES = null;', `const FILES = ${JSON.stringify(manifest)};`);
  js = replaceOnce(js, 'const TEXT = null;', `const TEXT = ${JSON.stringify({ fr: pageText('fr'), en: pageText('en') })};`);
  const dir = mkdtempSync(join(tmpdir(), 'lic-integrate-'));
  try {
    writeFileSync(join(dir, 'check.mjs'), js);
    execFileSync(process.execPath, ['--check', join(dir, 'check.mjs')], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`integrate-page.mjs: integrate.js is not valid JavaScript:\n${e.stderr ?? e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(join(www, 'integrate.js'), js);
  for (const name of ['integrate.html', 'integrate.css']) copyFileSync(join(SRC, name), join(www, name));
}
