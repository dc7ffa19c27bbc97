// loan-insurance-check, in-page mode.
//   <script type="module" src=".../embed-<hash>.js" integrity="sha384-..." crossorigin="anonymous"></script>
//   <loan-insurance-check data-lang="fr" data-color="#005a9c" data-theme="auto"></loan-insurance-check>
// or, from JavaScript: import { mount } from '.../embed-<hash>.js'; const handle = mount(element, { lang: 'en' });
//
// Each widget renders inside its own shadow root (host CSS cannot reach in, ours cannot leak out), styled by
// constructable stylesheets (no inline style, so strict Content-Security-Policies work). The WebAssembly is
// loaded once per page, with its integrity checked, whatever the number of widgets. Host events are DOM
// CustomEvents on the element: lic:ready, lic:step (detail.step), lic:result; they carry ids, never answers.
//
// scripts/build.sh bundles this file after the wasm-bindgen glue into www/embed-<hash>.js (one request, one
// integrity hash) and fills in WASM_FILE, WASM_INTEGRITY and TEXT.
import init, { createWidget } from './pkg/loan_insurance_check.js';
import { licThemeCss } from './theme.js';

const WASM_FILE = 'pkg/loan_insurance_check_bg.wasm';
const WASM_INTEGRITY = '';
// The words of each language, [file, integrity]: one file per language, not compiled into the wasm.
// Each address written `new URL('<literal>', import.meta.url)`, so that bundlers (Vite) see the files as assets.
const MESSAGES = { fr: [new URL('messages.fr.txt', import.meta.url), ''], en: [new URL('messages.en.txt', import.meta.url), ''] };
// The second WebAssembly file (the screens after the questions, src/ui/late.rs), [file, integrity]: fetched here
// with the others, its integrity checked; the wasm-split loader bundled with the glue instantiates it (licLate).
const LATE = [new URL('pkg/split_late.wasm', import.meta.url), ''];
// The start-failure message, from src/i18n/{fr,en}.msg (key embed.unavailable).
const TEXT = { fr: '', en: '' };
// The start screen as the widget draws it, per language: the children of its root as [tag, attributes, ...children]
// or text, captured from the widget at build time (scripts/start-screen.mjs); and www/widget.css.
const START = null;
// The first question, the screen "start" leads to, in the same form, per language (scripts/start-screen.mjs).
const QUESTION = null;
const WIDGET_CSS = '';

// The lists of src/host_config.rs (tests/host_lists.rs checks them).
const LIC_KEYS = ['lang', 'color', 'theme', 'manifest', 'claims', 'events'];
const LIC_API_KEYS = [...LIC_KEYS, 'background'];
let licWasm = null;
const licTexts = {};

// A WebAssembly download that has not finished by then has stalled: the widget says so instead of staying blank.
const LIC_WASM_TIMEOUT_MS = 30000;

/** An error whose `licWhy` names the cause for the console. */
function licCause(error, why) {
  const e = new Error(why, { cause: error });
  e.licWhy = why;
  return e;
}

/** The language a configuration asks for, read as the widget reads it (fr, en, EN-gb...; anything else is fr). */
export function licLang(tag) {
  return String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase() === 'en' ? 'en' : 'fr';
}

// credentials 'same-origin' (no cookie crosses origins either way) so that the snippet's
// <link rel="preload" as="fetch" crossorigin="anonymous"> is reused instead of downloading twice.
// A refused fetch (CSP connect-src, CORS, integrity) rejects with a cause the start-failure message names.
function licFetch(url, integrity, priority, signal) {
  return fetch(url, { credentials: 'same-origin', priority, signal, ...(integrity ? { integrity } : {}) }).catch((error) => {
    throw licCause(error, `the file ${url} could not be fetched (${error?.message ?? error}): the page's Content-Security-Policy connect-src must allow the widget's origin, the widget's origin must send Access-Control-Allow-Origin, and the file must match its integrity hash.`);
  });
}

/**
 * The first wasm file, compiled while it downloads (WebAssembly.compileStreaming) rather than after: a fetch with
 * an integrity holds the body back until it is all in and checked. The integrity is checked on the same bytes with
 * WebCrypto, and the compiled module goes to the glue, which instantiates it (runs it), only if the hash matches.
 * Resolves with the module once the whole file is in, checked and compiled. Without WebCrypto (a page outside a
 * secure context) or compileStreaming, the fetch itself checks the integrity and the glue compiles after.
 */
function licFirstWasm(url, integrity, signal) {
  const [, bits, expected] = /^sha(256|384|512)-(.+)$/.exec(integrity) ?? [];
  if (!expected || !globalThis.crypto?.subtle || !WebAssembly.compileStreaming) return licFetch(url, integrity, 'high', signal);
  return licFetch(url, '', 'high', signal).then(async (response) => {
    if (!response.ok || !response.body) return response; // the glue names the status
    const [compile, hash] = response.body.tee();
    const module = WebAssembly.compileStreaming(new Response(compile, { headers: { 'content-type': 'application/wasm' } }));
    module.catch(() => {});
    const digest = new Uint8Array(await crypto.subtle.digest(`SHA-${bits}`, await new Response(hash).arrayBuffer()));
    if (btoa(String.fromCharCode(...digest)) !== expected) {
      throw licCause(null, `the file ${url} does not match its integrity hash ${integrity} (changed on the way or on the server): it was not run.`);
    }
    return module;
  });
}

/** The text of the message file of `lang` ('fr' or 'en'), fetched once per page. */
function licText(lang, priority = 'high') {
  licTexts[lang] ??= licFetch(...MESSAGES[lang], priority)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.url}`))));
  return licTexts[lang];
}

let licLateResponse = null;
/** The response of the second wasm file, requested once per page; the first wasm file instantiates it. */
function licLate() {
  licLateResponse ??= licFetch(...LATE, 'low');
  return licLateResponse;
}

/**
 * Loads the WebAssembly once per page, and every language's words: the first wasm file and the words of `lang` now;
 * the second wasm file (the widget instantiates it after its first render) and the other languages' words (for the
 * language switch) as soon as the first wasm file is in, whatever the visitor does: no request depends on them.
 * Not all at once: browsers share the bandwidth between downloads whatever their priority (HTTP/1.1, Chromium's
 * throttling), so the second file, 95 KB, would slow the first by half (scripts/bench-trace.mjs shows it).
 * `licFirstWasm` resolves once the whole first file is in and checked.
 */
function licLoad(lang) {
  if (!licWasm) {
    const url = new URL(WASM_FILE, import.meta.url);
    const controller = new AbortController();
    let timer;
    const stalled = new Promise((_, fail) => {
      timer = setTimeout(() => {
        fail(licCause(null, `the WebAssembly file ${url} did not arrive within ${LIC_WASM_TIMEOUT_MS / 1000} s (the download stalled); reload the page to try again.`));
        controller.abort();
      }, LIC_WASM_TIMEOUT_MS);
    });
    const response = licFirstWasm(url, WASM_INTEGRITY, controller.signal);
    licWasm = Promise.race([init({ module_or_path: response }), stalled]).finally(() => clearTimeout(timer));
    licText(lang);
    response.then(() => {
      licLate().catch(() => {});
      for (const other of Object.keys(MESSAGES)) licText(other, 'low').catch(() => {});
    }, () => {});
  }
  return licWasm;
}

/**
 * Whether this document blocks form submission (a sandboxed iframe without allow-forms): the browser then
 * fires no submit event, and every question would freeze. Tested with a hidden form inside `place`.
 */
function licFormsBlocked(place) {
  if (!place.isConnected) return false;
  const form = document.createElement('form');
  form.hidden = true;
  let fired = false;
  form.addEventListener('submit', (e) => { fired = true; e.preventDefault(); });
  place.append(form);
  try { form.requestSubmit(); } catch { fired = true; }
  form.remove();
  return !fired;
}

/** Where the browser blocks forms, the widget submits its own: a submit button's click, Enter in a field. */
function licSubmitForms(place) {
  const submit = (form, submitter) => form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter }));
  place.addEventListener('click', (e) => {
    const button = e.target.closest?.('button');
    if (button && button.type === 'submit' && button.form && !button.disabled) {
      e.preventDefault();
      submit(button.form, button);
    }
  });
  place.addEventListener('keydown', (e) => {
    const field = e.target;
    if (e.key === 'Enter' && field instanceof HTMLInputElement && field.form && !['checkbox', 'radio', 'button', 'submit'].includes(field.type)) {
      e.preventDefault();
      submit(field.form, field.form.querySelector('button[type=submit]'));
    }
  });
}

/** The first opaque background colour behind `element` (for data-theme="transparent"); '' when none. */
function licBackdrop(element) {
  for (let node = element; node; node = node.parentElement ?? node.getRootNode?.().host) {
    const colour = getComputedStyle(node).backgroundColor;
    const m = /^rgba?\(([^)]*)\)$/.exec(colour);
    if (m) {
      const parts = m[1].split(/[\s,/]+/).filter(Boolean);
      if (parts.length === 3 || Number(parts[3]) >= 0.99) return colour;
    }
  }
  return '';
}

let licWidgetSheet = null;
const licSheet = (css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
};

/** A DOM node from its captured form. */
function licNode(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attributes, ...children] = node;
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.map(licNode));
  return element;
}

/** The fields of a screen (static or the widget's), by id: a radio's or checkbox's checked, else the value. */
function licFields(element) {
  const out = {};
  for (const field of element.querySelectorAll('input[id], select[id], textarea[id]')) {
    out[field.id] = field.type === 'radio' || field.type === 'checkbox' ? field.checked : field.value;
  }
  return out;
}

/**
 * Gives the fields of `element` the values `fields` holds (licFields). On the widget (`events`), as a visitor
 * would: a click on a radio to check, a typed value with its input event, a chosen option with its change event.
 */
function licFill(element, fields, events) {
  for (const [id, value] of Object.entries(fields)) {
    const field = element.querySelector(`#${CSS.escape(id)}`);
    if (!field) continue;
    if (field.type === 'radio' || field.type === 'checkbox') {
      if (field.checked !== value) {
        if (events) field.click();
        else field.checked = value;
      }
    } else if (field.value !== value) {
      field.value = value;
      if (events) field.dispatchEvent(field.localName === 'select' ? new Event('change', { bubbles: true }) : new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    }
  }
}

// What can take the focus on a screen, in document order: the static copy and the widget's screen have the same
// DOM, so the n-th of one is the n-th of the other.
const LIC_FOCUSABLE = 'h2, button, input, select, textarea, a[href]';

/**
 * The start screen, shown at once in `root` with the widget's own stylesheets and the theme the widget will have,
 * while the WebAssembly loads; a click on "start" shows the first question, as static and as usable (the
 * widget's own copy, scripts/start-screen.mjs). Returns { element, held, screen() }, where `held` lists what to
 * replay on the widget, in order: 'lang', 'begin', 'submit', 'back', ['fill', fields]. Null when there is none to
 * show: a build without it, a resume link in the address (the widget will open another screen), or a colour in a
 * form only the widget reads. `from`: the static screen this one replaces (a new configuration): its screen, fields
 * and held steps are kept.
 */
function licStaticStart(root, config, background, from = null) {
  const css = START && !/(^#|&)lic=/.test(location.hash) ? licThemeCss(config.theme, config.color, background) : null;
  if (css == null) return null;
  licWidgetSheet ??= licSheet(WIDGET_CSS);
  root.adoptedStyleSheets = [licWidgetSheet, licSheet(css)];
  const element = document.createElement('div');
  element.className = 'lic-root';
  element.dir = 'ltr';
  let lang = licLang(config.lang);
  let screen = from?.screen() ?? 'start';
  const held = from ? from.held : [];
  const draw = (fields = {}) => {
    element.replaceChildren(...(screen === 'question' ? QUESTION : START)[lang].map(licNode));
    licFill(element, fields, false);
  };
  draw(from?.screen() === 'question' ? licFields(from.element) : {});
  const heading = () => element.querySelector('h2')?.focus();
  // A "continue" not yet honoured is taken back by a change of the answer (the visitor then continues again) or by
  // "back": the static question always shows what the widget will be given.
  const unsubmit = () => {
    if (held.at(-1) !== 'submit') return;
    held.splice(-2, 2);
    element.querySelector('button[type=submit]')?.removeAttribute('aria-busy');
  };
  const submit = (event) => {
    event.preventDefault(); // never the browser's own submission: no request, nothing in the address
    if (screen !== 'question' || held.at(-1) === 'submit') return;
    held.push(['fill', licFields(element)], 'submit');
    element.querySelector('button[type=submit]')?.setAttribute('aria-busy', 'true');
  };
  element.addEventListener('submit', submit);
  element.addEventListener('input', unsubmit);
  element.addEventListener('change', unsubmit);
  element.addEventListener('click', (event) => {
    const button = event.target.closest?.('button');
    if (!button) return;
    if (button.classList.contains('lic-lang')) {
      // Shown in the other language at once, the fields kept; the widget switches too when it starts.
      held.push('lang');
      lang = lang === 'fr' ? 'en' : 'fr';
      draw(licFields(element));
      element.querySelector('.lic-lang')?.focus();
    } else if (screen === 'start' && button.classList.contains('lic-primary')) {
      // "back" then "start" again: the widget need not go there and back (its "back" moves the browser's history,
      // whose event comes later), only keep what was typed, as it does.
      const back = held.lastIndexOf('back');
      if (back >= 0 && held.slice(back + 1).every((step) => step === 'lang')) held.splice(back, 1);
      else held.push('begin');
      if (QUESTION) {
        screen = 'question';
        draw(start.fields ?? {});
        heading();
      } else button.setAttribute('aria-busy', 'true');
    } else if (screen === 'question' && button.type === 'submit') {
      submit(event);
    } else if (screen === 'question' && button.classList.contains('lic-link')) {
      unsubmit();
      const fields = licFields(element);
      held.push(['fill', fields], 'back');
      screen = 'start';
      draw();
      heading();
      // The widget keeps what was typed when the visitor goes back: so does the static copy.
      start.fields = fields;
    }
  });
  const start = { element, held, screen: () => screen, fields: from?.fields ?? null };
  return start;
}

/**
 * Resolves after the next paint when `wait` (a rendering update, then a task), at once when not; a page that
 * paints no frame (hidden) does not hold it longer than LIC_PAINT_WAIT_MS.
 */
const LIC_PAINT_WAIT_MS = 250;
function licAfterPaint(wait) {
  if (!wait || document.hidden) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(done, LIC_PAINT_WAIT_MS);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); done(); }, 0));
  });
}

/** Resolves once `test()` holds, checked now and on every change under `node` (before the next paint). */
function licUntil(node, test) {
  if (test()) return Promise.resolve();
  return new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (test()) { observer.disconnect(); clearTimeout(timer); done(); }
    });
    observer.observe(node, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => { observer.disconnect(); done(); }, 5000);
  });
}

/**
 * Puts the widget's first screen (`container`) in the place of the static screen: replays on the widget, in order,
 * what the visitor did before the WebAssembly was ready (the same clicks, the same answers given as a visitor
 * gives them), then removes the static copy and puts the focus where it was. The widget renders in microtasks
 * and each step waits for it with a mutation observer, so all this happens before the next paint: no flash.
 */
async function licTakeOver(root, start, container) {
  const focused = root.activeElement;
  // The focus elsewhere on the page (another widget, the host's own field): the widget's replayed moves must not
  // take it (the widget puts the focus on each new screen's heading); it is put back where it was.
  let elsewhere = null;
  if (!focused) for (elsewhere = document.activeElement; elsewhere?.shadowRoot?.activeElement;) elsewhere = elsewhere.shadowRoot.activeElement;
  const place = focused ? [...start.element.querySelectorAll(LIC_FOCUSABLE)].indexOf(focused) : -1;
  const sent = start.held.at(-1) === 'submit'; // the widget then shows a screen the static copy did not
  const steps = [...start.held, ...(start.screen() === 'question' && !sent ? [['fill', licFields(start.element)]] : [])];
  start.held.length = 0;
  const screen = () => container.querySelector('.lic-screen');
  const heading = () => container.querySelector('h2')?.textContent;
  for (const step of steps) {
    const was = heading();
    if (step === 'lang') container.querySelector('.lic-lang')?.click();
    else if (Array.isArray(step)) licFill(container, step[1], true);
    else {
      const target = step === 'begin' ? '.lic-screen .lic-primary' : step === 'submit' ? 'form.lic-screen button[type=submit]' : 'form.lic-screen .lic-link';
      const button = container.querySelector(target);
      if (!button) continue;
      button.click();
      // The next screen, or (a refused answer) the message next to the field.
      await licUntil(container, () => heading() !== was || screen()?.querySelector('.lic-error'));
    }
  }
  start.element.remove();
  // On the same screen as the static copy: the focus on the same element; after a "continue", where the widget put it.
  if (!sent && place >= 0) container.querySelectorAll(LIC_FOCUSABLE)[place]?.focus();
  else if (elsewhere && elsewhere !== document.body && elsewhere.isConnected) elsewhere.focus();
}

/** A configuration object with text values only, and a console message for any key the widget does not know. */
function licNormalize(config, where) {
  const out = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    if (!LIC_API_KEYS.includes(key)) {
      console.warn(`loan-insurance-check: ${where} "${key}" is not an option (${LIC_KEYS.join(', ')}); ignored`);
    } else if (value != null) {
      out[key] = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return out;
}

/**
 * Starts a widget in `root` (a shadow root of `host`); events are dispatched on `host`. Returns
 * { ready, update(config), unmount() }: `update` gives the widget on show a new configuration (language, theme and
 * colour change at once, the visitor's answers stay).
 */
function licStart(root, host, initial) {
  let config = initial;
  const container = document.createElement('div');
  container.className = 'lic-root';
  container.dir = 'ltr';
  root.replaceChildren(container);
  let handle = null;
  let stopped = false;
  const onEvent = (type, detail) => {
    host.dispatchEvent(new CustomEvent(`lic:${type}`, { bubbles: true, composed: true, detail: { ...detail } }));
  };
  const unavailable = (error, why) => {
    console.error(`loan-insurance-check: the widget could not start. ${why}`, error);
    if (stopped) return;
    const lang = licLang(config.lang);
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.lang = lang;
    message.textContent = TEXT[lang];
    container.replaceChildren(message);
  };
  // The colour behind the widget, for data-theme="transparent".
  const backdrop = (c) => (String(c.theme ?? '').trim().toLowerCase() === 'transparent' && !c.background
    ? licBackdrop(host.parentElement ?? host) : c.background);
  const lang = licLang(config.lang);
  // The start screen at once, while the WebAssembly loads (ARCHITECTURE.md "Loading"). The widget draws into
  // the (empty) container meanwhile, and takes the static screen's place as soon as its first screen, or the
  // failure message, is there: a mutation observer runs before the next paint, so no flash and no blank.
  let start = licStaticStart(root, config, backdrop(config));
  if (start) {
    root.prepend(start.element);
    const observer = new MutationObserver(() => {
      observer.disconnect();
      licTakeOver(root, start, container);
      start = null;
    });
    observer.observe(container, { childList: true });
  }
  // The first files are requested once the start screen is painted (at once without one): setting up their
  // download and compiling is work the first paint need not wait for (the snippet's preload line has the first
  // wasm file coming already); the rest follow when the first wasm file is in (licLoad).
  const loading = licAfterPaint(start != null).then(() => Promise.all([licLoad(lang), licText(lang)]));
  const ready = loading.then(([, words]) => {
    if (stopped) return;
    try {
      licWidgetSheet ??= licSheet(WIDGET_CSS);
      // A sandbox without allow-forms: the widget submits its own forms, and says so (console and notice). Tested
      // when the widget starts, not before the start screen shows (its first paint waits for nothing it does not
      // need), in the shadow root beside the container: the probe form must not count as the widget's screen.
      const sandbox = licFormsBlocked(root) ? 'forms' : undefined;
      if (sandbox) licSubmitForms(container);
      handle = createWidget(container, {
        ...config, background: backdrop(config), onEvent, messages: { [lang]: words }, loadMessages: licText, styles: licWidgetSheet, sandbox,
        // The theme is computed here, as for the start screen: the wasm has no colour arithmetic (src/embed.rs).
        themeCss: licThemeCss,
      });
    } catch (error) {
      unavailable(error, 'This is a bug of the widget: please report it.');
    }
  }, (error) => unavailable(error, error?.licWhy ?? ("If the page has a Content-Security-Policy, its script-src must allow 'wasm-unsafe-eval' "
    + "(and connect-src the widget's origin); the widget's origin must serve its files with Access-Control-Allow-Origin.")));
  let updates = ready;
  return {
    ready,
    update(next) {
      config = next;
      // Still on the static screen: drawn again with the new configuration, its screen, fields and held steps kept.
      const again = start && licStaticStart(root, next, backdrop(next), start);
      if (again) {
        start.element.replaceWith(again.element);
        start = again;
      }
      const wanted = licLang(next.lang);
      // In order, after the start, once the words of the language asked for are here; a later change wins.
      updates = updates.then(() => licText(wanted)).then((words) => {
        if (!stopped && handle && config === next) {
          handle.update({ ...next, background: backdrop(next), messages: { [wanted]: words } });
        }
      }).catch((error) => console.error('loan-insurance-check: the new configuration could not be applied', error));
    },
    unmount() {
      stopped = true;
      if (handle) {
        handle.unmount();
        handle.free();
        handle = null;
      }
      container.remove();
      start?.element.remove();
    },
  };
}

/** A data- attribute that looks like a misspelt option (data-colour, data-language, data-claim...), or undefined. */
function licNearMiss(key) {
  return LIC_KEYS.find((k) => key.includes(k) || (key.length > 3 && k.includes(key))
    || (key.length === k.length && [...key].filter((c, i) => c !== k[i]).length === 1)
    || (Math.abs(key.length - k.length) === 1 && [...key].filter((c) => !k.includes(c)).length + [...k].filter((c) => !key.includes(c)).length <= 1));
}

function licAttributes(element) {
  const config = {};
  for (const { name, value } of element.attributes) {
    if (!name.startsWith('data-')) continue;
    const key = name.slice(5);
    if (LIC_KEYS.includes(key)) config[key] = value;
    else if (licNearMiss(key)) console.warn(`loan-insurance-check: attribute ${name} is not an option; did you mean data-${licNearMiss(key)}? Ignored`);
  }
  return config;
}

class LoanInsuranceCheck extends HTMLElement {
  static observedAttributes = LIC_KEYS.map((k) => `data-${k}`);

  static licWidget = true;

  #widget = null;

  #start() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#widget = licStart(root, this, licAttributes(this));
  }

  #stop() {
    this.#widget?.unmount();
    this.#widget = null;
  }

  connectedCallback() {
    if (!this.#widget) this.#start();
  }

  // Moved elsewhere in the page (disconnected, then connected in the same task): the visitor's answers stay.
  disconnectedCallback() {
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  // A changed attribute: the language, theme and colour change on the widget on show, the visitor's answers and
  // place stay (issue 13). The featured claims are read when a widget starts (a new element).
  attributeChangedCallback(name, before, after) {
    if (!this.#widget || before === after) return;
    if (name === 'data-claims') {
      console.info('loan-insurance-check: data-claims is read when the widget starts; the widget on show keeps its featured claims');
    }
    this.#widget.update(licAttributes(this));
  }
}

const licTaken = customElements.get('loan-insurance-check');
if (!licTaken) {
  customElements.define('loan-insurance-check', LoanInsuranceCheck);
} else if (!licTaken.licWidget) {
  // Another script owns the element name: its elements cannot show the widget. Say so, next to each one.
  console.error('loan-insurance-check: the widget could not start. The element name <loan-insurance-check> is already defined by another script on this page; remove that definition, or start the widget with mount() from this module.');
  const show = () => {
    for (const element of document.querySelectorAll('loan-insurance-check')) {
      if (element.nextElementSibling?.hasAttribute('data-lic-unavailable')) continue;
      const lang = /^\s*en/i.test(element.getAttribute('data-lang') ?? '') ? 'en' : 'fr';
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.setAttribute('data-lic-unavailable', '');
      message.lang = lang;
      message.textContent = TEXT[lang];
      element.after(message);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
}

/**
 * For developers: mounts a widget at the end of `element` and returns a handle at once:
 * { element, ready: Promise, update(config), unmount() }. `config` has the same options as the data- attributes:
 * { lang, color, theme, manifest, claims } (claims may be an array, manifest an object).
 * Events are dispatched on handle.element and bubble to `element`.
 */
export function mount(element, config = {}) {
  const host = document.createElement('div');
  element.append(host);
  const widget = licStart(host.attachShadow({ mode: 'open' }), host, licNormalize(config, 'option'));
  const handle = {
    element: host,
    ready: null,
    /** A new configuration (same keys): language, theme and colour change at once, the answers stay. */
    update(next = {}) {
      widget.update(licNormalize(next, 'option'));
    },
    unmount() {
      widget.unmount();
      host.remove();
    },
  };
  handle.ready = widget.ready.then(() => handle);
  return handle;
}

/** Kept for pages written against the first release: resolves once the widget is on show. */
export async function mountWidget(element, config = {}) {
  return mount(element, config).ready;
}
