#!/usr/bin/env node
// Finds import cycles among the packages' sources (type-only imports count: a cycle of types is
// still two files that cannot be understood one without the other). Prints each cycle and exits
// 1 when there is one; part of `npm test`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const sources = ['packages/forms-core/src', 'packages/widgets/src', 'packages/office/src', 'packages/server/src'].map(
  (d) => join(root, d),
);

const files = sources.flatMap((dir) =>
  readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.test\.ts$/.test(f) && !f.includes('/generated/')),
);

// Static imports and re-exports with a relative specifier (dynamic import() loads later: no cycle).
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm;
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const deps = new Set();
  for (const [, specifier] of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
    if (existsSync(target)) deps.add(target);
  }
  graph.set(file, deps);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(v) {
  state.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!state.has(w)) {
      visit(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.has(v)) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!state.has(v)) visit(v);

if (cycles.length === 0) {
  console.log(`no import cycles in ${files.length} files`);
} else {
  for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(root, f)).join(' ↔ ')}`);
  console.error(`${cycles.length} import cycle(s): move what both sides need into a module of its own`);
  process.exit(1);
}
