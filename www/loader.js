// loan-insurance-check, iframe mode: the loader. Paste where the widget should appear:
//   <script src="https://widget.example.org/www/loader-<hash>.js" integrity="sha384-..." crossorigin="anonymous"
//           data-lang="fr" data-color="#005a9c" data-theme="auto"></script>
// It inserts an iframe of the widget page (frame.html, from the widget's origin) right after itself, sizes it to
// its content, and re-dispatches the widget's events on the iframe as CustomEvents (lic:ready, lic:step, lic:result).
// Messages are accepted only from the widget's origin and from this loader's own frame; the frame posts only to
// this page's origin (self.origin: also right in an about:srcdoc page, whose location says "null"). The frame is
// requested without a referrer. data-mount="manual" loads the API only: window.loanInsuranceCheck.mount(element, config).
// KEYS and EVENTS are the lists of src/host_config.rs (tests/host_lists.rs checks them).
// scripts/build.sh fills in FRAME (the versioned frame page) and TITLES (from src/i18n/{fr,en}.msg, widget.name).
(() => {
  'use strict';
  const FRAME = 'frame.html';
  const TITLES = { fr: 'loan-insurance-check', en: 'loan-insurance-check' };
  const KEYS = ['lang', 'color', 'theme', 'manifest', 'claims', 'events'];
  const EVENTS = ['ready', 'step', 'result', 'sent'];
  const SOURCE = 'loan-insurance-check';
  const NAME = SOURCE + ': ';
  const script = document.currentScript;
  if (!script || !script.src) {
    console.error(NAME + 'load loader.js with a classic <script src="..."> (not a module), so it knows where it stands');
    return;
  }
  const page = new URL(FRAME, script.src);
  const origin = page.origin;

  // The first opaque background behind `element`, for data-theme="transparent".
  function backdrop(element) {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      const m = /^rgba?\(([^)]*)\)$/.exec(colour);
      if (m) {
        const parts = m[1].split(/[\s,/]+/).filter(Boolean);
        if (parts.length === 3 || +parts[3] >= 0.99) return colour;
      }
    }
    return '';
  }

  function mount(element, config, before) {
    const params = new URLSearchParams();
    for (const key in config || {}) {
      let value = config[key];
      if (KEYS.indexOf(key) < 0) {
        console.warn(NAME + '"' + key + '" is not an option (' + KEYS.join(', ') + '); ignored');
      } else if (value != null) {
        params.set(key, Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
    }
    if (/^\s*transparent\s*$/i.test(params.get('theme') || '')) params.set('background', backdrop(element));
    // The origin the frame may talk to. An opaque origin (a sandbox without allow-same-origin) has none: the
    // widget still works in its frame, but cannot report its size or events.
    const here = self.origin;
    if (here === 'null') console.warn(NAME + 'this page has an opaque origin (sandbox without allow-same-origin): the widget cannot report its size or events');
    else params.set('parent', here);
    const frame = document.createElement('iframe');
    // CSSOM, not a style attribute: allowed by a strict style-src; "important" beats host rules such as
    // "* { all: unset !important }".
    const css = (name, value) => frame.style.setProperty(name, value, 'important');
    css('display', 'block');
    css('width', '100%');
    css('max-width', '100%');
    css('min-width', '0');
    css('border', '0');
    css('margin', '0');
    css('padding', '0');
    css('height', '24rem');
    css('overflow', 'hidden');
    css('visibility', 'visible');
    frame.title = TITLES[/^\s*en/i.test(params.get('lang') || '') ? 'en' : 'fr'];
    frame.setAttribute('allow', 'clipboard-write');
    frame.referrerPolicy = 'no-referrer';
    frame.src = page.href + '#' + params;
    const onMessage = (event) => {
      const data = event.data;
      if (event.origin !== origin || event.source !== frame.contentWindow || !data || data.source !== SOURCE) return;
      if (data.type === 'resize') {
        const height = Math.ceil(+data.height);
        if (height >= 0 && height < 1e5) css('height', height + 'px');
      } else if (data.type === 'title') {
        frame.title = String(data.title).slice(0, 200);
      } else if (EVENTS.indexOf(data.type) >= 0) {
        const detail = data.type === 'step' ? { step: String(data.step) } : {};
        frame.dispatchEvent(new CustomEvent('lic:' + data.type, { bubbles: true, detail }));
      }
    };
    window.addEventListener('message', onMessage);
    frame.addEventListener('load', () => {
      if (frame.contentWindow) frame.contentWindow.postMessage({ source: SOURCE, type: 'measure' }, origin);
    });
    if (before) element.insertBefore(frame, before);
    else element.appendChild(frame);
    return {
      frame,
      unmount() {
        window.removeEventListener('message', onMessage);
        frame.remove();
      },
    };
  }

  if (!window.loanInsuranceCheck) {
    window.loanInsuranceCheck = { mount: (element, config) => mount(element, config) };
  }
  if (script.getAttribute('data-mount') === 'manual') return;
  const config = {};
  for (const attribute of script.attributes) {
    const name = attribute.name;
    if (name.slice(0, 5) !== 'data-' || name === 'data-mount') continue;
    const key = name.slice(5);
    // A misspelt option (data-colour, data-language...) is worth a word; other data- attributes are the page's own.
    const near = KEYS.find((k) => key.includes(k) || (key.length > 3 && k.includes(key))
      || (key.length === k.length && [...key].filter((c, i) => c !== k[i]).length === 1)
      || (Math.abs(key.length - k.length) === 1 && [...key].filter((c) => !k.includes(c)).length + [...k].filter((c) => !key.includes(c)).length <= 1));
    if (KEYS.indexOf(key) >= 0) config[key] = attribute.value;
    else if (near) console.warn(NAME + 'attribute ' + name + ' is not an option; did you mean data-' + near + '? Ignored');
  }
  const parent = script.parentNode;
  if (!parent || parent === document.head || parent.nodeType !== 1) {
    console.warn(NAME + 'put the <script> in the body, where the widget should appear; it is added at the end of the page');
    mount(document.body, config);
  } else {
    mount(parent, config, script.nextSibling);
  }
})();
