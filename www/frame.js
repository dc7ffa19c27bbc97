// loan-insurance-check, iframe mode: the script of the widget page (frame.html) that loader.js puts in an iframe.
// Reads the configuration from the URL fragment (never sent to a server), mounts the widget, and talks to the host
// page only through postMessage pinned to the origin the loader gave (`parent`), never '*'. It accepts messages
// only from that origin and from the parent window. Messages: { source: 'loan-insurance-check', type, ... } with
// type resize (height), title (the frame's accessible name, in the widget's language), ready, step (step), result.
import { mount, licLang } from './embed.js';

const SOURCE = 'loan-insurance-check';
// The page's title per language (src/i18n/{fr,en}.msg, widget.name; scripts/version.mjs fills it in).
const TITLES = { fr: 'loan-insurance-check', en: 'loan-insurance-check' };
const params = new URLSearchParams(location.hash.slice(1));
const config = {};
for (const key of ['lang', 'color', 'theme', 'manifest', 'claims', 'events', 'background']) {
  if (params.has(key)) config[key] = params.get(key);
}
// The page's language and title are the configured language's from the first paint (frame.html blocks rendering
// until this module has run, in the task that also draws the static start screen), not French until the widget
// starts: a screen reader would announce a French title on an English screen.
const lang = licLang(config.lang);
document.documentElement.lang = lang;
document.title = TITLES[lang];

/** The origin to talk to: exactly an http(s) origin, or null. */
function pinnedOrigin(value) {
  try {
    const url = new URL(value ?? '');
    return /^https?:$/.test(url.protocol) && url.origin === value ? value : null;
  } catch {
    return null;
  }
}
const framed = window.parent !== window;
const parentOrigin = framed ? pinnedOrigin(params.get('parent')) : null;
// No #parent at all: a plain <iframe> pasted without the loader (the no-script embed); it keeps its fixed height.
if (framed && params.has('parent') && !parentOrigin) {
  console.warn('loan-insurance-check: this frame was not given its host page origin (#parent=https://...); it will not report its size or events. Use loader.js to insert it.');
}
if (parentOrigin) document.documentElement.classList.add('lic-framed');
// Question ids never go to a host page of another origin (issue 14: they tell it the answers).
if (config.events && parentOrigin !== location.origin) {
  if (/^\s*detailed\s*$/i.test(config.events)) console.warn('loan-insurance-check: data-events="detailed" is ignored: the host page is on another origin than the widget, so its events carry no question id');
  delete config.events;
}

function post(message) {
  if (parentOrigin) window.parent.postMessage({ source: SOURCE, ...message }, parentOrigin);
}

const place = document.getElementById('widget');
// Opened as a page of its own (the no-script embed's "open in a new tab" link): a main landmark and a level-one
// heading, the widget's name, which follows the widget's language with the title.
const pageTitle = framed ? null : document.createElement('h1');
if (pageTitle) {
  place.setAttribute('role', 'main');
  pageTitle.className = 'lic-page-title';
  pageTitle.textContent = document.title;
  place.prepend(pageTitle);
}
const handle = mount(place, config);
const host = handle.element;

for (const type of ['ready', 'step', 'result', 'sent']) {
  host.addEventListener(`lic:${type}`, (event) => {
    post(type === 'step' ? { type, step: String(event.detail?.step ?? '') } : { type });
  });
}

// Height: the frame is sized to its content, so it never scrolls inside.
let lastHeight = -1;
function measure(force = false) {
  const height = Math.ceil(host.getBoundingClientRect().height);
  // Nothing rendered yet (the WebAssembly is still loading): keep the loader's starting height.
  if (height > 0 && (force || height !== lastHeight)) {
    lastHeight = height;
    post({ type: 'resize', height });
  }
}
new ResizeObserver(() => measure()).observe(host);

// The page's language and title follow the screen on show (its section has lang and an accessible name): the static
// start screen's from the first paint (the language switch may be used on it), then the widget's.
function follow() {
  const section = host.shadowRoot?.querySelector('section[lang]');
  if (!section) return;
  document.documentElement.lang = section.lang;
  const title = section.getAttribute('aria-label');
  if (title && title !== document.title) {
    document.title = title;
    if (pageTitle) pageTitle.textContent = title;
    post({ type: 'title', title });
  }
}
new MutationObserver(follow).observe(host.shadowRoot, { subtree: true, childList: true, attributes: true, attributeFilter: ['lang', 'aria-label'] });
follow();

window.addEventListener('message', (event) => {
  if (!parentOrigin || event.origin !== parentOrigin || event.source !== window.parent) return;
  if (event.data?.source === SOURCE && event.data.type === 'measure') measure(true);
});
