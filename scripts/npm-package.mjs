// Builds the npm package of the widget from the release (target/site, after ./scripts/build.sh) into
// target/npm/loan-insurance-check/: the versioned files and files.json, an ES module entry (index.js) that defines
// <loan-insurance-check> and exports mount, TypeScript declarations (index.d.ts: the configuration, the handle, the
// events, with HTMLElementEventMap augmented), a Custom Elements Manifest (custom-elements.json) and its README.
// Usage: node scripts/npm-package.mjs [site] [out]   (then `npm pack` in the output folder)
//
// The names in the declarations and the manifest are read from their one source, never retyped here: the
// configuration keys from www/embed.js (LIC_KEYS, which tests/ecosystem/npm.test.mjs checks against src/embed.rs's
// Config), the event names from src/embed.rs (HostEvent → "name") and the send module ("lic:payload"), the themes
// from src/theme.rs (ThemeMode::NAMES), the claim ids from www/integrate.js (checked against the engine by
// src/theme/config.rs), and the descriptions from src/i18n/en.law.msg (claim titles).
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMessages } from './integrate-page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');

/** The string items of the array literal that follows `marker` in `text`. */
function listAfter(text, marker, label) {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`npm-package.mjs: no ${marker} in ${label}`);
  const from = at + marker.length;
  const items = [...text.slice(from, text.indexOf(']', from)).matchAll(/['"]([a-z_]+)['"]/g)].map((m) => m[1]);
  if (!items.length) throw new Error(`npm-package.mjs: the list after ${marker} in ${label} is empty`);
  return items;
}

/** The names the package's types and manifest are made of, from their sources. */
export function apiNames() {
  const embedJs = read('www/embed.js');
  const keys = listAfter(embedJs, 'const LIC_KEYS = [', 'www/embed.js');
  const events = [...read('src/embed.rs').matchAll(/HostEvent::\w+(?:\([^)]*\))?\s*=>\s*(?:\{[^"]*)?"([a-z]+)"/g)].map((m) => `lic:${m[1]}`);
  if (events.length < 4) throw new Error(`npm-package.mjs: found only ${events.join(', ')} in src/embed.rs`);
  if (/"lic:payload"/.test(read('src/ui/browser/deliver.rs'))) events.push('lic:payload');
  const themes = listAfter(read('src/theme.rs'), 'pub const NAMES: [&\'static str; 4] = [', 'src/theme.rs');
  const claims = listAfter(read('www/integrate.js'), 'const CLAIMS = [', 'www/integrate.js');
  return { keys, events, themes, claims };
}

const DOC = {
  lang: 'The language: fr or en (fr-FR, EN... are read too). Default fr.',
  color: 'A brand colour: #rrggbb, #rgb, rgb() or hsl(); below 4.5:1 contrast it is darkened or lightened, keeping its hue.',
  theme: 'auto (the visitor\'s light or dark preference), light, dark, or transparent (no background). Default auto.',
  manifest: 'A campaign manifest: an https:// address, or an inline JSON object (a string or an object here).',
  claims: 'Claim ids to feature first in the result (an array, or a comma-separated string).',
  events: 'What the step events say: coarse (default: start, question, review, result, sent, no question id) or detailed (the question ids too; never to a host page on another origin in iframe mode).',
};
const EVENT_DOC = {
  'lic:ready': 'The widget is on show.',
  'lic:step': 'A new screen: detail.step is start, question, review or result; with events: detailed, question:<id> (ids only, never answers).',
  'lic:result': 'The visitor reached the result.',
  'lic:sent': 'The result was sent to the campaign (no data).',
  'lic:payload': 'Delivery "event" of a campaign manifest: detail is the payload v1 the visitor agreed to send.',
};
const union = (names) => names.map((n) => `'${n}'`).join(' | ');

function declarations({ keys, events, themes, claims }) {
  const type = { lang: "'fr' | 'en' | (string & {})", color: 'string', theme: 'LoanInsuranceCheckTheme', manifest: 'string | Record<string, unknown>', claims: 'LoanInsuranceCheckClaim[] | string', events: "'coarse' | 'detailed'" };
  for (const key of keys) if (!type[key] || !DOC[key]) throw new Error(`npm-package.mjs: no type or words for the option "${key}": add them`);
  const detail = { 'lic:step': '{ step: string }', 'lic:payload': 'Record<string, unknown>' };
  for (const event of events) if (!EVENT_DOC[event]) throw new Error(`npm-package.mjs: no words for the event "${event}": add them`);
  return `// Types of loan-insurance-check, written by scripts/npm-package.mjs from the widget's sources.

/** A theme of the widget. */
export type LoanInsuranceCheckTheme = ${union(themes)};

/** A claim id, as data-claims and the claims option accept them. */
export type LoanInsuranceCheckClaim = ${union(claims)};

/** The configuration: the same keys as the element's data- attributes. */
export interface LoanInsuranceCheckConfig {
${keys.map((k) => `  /** ${DOC[k]} */\n  ${k}?: ${type[k]};`).join('\n')}
}

/** What mount() returns at once. */
export interface LoanInsuranceCheckHandle {
  /** The element the widget lives in (events are dispatched on it and bubble). */
  readonly element: HTMLDivElement;
  /** Resolves once the widget is on show. */
  readonly ready: Promise<LoanInsuranceCheckHandle>;
  /** Removes the widget and frees its memory. */
  unmount(): void;
}

/** The events of the widget, on its element (ids only: no answer, no amount). */
export interface LoanInsuranceCheckEventMap {
${events.map((e) => `  /** ${EVENT_DOC[e]} */\n  '${e}': CustomEvent<${detail[e] ?? 'Record<string, never>'}>;`).join('\n')}
}

/** The <loan-insurance-check> element (defined when this module is imported). */
export declare class LoanInsuranceCheckElement extends HTMLElement {
  addEventListener<K extends keyof LoanInsuranceCheckEventMap>(type: K, listener: (this: LoanInsuranceCheckElement, ev: LoanInsuranceCheckEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Mounts a widget at the end of \`element\`. */
export declare function mount(element: Element, config?: LoanInsuranceCheckConfig): LoanInsuranceCheckHandle;

/** Kept for pages written against the first release: mount(), resolved once on show. */
export declare function mountWidget(element: Element, config?: LoanInsuranceCheckConfig): Promise<LoanInsuranceCheckHandle>;

declare global {
  interface HTMLElementEventMap extends LoanInsuranceCheckEventMap {}
  interface HTMLElementTagNameMap {
    'loan-insurance-check': LoanInsuranceCheckElement;
  }
}
`;
}

function customElementsManifest({ keys, events }, version) {
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [{
      kind: 'javascript-module',
      path: 'index.js',
      declarations: [
        {
          kind: 'class',
          name: 'LoanInsuranceCheckElement',
          tagName: 'loan-insurance-check',
          customElement: true,
          superclass: { name: 'HTMLElement' },
          description: `A French borrower's check of their loan insurance rights, run in the browser (version ${version}). Renders in its own shadow root.`,
          attributes: keys.map((k) => ({ name: `data-${k}`, type: { text: 'string' }, description: DOC[k] })),
          events: events.map((e) => ({ name: e, type: { text: 'CustomEvent' }, description: EVENT_DOC[e] })),
        },
        {
          kind: 'function',
          name: 'mount',
          description: 'Mounts a widget at the end of element; returns { element, ready, unmount() } at once.',
          parameters: [{ name: 'element', type: { text: 'Element' } }, { name: 'config', optional: true, type: { text: 'LoanInsuranceCheckConfig' } }],
          return: { type: { text: 'LoanInsuranceCheckHandle' } },
        },
      ],
      exports: [
        { kind: 'js', name: 'mount', declaration: { name: 'mount', module: 'index.js' } },
        { kind: 'js', name: 'mountWidget', declaration: { name: 'mountWidget', module: 'index.js' } },
        { kind: 'custom-element-definition', name: 'loan-insurance-check', declaration: { name: 'LoanInsuranceCheckElement', module: 'index.js' } },
      ],
    }],
  };
}

function readme(names, manifest) {
  const claims = readMessages(join(ROOT, 'src', 'i18n', 'en.law.msg'));
  return `# loan-insurance-check

A widget that tells a French borrower, privately in their browser, which money-back claims they have about their
loan's borrower insurance (*assurance emprunteur*). Rust compiled to WebAssembly; nothing leaves the visitor's device
unless they choose to send it. Version ${manifest.version}.

\`\`\`sh
npm install loan-insurance-check
\`\`\`

## In markup

\`\`\`js
import 'loan-insurance-check';   // defines <loan-insurance-check>
\`\`\`

\`\`\`html
<loan-insurance-check data-lang="fr" data-color="#005a9c"></loan-insurance-check>
\`\`\`

## From JavaScript or TypeScript

\`\`\`ts
import { mount, type LoanInsuranceCheckConfig } from 'loan-insurance-check';

const config: LoanInsuranceCheckConfig = { lang: 'en', theme: 'dark', claims: ['after_payoff'] };
const handle = mount(document.querySelector('#here')!, config);
handle.element.addEventListener('lic:step', (event) => console.log(event.detail.step));
await handle.ready;
handle.unmount();
\`\`\`

Bundlers that follow \`new URL('…', import.meta.url)\` (Vite, which this package is tested with; webpack 5) copy the
WebAssembly next to your bundle; it is fetched with its integrity checked. Otherwise, serve the package's \`www/\`
folder and import \`www/embed-<hash>.js\` from there.

## Options (data- attributes, or keys of mount's config)

${names.keys.map((k) => `- \`${k}\` (\`data-${k}\`): ${DOC[k]}`).join('\n')}

Claim ids: ${names.claims.map((c) => `\`${c}\` (${claims[`claim.${c}.title`] ?? c})`).join('; ')}.

## Events (on the element; they bubble)

${names.events.map((e) => `- \`${e}\`: ${EVENT_DOC[e]}`).join('\n')}

Types: \`index.d.ts\` (these events are added to \`HTMLElementEventMap\`). Custom Elements Manifest:
\`custom-elements.json\`. The shipped files and their Subresource Integrity hashes: \`files.json\` (\`www/\` also holds
the iframe page and loader, to host yourself).

## Content-Security-Policy

The page needs \`script-src 'wasm-unsafe-eval'\` (plus where your bundle comes from) and \`connect-src\` for where
the \`.wasm\` is served. Nothing for \`style-src\`: the styles are constructable stylesheets.
`;
}

export function buildPackage(site = join(ROOT, 'target', 'site'), out = join(ROOT, 'target', 'npm', 'loan-insurance-check')) {
  const manifest = JSON.parse(readFileSync(join(site, 'www', 'files.json'), 'utf8'));
  const names = apiNames();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'www', 'pkg'), { recursive: true });
  for (const file of Object.values(manifest.files)) copyFileSync(join(site, file.path), join(out, file.path));
  writeFileSync(join(out, 'files.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const embed = `./${manifest.files.embed.path}`;
  writeFileSync(join(out, 'index.js'), `// loan-insurance-check ${manifest.version}: importing this module defines <loan-insurance-check>.\nexport { mount, mountWidget } from '${embed}';\n`);
  writeFileSync(join(out, 'index.d.ts'), declarations(names));
  writeFileSync(join(out, 'custom-elements.json'), `${JSON.stringify(customElementsManifest(names, manifest.version), null, 2)}\n`);
  writeFileSync(join(out, 'README.md'), readme(names, manifest));
  const pkg = {
    name: 'loan-insurance-check',
    version: manifest.version,
    description: "A French borrower's loan insurance rights check, in the browser (WebAssembly custom element).",
    type: 'module',
    main: './index.js',
    module: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './files.json': './files.json',
      './custom-elements.json': './custom-elements.json',
      './www/*': './www/*',
    },
    customElements: 'custom-elements.json',
    sideEffects: ['./index.js', './www/*.js'],
    files: ['index.js', 'index.d.ts', 'files.json', 'custom-elements.json', 'www/', 'README.md'],
    keywords: ['web-component', 'custom-element', 'webassembly', 'insurance', 'france'],
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(buildPackage(process.argv[2], process.argv[3]));
}
