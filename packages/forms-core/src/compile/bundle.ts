import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type SchemaDoc, type SchemaNode, type SchemaRegistry } from './registry.js';

const docBase = (doc: SchemaDoc): string => doc.file.replace(/^.*\//, '').replace(/\.schema\.json$/, '');

function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * A self-contained copy of a procedure schema: every shared block it uses is copied into its
 * `$defs` (as `<file>.<name>`) and every `$ref` points inside it. Served by the intake server
 * and fed to the type generator; any JSON Schema 2020-12 tool can use it without our files.
 */
export function bundleProcedure(doc: SchemaDoc, registry: SchemaRegistry, issues: IssueCollector): SchemaNode {
  const root = clone(doc.root);
  const defs: SchemaNode = isNode(root['$defs']) ? root['$defs'] : {};
  const included = new Set<string>();

  const keyFor = (target: SchemaDoc, name: string): string => (target === doc ? name : `${docBase(target)}.${name}`);

  const rewrite = (node: unknown, from: SchemaDoc, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => rewrite(child, from, joinPointer(pointer, i)));
      return;
    }
    if (!isNode(node)) return;
    for (const [k, child] of Object.entries(node)) {
      if (k === '$ref' && typeof child === 'string') {
        const target = registry.resolveRef({ doc: from, pointer, node }, issues);
        if (!target) continue;
        const name = target.pointer.replace('/$defs/', '');
        const key = keyFor(target.doc, name);
        node['$ref'] = `#/$defs/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!included.has(key) && target.doc !== doc) {
          included.add(key);
          const copy = clone(target.node);
          defs[key] = copy;
          rewrite(copy, target.doc, target.pointer);
        }
      } else if (!k.startsWith('x-ebok')) {
        rewrite(child, from, joinPointer(pointer, k));
      }
    }
  };
  rewrite(root, doc, '');
  if (Object.keys(defs).length > 0) root['$defs'] = defs;
  return root;
}

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export function typeNameFor(procedureId: string): string {
  return pascal(procedureId);
}

/**
 * The bundle reduced to what the type generator should see: no annotations or conditions
 * (types describe every field a document may have), labels as doc comments, named types for
 * shared object blocks and inlined shared scalars.
 */
export function typesSchema(bundle: SchemaNode, rootName: string): SchemaNode {
  const defs = isNode(bundle['$defs']) ? bundle['$defs'] : {};
  const isObjectDef = (key: string): boolean => {
    const d = defs[key];
    return isNode(d) && (d['type'] === 'object' || isNode(d['properties']));
  };
  const usedNames = new Set<string>([rootName]);
  const defTitles = new Map<string, string>();
  for (const key of Object.keys(defs)) {
    if (!isObjectDef(key)) continue;
    let title = pascal(key.replace(/^.*\./, ''));
    if (usedNames.has(title)) title = pascal(key);
    usedNames.add(title);
    defTitles.set(key, title);
  }

  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isNode(node)) return node;
    let out: SchemaNode = {};
    const label = isNode(node['x-ebok']) && isNode(node['x-ebok']['label']) ? node['x-ebok']['label'] : undefined;
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-ebok') || k === 'if' || k === 'then' || k === 'else' || k === '$schema' || k === '$id')
        continue;
      if (k === 'allOf') {
        const kept = (v as unknown[]).filter((s) => !(isNode(s) && 'if' in s)).map(strip);
        if (kept.length > 0) out[k] = kept;
        continue;
      }
      if (k === 'enum' || k === 'const' || k === 'required') {
        out[k] = v;
        continue;
      }
      out[k] =
        k === 'properties' || k === '$defs'
          ? Object.fromEntries(Object.entries(v as SchemaNode).map(([n, s]) => [n, strip(s)]))
          : strip(v);
    }
    const ref = out['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const key = ref.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObjectDef(key)) {
        // Shared scalars (a PESEL, a surname) read better inlined than as one-line aliases.
        const { $ref: _r, ...siblings } = out;
        out = { ...(strip(defs[key]) as SchemaNode), ...siblings };
      }
    }
    if (label) {
      const l = label as Record<string, string>;
      out['description'] = l['pl'] === l['en'] ? l['pl'] : `${l['pl']} (${l['en']})`;
    }
    return out;
  };

  const result = strip(bundle) as SchemaNode;
  result['title'] = rootName;
  const resultDefs: SchemaNode = {};
  for (const [key, title] of defTitles) {
    const d = strip(defs[key]) as SchemaNode;
    d['title'] = title;
    resultDefs[key] = d;
  }
  if (Object.keys(resultDefs).length > 0) result['$defs'] = resultDefs;
  else delete result['$defs'];
  return result;
}
