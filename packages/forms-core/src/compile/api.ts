import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type SchemaDoc, type SchemaNode, type SchemaRegistry } from './registry.js';

/** The dialect every API schema declares, as the procedures do. */
const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** A name becomes a TypeScript type, an export of the validators module and an OpenAPI component. */
const NAME = /^[A-Z][A-Za-z0-9]*$/;
/** What a schema without a title may hold: definitions that the bodies refer to, nothing to validate. */
const DEFINITIONS_KEYWORDS = new Set(['$schema', '$id', 'description', '$defs']);

/** One schema of `schemas/api/`: a request or response body, or definitions the bodies share. */
export interface ApiSchema {
  readonly doc: SchemaDoc;
  /** The schema's `title` (its type, validator and OpenAPI component), or its file's name in PascalCase. */
  readonly name: string;
  /** A body (it has a title): it gets a type in `ApiBodies` and a validator. */
  readonly body: boolean;
}

/** The API's schemas, checked, and the one schema the type generator reads for all of them. */
export interface CompiledApi {
  readonly schemas: readonly ApiSchema[];
  /** `ApiBodies` (each body by name) with every API schema in its `$defs`, every `$ref` pointing inside. */
  readonly typesSchema: SchemaNode;
}

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const baseName = (file: string): string => file.replace(/^.*\//, '').replace(/\.schema\.json$/, '');

const escapeSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks the schemas of `api/`: the dialect, an `$id` naming its own file, a title that can be
 * a type name (unique), and `$ref`s only to API schemas. Problems go to `issues`.
 */
export function compileApi(registry: SchemaRegistry, issues: IssueCollector): CompiledApi {
  const schemas: ApiSchema[] = [];
  const names = new Map<string, string>();
  for (const doc of registry.api()) {
    const { root, file } = doc;
    if (root['$schema'] !== DIALECT) issues.add(file, '/$schema', `an API schema must declare "$schema": "${DIALECT}"`);
    if (!doc.id.endsWith(`/${file}`)) issues.add(file, '/$id', `$id must end with its own path, /${file}`);
    const title = root['title'];
    if (title !== undefined && (typeof title !== 'string' || !NAME.test(title))) {
      issues.add(file, '/title', 'the title must be a type name in PascalCase (letters and digits)');
      continue;
    }
    if (title === undefined) {
      for (const k of Object.keys(root).filter((k) => !DEFINITIONS_KEYWORDS.has(k))) {
        issues.add(file, joinPointer('', k), 'a schema without a title holds only $defs: give a body a title');
      }
    }
    const name = typeof title === 'string' ? title : pascal(baseName(file));
    const other = names.get(name);
    if (other) issues.add(file, '/title', `the name ${name} is also ${other}'s`);
    names.set(name, file);
    schemas.push({ doc, name, body: title !== undefined });
  }
  const byId = new Map(schemas.map((s) => [s.doc.id, s]));
  const defs: SchemaNode = {};
  for (const s of schemas) defs[s.name] = forTypes(s.doc, byId, issues);
  const bodies = schemas.filter((s) => s.body).map((s) => s.name);
  return {
    schemas,
    typesSchema: {
      title: 'ApiBodies',
      description: 'Every body of the HTTP API, by name',
      type: 'object',
      properties: Object.fromEntries(bodies.map((n) => [n, { $ref: `#/$defs/${escapeSegment(n)}` }])),
      required: bodies,
      additionalProperties: false,
      $defs: defs,
    },
  };
}

/**
 * A schema as the type generator should see it: inside the combined schema's `$defs`, so every
 * `$ref` (to itself or to another API schema) points there; no `$id` or `$schema`; without the
 * branches that only require members (`oneOf: [{required: [a]}, {required: [b]}]`), which say
 * nothing about types and would become an index-signature type of their own; and objects that
 * name no members open (the generator's default closes them).
 */
function forTypes(doc: SchemaDoc, byId: ReadonlyMap<string, ApiSchema>, issues: IssueCollector): SchemaNode {
  const onlyRequires = (s: unknown): boolean =>
    isNode(s) && Object.keys(s).every((k) => k === 'required' || k === 'not' || k === 'description');
  const walk = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((n, i) => walk(n, joinPointer(pointer, i)));
    if (!isNode(node)) return node;
    const out: SchemaNode = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$id' || k === '$schema') continue;
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples' || k === 'required') {
        out[k] = v;
      } else if (k === '$ref' && typeof v === 'string') {
        out[k] = rewriteRef(v, doc, byId) ?? v;
        if (out[k] === v) issues.add(doc.file, joinPointer(pointer, k), `$ref "${v}" is not an API schema`);
      } else if ((k === 'oneOf' || k === 'anyOf' || k === 'allOf') && Array.isArray(v)) {
        const kept = v.filter((s) => !onlyRequires(s));
        if (kept.length > 0) out[k] = kept.map((s) => walk(s, joinPointer(pointer, k, v.indexOf(s))));
      } else if (k === 'properties' || k === '$defs') {
        out[k] = Object.fromEntries(
          Object.entries(v as SchemaNode).map(([n, s]) => [n, walk(s, joinPointer(pointer, k, n))]),
        );
      } else {
        out[k] = walk(v, joinPointer(pointer, k));
      }
    }
    // An object schema that names no members (form data, a sender): any members, as JSON Schema says.
    const names = ['properties', 'additionalProperties', 'patternProperties', '$ref', 'allOf', 'anyOf', 'oneOf'];
    if (out['type'] === 'object' && names.every((k) => !(k in out))) out['additionalProperties'] = true;
    return out;
  };
  return walk(doc.root, '') as SchemaNode;
}

/** `other.schema.json#/$defs/x` → `#/$defs/<Other>/$defs/x`: the same schema inside the combined one. */
function rewriteRef(ref: string, from: SchemaDoc, byId: ReadonlyMap<string, ApiSchema>): string | undefined {
  let url: URL;
  try {
    url = new URL(ref, from.id);
  } catch {
    return undefined;
  }
  const fragment = url.hash.slice(1);
  url.hash = '';
  const target = byId.get(url.href);
  if (!target || (fragment !== '' && !fragment.startsWith('/'))) return undefined;
  return `#/$defs/${escapeSegment(target.name)}${fragment}`;
}
