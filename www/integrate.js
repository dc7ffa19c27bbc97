// The integration page (www/integrate.html): a live configurator. The integrator picks the mode (in-page or iframe),
// the language, a brand colour, the theme, the claims to feature and a campaign manifest; the preview follows, and
// the page writes the snippet, the Content-Security-Policy lines and the JavaScript API call to copy, with the
// versioned file names and Subresource Integrity hashes of this build.
// scripts/version.mjs replaces FILES with the build's www/files.json (so this page fetches nothing for it).
const FILES = null;
// The claim ids data-claims accepts: the engine's ClaimId::ALL (a native test, src/theme/config.rs, keeps them equal).
const CLAIMS = ['profit_sharing', 'after_payoff', 'after_cover_end', 'wrong_basis', 'lender_fees', 'double_premium', 'refused_switch', 'duty_to_advise', 'switch_savings', 'medical_questionnaire'];

const F = FILES?.files;
const $ = (id) => document.getElementById(id);
const SITE = new URL('..', location.href);
const ORIGIN = location.origin;
const url = (path) => new URL(path, SITE).href;
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function bilingual(element, fr, en) {
  const span = document.createElement('span');
  span.lang = 'en';
  span.textContent = en;
  element.replaceChildren(`${fr} `, span);
}

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
  const code = document.createElement('code');
  code.textContent = id;
  label.append(code);
  row.append(box, label);
  $('claims').append(row);
}

const mode = () => document.querySelector('input[name="mode"]:checked').value;

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
function snippet(config) {
  if (mode() === 'iframe') {
    return `<script src="${url(F.loader.path)}"\n        integrity="${F.loader.integrity}" crossorigin="anonymous"\n       ${attributes(config)}></script>`;
  }
  // The preload starts the WebAssembly download with the page (embed.js fetches it with credentials 'same-origin'
  // and its integrity: Chromium ignores integrity on a fetch preload and warns about it).
  return `<link rel="preload" href="${url(F.wasm.path)}" as="fetch" crossorigin="anonymous">\n`
    + `<script type="module" src="${url(F.embed.path)}"\n        integrity="${F.embed.integrity}" crossorigin="anonymous"></script>\n`
    + `<loan-insurance-check${attributes(config)}></loan-insurance-check>`;
}

function cspLines() {
  return mode() === 'iframe'
    ? `script-src ${ORIGIN}\nframe-src ${ORIGIN}`
    : `script-src ${ORIGIN} 'wasm-unsafe-eval'\nconnect-src ${ORIGIN}`;
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
  $('snippet').textContent = snippet(config);
  $('csp').textContent = cspLines();
  $('api').textContent = apiExample(config);
  if (mode() === 'iframe') {
    bilingual($('csp-note'), 'Ajoutez ces sources à vos directives (sans retirer les vôtres). Le vérificateur vit dans sa propre page : votre politique n\'a pas à autoriser WebAssembly.',
      'Add these sources to your directives (keep yours). The checker lives in its own page: your policy need not allow WebAssembly.');
  } else {
    bilingual($('csp-note'), 'Ajoutez ces sources à vos directives (sans retirer les vôtres). Aucun style en ligne n\'est utilisé : style-src n\'a pas à changer.',
      'Add these sources to your directives (keep yours). No inline style is used: style-src need not change.');
  }
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

async function showPreview() {
  const mine = ++generation;
  const config = chosen();
  current?.unmount();
  current = null;
  $('preview').replaceChildren();
  $('events').replaceChildren();
  $('color-report').textContent = '';
  if (mode() === 'iframe') {
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
    if (type === 'ready') reportColour();
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
const ratio = (r, lang) => (Math.floor(r * 100) / 100).toFixed(2).replace('.', lang === 'fr' ? ',' : '.');

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
    bilingual(report, 'Le vérificateur ne peut pas lire cette couleur : il garde ses couleurs par défaut (voir la console).',
      'The checker cannot read this colour: it keeps its default colours (see the console).');
  } else if (used === hex) {
    const on = bg ? ` (${ratio(contrast(used, bg), 'fr')}:1)` : '';
    bilingual(report, `Contraste vérifié : ${used} est utilisée telle quelle${on}.`, `Contrast checked: ${used} is used as given${on.replace(',', '.')}.`);
  } else {
    const before = bg ? ratio(contrast(hex, bg), 'fr') : '?';
    const after = bg ? ratio(contrast(used, bg), 'fr') : '?';
    bilingual(report,
      `${hex} est peu lisible sur ce fond (${before}:1, il faut 4,5:1) : le vérificateur utilise ${used} (${after}:1).`,
      `${hex} is hard to read on this background (${before.replace(',', '.')}:1, 4.5:1 is needed): the checker uses ${used} (${after.replace(',', '.')}:1).`);
  }
}

// ---- Copying -----------------------------------------------------------------------------------------------------
async function copy(id, fr, en) {
  const text = $(id).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without the clipboard API: select the text, so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents($(id));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    bilingual($('status'), 'Le texte est sélectionné : copiez-le avec Ctrl+C.', 'The text is selected: copy it with Ctrl+C.');
    return;
  }
  bilingual($('status'), fr, en);
}
$('copy-snippet').addEventListener('click', () => copy('snippet', 'Code copié dans le presse-papiers.', 'Code copied to the clipboard.'));
$('copy-csp').addEventListener('click', () => copy('csp', 'Lignes CSP copiées dans le presse-papiers.', 'CSP lines copied to the clipboard.'));

// ---- Wiring ------------------------------------------------------------------------------------------------------
let timer = 0;
function update({ soon = false } = {}) {
  writeCode();
  clearTimeout(timer);
  timer = setTimeout(showPreview, soon ? 400 : 0);
}
$('config').addEventListener('submit', (e) => e.preventDefault());
$('config').addEventListener('change', () => update());
for (const id of ['color', 'manifest']) $(id).addEventListener('input', () => update({ soon: true }));
$('color-picker').addEventListener('input', () => {
  $('color').value = $('color-picker').value;
  update({ soon: true });
});
$('color').addEventListener('input', () => {
  const hex = toHex($('color').value.trim());
  if (hex) $('color-picker').value = hex;
});

if (!FILES) {
  bilingual($('status'), 'Cette page doit être servie depuis le site construit (./scripts/build.sh).', 'Serve this page from the built site (./scripts/build.sh).');
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
