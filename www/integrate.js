// The integration page (www/integrate.html), for a volunteer putting the checker on an association's site: one
// language at a time (a switch), the settings (language, brand colour, theme, featured claims named in words,
// campaign manifest) driving a live preview, and a tab per platform (the WordPress plugin, a WordPress Custom HTML
// block, any site, an iframe with no script), each with the code to copy, the Content-Security-Policy lines, what the
// widget's origin must send (CORS), and "check my page": paste the page's CSP and see what is missing.
// scripts/integrate-page.mjs replaces FILES with the build's www/files.json and TEXT with the page's words
// (src/i18n/integrate.{fr,en}.msg, the claims' titles and the widget's name), so this page fetches nothing for them.
const FILES = null;
const TEXT = null;
// The claim ids data-claims accepts: the engine's ClaimId::ALL (a native test, src/theme/config.rs, keeps them equal).
const CLAIMS = ['profit_sharing', 'after_payoff', 'after_cover_end', 'wrong_basis', 'lender_fees', 'double_premium', 'refused_switch', 'duty_to_advise', 'switch_savings', 'medical_questionnaire'];
// The height of the no-script iframe: the tallest question screen with its hint and buttons is 552 px at 1280 px wide
// and 681 px at 360 px (measured by tests/ecosystem/iframe.test.mjs); the longer result screen scrolls inside.
const FRAME_HEIGHT = 720;
const PLATFORMS = ['wp', 'wphtml', 'any', 'iframe'];

const F = FILES?.files;
const $ = (id) => document.getElementById(id);
const SITE = new URL('..', location.href);
const ORIGIN = location.origin;
const url = (path) => new URL(path, SITE).href;
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---- Words -------------------------------------------------------------------------------------------------------
let pageLang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr';

/** The text of `key` in the page's language, with {name} placeholders filled in. */
function t(key, vars = {}, lang = pageLang) {
  const text = TEXT?.[lang]?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in vars ? String(vars[name]) : all));
}

/** Puts `text` into `element`, `code` spans (between backquotes) in a code font. */
function render(element, text) {
  element.replaceChildren(...text.split('`').map((part, i) => {
    if (i % 2 === 0) return part;
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  }));
}

function applyLanguage() {
  document.documentElement.lang = pageLang;
  document.title = t('int.title');
  for (const element of document.querySelectorAll('[data-t]')) render(element, t(element.dataset.t));
  const other = pageLang === 'fr' ? 'en' : 'fr';
  const button = $('page-lang');
  button.lang = other;
  button.setAttribute('aria-label', t('int.switch_label'));
  for (const id of CLAIMS) {
    const label = document.querySelector(`label[for="claim-${id}"]`);
    if (label) label.textContent = t(`claim.${id}.title`);
  }
  if (F) writeCode();
}

$('page-lang').addEventListener('click', () => {
  pageLang = pageLang === 'fr' ? 'en' : 'fr';
  const address = new URL(location.href);
  address.searchParams.set('lang', pageLang);
  history.replaceState(null, '', address);
  $('status').textContent = '';
  applyLanguage();
  reportColour();
  if ($('check-result').children.length) checkPolicy();
});

// ---- The settings ------------------------------------------------------------------------------------------------
for (const id of CLAIMS) {
  const row = document.createElement('div');
  row.className = 'choice';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = `claim-${id}`;
  box.value = id;
  box.setAttribute('aria-describedby', 'claims-hint');
  const label = document.createElement('label');
  label.htmlFor = box.id;
  row.append(box, label);
  $('claims').append(row);
}

const mode = () => document.querySelector('input[name="mode"]:checked').value;
const platform = () => document.querySelector('[role="tab"][aria-selected="true"]').id.slice(4);

/** The configuration as chosen: only what differs from the defaults, plus the language. */
function chosen() {
  const config = { lang: $('lang').value };
  const color = $('color').value.trim();
  if (color) config.color = color;
  if ($('theme').value !== 'auto') config.theme = $('theme').value;
  const claims = [...document.querySelectorAll('#claims input:checked')].map((b) => b.value);
  if (claims.length) config.claims = claims.join(',');
  const manifest = $('manifest').value.trim();
  if (manifest) config.manifest = manifest;
  return config;
}

const attributes = (config) => Object.entries(config).map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`).join('');

// ---- The code to copy --------------------------------------------------------------------------------------------
/**
 * The code to paste for `where` (a platform: wp, wphtml, any, iframe) and `how` (inpage or iframe, for `any`):
 * the one place that writes snippets.
 */
function snippet(where, how, config) {
  if (where === 'wp') {
    // A shortcode attribute cannot hold a JSON object (its brackets and quotes): an inline manifest goes in the
    // plugin's settings page instead.
    const keys = Object.entries(config).filter(([k, v]) => k !== 'manifest' || /^https?:/.test(v));
    return `[loan_insurance_check${keys.map(([k, v]) => ` ${k}="${v.replace(/["\]\[]/g, '')}"`).join('')}]`;
  }
  if (where === 'iframe') {
    const lang = /^en/.test(config.lang) ? 'en' : 'fr';
    const address = `${url(F.frame.path)}#${new URLSearchParams(config)}`;
    return `<iframe src="${escapeHtml(address)}"\n        title="${escapeHtml(t('widget.name', {}, lang))}" width="100%" height="${FRAME_HEIGHT}"\n        referrerpolicy="no-referrer" allow="clipboard-write"></iframe>\n`
      + `<p><a href="${escapeHtml(address)}" target="_blank" rel="noopener">${escapeHtml(t('int.open_tab', {}, lang))}</a></p>`;
  }
  if (where === 'any' && how === 'iframe') {
    return `<script src="${url(F.loader.path)}"\n        integrity="${F.loader.integrity}" crossorigin="anonymous"\n       ${attributes(config)}></script>`;
  }
  // The preload starts the WebAssembly download with the page (embed.js fetches it with credentials 'same-origin'
  // and its integrity: Chromium ignores integrity on a fetch preload and warns about it). After the module script:
  // browsers request in document order, and a throttled link served the wasm file before the embed module (the
  // start screen) when the preload came first (scripts/bench-trace.mjs).
  return `<script type="module" src="${url(F.embed.path)}"\n        integrity="${F.embed.integrity}" crossorigin="anonymous"></script>\n`
    + `<link rel="preload" href="${url(F.wasm.path)}" as="fetch" crossorigin="anonymous">\n`
    + `<loan-insurance-check${attributes(config)}></loan-insurance-check>`;
}

/** What a host page's Content-Security-Policy must allow: [directive, source] pairs. */
function needs(where, how) {
  if (where === 'wp') return [['script-src', "'self'"], ['script-src', "'wasm-unsafe-eval'"], ['connect-src', "'self'"]];
  if (where === 'iframe') return [['frame-src', ORIGIN]];
  if (where === 'any' && how === 'iframe') return [['script-src', ORIGIN], ['frame-src', ORIGIN]];
  return [['script-src', ORIGIN], ['script-src', "'wasm-unsafe-eval'"], ['connect-src', ORIGIN]];
}

function cspLines(where, how) {
  const lines = new Map();
  for (const [directive, source] of needs(where, how)) lines.set(directive, [...(lines.get(directive) ?? []), source]);
  return [...lines].map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('\n');
}

function cspNote(where, how) {
  if (where === 'wp') return t('int.csp_note_wp');
  if (where === 'iframe') return t('int.csp_note_frame');
  return t(where === 'any' && how === 'iframe' ? 'int.csp_note_iframe' : 'int.csp_note_inpage');
}

function apiExample(config) {
  const options = JSON.stringify(config, null, 1).replace(/\n\s*/g, ' ');
  if (mode() === 'iframe') {
    return `<script src="${url(F.loader.path)}"\n        integrity="${F.loader.integrity}" crossorigin="anonymous" data-mount="manual"></script>\n`
      + '<!-- then, in your own script file: -->\n'
      + `const handle = loanInsuranceCheck.mount(document.querySelector('#checker'), ${options});\n`
      + "handle.frame.addEventListener('lic:result', () => { /* the visitor reached the result */ });\n"
      + 'handle.unmount();';
  }
  return `import { mount } from '${url(F.embed.path)}';\n`
    + `const handle = mount(document.querySelector('#checker'), ${options});\n`
    + "handle.element.addEventListener('lic:step', (event) => console.log(event.detail.step));\n"
    + 'handle.unmount();';
}

function writeCode() {
  const config = chosen();
  for (const where of PLATFORMS) $(`code-${where}`).textContent = snippet(where, mode(), config);
  const where = platform();
  $('csp').textContent = cspLines(where, mode());
  render($('csp-note'), cspNote(where, mode()));
  render($('cors-note'), t('int.cors_note', { origin: ORIGIN }));
  $('api').textContent = apiExample(config);
}

// ---- Check my page: which of the sources this mode needs does a pasted policy allow? -----------------------------
/** The policies in `text` (a header value, or several separated by commas), each a Map directive → sources. */
function parsePolicies(text) {
  const value = text.replace(/^\s*content-security-policy\s*:/i, '');
  return value.split(',').map((policy) => {
    const map = new Map();
    for (const part of policy.split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
      if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), sources);
    }
    return map;
  }).filter((map) => map.size);
}

const FALLBACK = { 'script-src': ['script-src', 'default-src'], 'connect-src': ['connect-src', 'default-src'], 'frame-src': ['frame-src', 'child-src', 'default-src'] };

/** Whether the source expression list `sources` lets `wanted` (an origin, 'self' or 'wasm-unsafe-eval') through. */
function allows(sources, wanted) {
  const list = sources.map((s) => s.toLowerCase());
  if (list.includes("'none'") && list.length === 1) return false;
  if (wanted === "'wasm-unsafe-eval'") return list.includes("'wasm-unsafe-eval'") || list.includes("'unsafe-eval'");
  if (wanted === "'self'") return list.includes("'self'");
  const target = new URL(wanted);
  return list.some((s) => {
    if (s === '*') return /^https?:$/.test(target.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return s === target.protocol || (s === 'http:' && target.protocol === 'https:');
    const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
    if (!m) return false;
    const [, scheme, wild, host, port] = m;
    if (scheme && scheme !== target.protocol.slice(0, -1) && !(scheme === 'http' && target.protocol === 'https:')) return false;
    if (wild ? !target.hostname.endsWith(`.${host}`) : target.hostname !== host) return false;
    const targetPort = target.port || (target.protocol === 'https:' ? '443' : '80');
    const sourcePort = port ?? (scheme === 'https' || (!scheme && target.protocol === 'https:') ? '443' : '80');
    return port === '*' || sourcePort === targetPort;
  });
}

/** For each need of the mode: allowed, or what is missing and the directive line that would allow it. */
function checkPolicyText(text, where, how) {
  const policies = parsePolicies(text);
  if (!policies.length) return [{ ok: true, text: t('int.check_none') }];
  const out = [];
  for (const [directive, source] of needs(where, how)) {
    let missing = null;
    for (const policy of policies) {
      const name = FALLBACK[directive].find((d) => policy.has(d));
      if (!name || allows(policy.get(name), source)) continue;
      // Adding the directive itself overrides its fallback: keep what the fallback allowed.
      const kept = policy.get(name).filter((s) => s.toLowerCase() !== "'none'");
      missing = `${directive} ${[...kept, source].join(' ')}`;
    }
    out.push(missing
      ? { ok: false, text: t('int.check_missing', { what: `${source} (${directive})`, line: missing }) }
      : { ok: true, text: t('int.check_fine', { directive: `${directive} ${source}` }) });
  }
  if (out.every((r) => r.ok)) out.push({ ok: true, text: t('int.check_ok') });
  return out;
}

function checkPolicy() {
  const text = $('check-csp').value.trim();
  const results = text ? checkPolicyText(text, platform(), mode()) : [{ ok: false, text: t('int.check_empty') }];
  $('check-result').replaceChildren(...results.map((r) => {
    const item = document.createElement('li');
    item.className = r.ok ? 'ok' : 'missing';
    render(item, r.text);
    return item;
  }));
}
$('check').addEventListener('submit', (event) => {
  event.preventDefault();
  checkPolicy();
});

// ---- The platform tabs (WAI-ARIA tabs pattern: arrows, Home and End move and select) -----------------------------
const tabs = [...document.querySelectorAll('[role="tab"]')];
function select(tab, focus = false) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute('aria-selected', String(on));
    other.tabIndex = on ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  $('check-result').replaceChildren();
  update();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(tab);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length], true);
  });
}

// ---- The preview -------------------------------------------------------------------------------------------------
let embedModule = null;
let loaderReady = null;
let current = null;
let generation = 0;

function loadLoader() {
  loaderReady ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url(F.loader.path);
    script.integrity = F.loader.integrity;
    script.crossOrigin = 'anonymous';
    script.dataset.mount = 'manual';
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  return loaderReady;
}

/**
 * The preview keeps the height it has while the next one loads (a setting draws it again), and has at least the
 * start screen's height before the first: what comes after it (the events, and the settings on a narrow screen when
 * they come after) does not move up and down as the widget loads. Released once the new widget is on show.
 */
function holdHeight() {
  const preview = $('preview');
  const height = preview.getBoundingClientRect().height;
  if (height > 0) preview.style.setProperty('min-height', `${Math.ceil(height)}px`);
}
function releaseHeight() {
  $('preview').style.removeProperty('min-height');
}

async function showPreview() {
  const mine = ++generation;
  const config = chosen();
  holdHeight();
  current?.unmount();
  current = null;
  $('preview').replaceChildren();
  $('events').replaceChildren();
  $('color-report').textContent = '';
  if (platform() === 'iframe') {
    // Exactly the snippet a volunteer copies.
    const template = document.createElement('template');
    template.innerHTML = snippet('iframe', mode(), config);
    $('preview').append(template.content);
    releaseHeight(); // the snippet's frame has its height at once (and sends no event)
    current = { unmount: () => $('preview').replaceChildren(), widget: () => null };
  } else if (platform() === 'any' && mode() === 'iframe') {
    await loadLoader();
    if (mine !== generation) return;
    const handle = window.loanInsuranceCheck.mount($('preview'), config);
    current = { unmount: () => handle.unmount(), widget: () => handle.frame.contentDocument?.querySelector('#widget > div') };
  } else {
    embedModule ??= import(url(F.embed.path));
    await embedModule;
    if (mine !== generation) return;
    const element = document.createElement('loan-insurance-check');
    for (const [k, v] of Object.entries(config)) element.setAttribute(`data-${k}`, v);
    $('preview').append(element);
    current = { unmount: () => element.remove(), widget: () => element };
  }
}

for (const type of ['ready', 'step', 'result', 'sent']) {
  $('preview').addEventListener(`lic:${type}`, (event) => {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = `lic:${type}${event.detail?.step ? ` ${JSON.stringify({ step: event.detail.step })}` : ''}`;
    item.append(code);
    $('events').append(item);
    while ($('events').children.length > 8) $('events').firstElementChild.remove();
    if (type === 'ready') {
      releaseHeight();
      reportColour();
    }
  });
}

// ---- What became of the brand colour -----------------------------------------------------------------------------
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const ratio = (r) => (Math.floor(r * 100) / 100).toFixed(2).replace('.', pageLang === 'fr' ? ',' : '.');

/** A CSS colour as #rrggbb, as the browser reads it (a 2D canvas normalises opaque colours); null otherwise. */
function toHex(css) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.fillStyle = '#010203';
  ctx.fillStyle = css;
  const out = ctx.fillStyle;
  return /^#[0-9a-f]{6}$/.test(out) && (out !== '#010203' || css.trim().toLowerCase() === '#010203') ? out : null;
}

function reportColour() {
  const report = $('color-report');
  const given = $('color').value.trim();
  const widget = current?.widget();
  if (!given || !widget) { report.textContent = ''; return; }
  const style = getComputedStyle(widget);
  const used = toHex(style.getPropertyValue('--lic-brand').trim());
  const bg = toHex(style.getPropertyValue('--lic-bg').trim());
  const hex = toHex(given);
  const notice = (widget.shadowRoot ?? widget).querySelector?.('.lic-notice');
  if (!used || !hex || notice) {
    report.textContent = t('int.colour_unread');
  } else if (used === hex) {
    report.textContent = t('int.colour_kept', { used, ratio: bg ? ` (${ratio(contrast(used, bg))}:1)` : '' });
  } else {
    report.textContent = t('int.colour_changed', {
      given: hex, used, before: bg ? ratio(contrast(hex, bg)) : '?', after: bg ? ratio(contrast(used, bg)) : '?',
    });
  }
}

// ---- Copying -----------------------------------------------------------------------------------------------------
async function copy(id, done) {
  const text = $(id).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without the clipboard API: select the text, so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents($(id));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $('status').textContent = t('int.selected');
    return;
  }
  $('status').textContent = t(done);
}
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', () => copy(button.dataset.copy, button.dataset.copy === 'csp' ? 'int.csp_copied' : 'int.copied'));
}

// ---- Wiring ------------------------------------------------------------------------------------------------------
let timer = 0;
function update({ soon = false } = {}) {
  writeCode();
  clearTimeout(timer);
  timer = setTimeout(showPreview, soon ? 400 : 0);
}
$('config').addEventListener('submit', (e) => e.preventDefault());
$('config').addEventListener('change', () => update());
for (const radio of document.querySelectorAll('input[name="mode"]')) radio.addEventListener('change', () => update());
for (const id of ['color', 'manifest']) $(id).addEventListener('input', () => update({ soon: true }));
$('color-picker').addEventListener('input', () => {
  $('color').value = $('color-picker').value;
  update({ soon: true });
});
$('color').addEventListener('input', () => {
  const hex = toHex($('color').value.trim());
  if (hex) $('color-picker').value = hex;
});

applyLanguage();
if (!FILES) {
  $('status').textContent = t('int.unbuilt');
} else {
  for (const [role, file] of Object.entries(FILES.files)) {
    const row = document.createElement('tr');
    for (const text of [role, file.path, file.integrity, String(file.bytes)]) {
      const cell = document.createElement('td');
      const code = document.createElement('code');
      code.textContent = text;
      cell.append(code);
      row.append(cell);
    }
    $('files').append(row);
  }
  update();
}
