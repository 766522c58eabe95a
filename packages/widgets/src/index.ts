/**
 * The loader (`/widgets/ebok.js`): the one script a web editor adds. It holds no components,
 * only a map of tags to chunks: when an `ebok-*` element appears on the page, the code for it
 * is loaded, so a page pays only for the forms it shows.
 */
import { procedureModules } from './generated/elements/index.js';

declare global {
  var __ebokPreload: (load: () => Promise<unknown>, deps: readonly string[]) => Promise<unknown>;
}

// The bundle wraps each dynamic import below with the chunks it needs (see rollup.config.mjs):
// fetching them all at once saves a round trip per level of imports. Unbundled, it is a no-op.
const preloaded = new Set<string>();
globalThis.__ebokPreload = (load, deps) => {
  for (const dep of Array.isArray(deps) ? deps : []) {
    if (preloaded.has(dep)) continue;
    preloaded.add(dep);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(dep, import.meta.url).href;
    document.head.append(link);
  }
  return load();
};

const controls = (): Promise<unknown> => import('./controls/index.js');

const modules: Readonly<Record<string, () => Promise<unknown>>> = {
  'ebok-form': () => import('./form/ebok-form.js'),
  'ebok-certificate': () => import('./certificate/ebok-certificate.js'),
  ...Object.fromEntries(Object.entries(procedureModules).map(([id, load]) => [`ebok-${id}`, load])),
  ...Object.fromEntries(
    [
      'text-field',
      'textarea',
      'number-field',
      'date-field',
      'select',
      'radio-group',
      'checkbox',
      'checkbox-group',
      'repeatable',
      'address',
      'identifier-field',
      'file-field',
    ].map((name) => [`ebok-${name}`, controls]),
  ),
};

const requested = new Set<string>();

function load(tag: string): void {
  const loader = modules[tag];
  if (!loader || requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  loader().catch((error: unknown) => {
    requested.delete(tag);
    console.error(`ebok: could not load <${tag}>`, error);
  });
}

function found(el: Element): void {
  if (!el.localName.startsWith('ebok-')) return;
  load(el.localName);
  // <ebok-form procedure="…"> will want its procedure: fetch it now, beside the form's own code.
  const procedure = el.localName === 'ebok-form' ? el.getAttribute('procedure') : null;
  if (procedure && procedureModules[procedure]) load(`ebok-${procedure}`);
}

function discover(root: ParentNode): void {
  if (root instanceof Element) found(root);
  for (const el of root.querySelectorAll(':not(:defined)')) found(el);
}

discover(document);
new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === 'attributes' && r.target instanceof Element) found(r.target);
    for (const node of r.addedNodes) if (node instanceof Element) discover(node);
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['procedure'],
});

export {};
