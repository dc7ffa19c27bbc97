// loan-insurance-check: the in-page loader.
// <script type="module" src=".../embed.js"></script> then <loan-insurance-check data-lang="fr"></loan-insurance-check>
// Defines the custom element; each one renders the widget inside its own shadow root.
// Loads the WebAssembly once for the whole page, whatever the number of widgets.
import init, { mount } from './pkg/loan_insurance_check.js';

let ready = null;
const load = () => (ready ??= init({ module_or_path: new URL('./pkg/loan_insurance_check_bg.wasm', import.meta.url) }));

const ATTRIBUTES = ['data-lang'];

class LoanInsuranceCheck extends HTMLElement {
  connectedCallback() {
    if (this._handle || this._pending) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    root.replaceChildren(container);
    const config = {};
    for (const name of ATTRIBUTES) {
      if (this.hasAttribute(name)) config[name.slice(5)] = this.getAttribute(name);
    }
    this._pending = load().then(() => {
      this._pending = null;
      if (this.isConnected) this._handle = mount(container, config);
    }, (error) => {
      this._pending = null;
      console.error('loan-insurance-check: the widget could not start', error);
    });
  }

  disconnectedCallback() {
    if (this._handle) {
      this._handle.unmount();
      this._handle.free();
      this._handle = null;
    }
  }
}

if (!customElements.get('loan-insurance-check')) {
  customElements.define('loan-insurance-check', LoanInsuranceCheck);
}

/** For developers: mount(element, { lang }) → handle with unmount(). */
export async function mountWidget(element, config = {}) {
  await load();
  return mount(element, config);
}
