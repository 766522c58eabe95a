/**
 * The loader (`/widgets/ebok.js`): the one script a web editor adds. It holds no components,
 * only a map of tags to chunks: when an `ebok-*` element appears on the page, the code for it
 * is loaded, so a page pays only for the forms it shows.
 */
import { controlTags } from './controls/tags.js';
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
  'ebok-applications': () => import('./applications/ebok-applications.js'),
  ...Object.fromEntries(Object.entries(procedureModules).map(([id, load]) => [`ebok-${id}`, load])),
  ...Object.fromEntries(controlTags.map((tag) => [tag, controls])),
};

const requested = new Set<string>();
/** Forms (and their procedures) whose code is on its way: the rest of the page waits for them. */
const formsLoading = new Set<Promise<unknown>>();

function load(tag: string): Promise<unknown> | undefined {
  const loader = modules[tag];
  if (!loader || requested.has(tag) || customElements.get(tag)) return undefined;
  requested.add(tag);
  return loader().catch((error: unknown) => {
    requested.delete(tag);
    console.error(`ebok: could not load <${tag}>`, error);
  });
}

const isForm = (tag: string) => tag === 'ebok-form' || Object.hasOwn(procedureModules, tag.slice('ebok-'.length));

function found(el: Element): void {
  const tag = el.localName;
  if (!tag.startsWith('ebok-')) return;
  if (!isForm(tag)) {
    // A certificate or a loose control comes after the forms on the page have rendered and been
    // painted (the frame after their code ran): what a resident came to fill in is interactive
    // first. (Asked once the whole page has been looked through, wherever the form stands on it.)
    queueMicrotask(() => {
      if (formsLoading.size === 0) load(tag);
      else
        void Promise.allSettled([...formsLoading]).then(() => requestAnimationFrame(() => setTimeout(() => load(tag))));
    });
    return;
  }
  // <ebok-form procedure="…"> will want its procedure: fetch it now, beside the form's own code.
  const procedure = tag === 'ebok-form' ? el.getAttribute('procedure') : null;
  for (const t of [tag, procedure && procedureModules[procedure] ? `ebok-${procedure}` : undefined]) {
    const loading = t && load(t);
    if (!loading) continue;
    formsLoading.add(loading);
    void loading.finally(() => formsLoading.delete(loading));
  }
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
