import { IssueCollector, joinPointer } from './issues.js';

export type SchemaNode = Record<string, unknown>;

export interface SchemaSource {
  /**
   * Path for messages, relative to the schemas folder, e.g. `procedures/usc-odpis-aktu.schema.json`;
   * its folder says what it is: `procedures/`, `common/` (their shared blocks) or `api/` (HTTP bodies).
   */
  readonly file: string;
  readonly text: string;
}

export interface SchemaDoc {
  readonly file: string;
  readonly id: string;
  readonly kind: 'procedure' | 'common' | 'api';
  readonly root: SchemaNode;
}

/** A schema node together with where it lives, for messages and for resolving refs. */
export interface Located {
  readonly doc: SchemaDoc;
  readonly pointer: string;
  readonly node: SchemaNode;
}

export function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isNode(cur) && Object.hasOwn(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** All schema documents by `$id`, with `$ref` resolution that reports bad refs by file and pointer. */
export class SchemaRegistry {
  readonly docs = new Map<string, SchemaDoc>();

  static fromSources(sources: readonly SchemaSource[], issues: IssueCollector): SchemaRegistry {
    const registry = new SchemaRegistry();
    const byFile = new Map<string, string>();
    for (const source of sources) {
      let root: unknown;
      try {
        root = JSON.parse(source.text);
      } catch (e) {
        issues.add(source.file, '', `not valid JSON: ${(e as Error).message}`);
        continue;
      }
      if (!isNode(root)) {
        issues.add(source.file, '', 'a schema file must hold a JSON object');
        continue;
      }
      const id = root['$id'];
      if (typeof id !== 'string' || !/^https:\/\//.test(id)) {
        issues.add(source.file, '/$id', 'missing or non-https $id');
        continue;
      }
      const previous = registry.docs.get(id);
      if (previous) {
        issues.add(source.file, '/$id', `duplicate $id ${id}, also in ${previous.file}`);
        continue;
      }
      const kind = source.file.startsWith('procedures/')
        ? 'procedure'
        : source.file.startsWith('api/')
          ? 'api'
          : 'common';
      registry.docs.set(id, { file: source.file, id, kind, root });
      byFile.set(source.file, id);
    }
    return registry;
  }

  procedures(): SchemaDoc[] {
    return [...this.docs.values()].filter((d) => d.kind === 'procedure').sort((a, b) => a.file.localeCompare(b.file));
  }

  commons(): SchemaDoc[] {
    return [...this.docs.values()].filter((d) => d.kind === 'common').sort((a, b) => a.file.localeCompare(b.file));
  }

  /** The HTTP API's bodies (`api/`), by file. */
  api(): SchemaDoc[] {
    return [...this.docs.values()].filter((d) => d.kind === 'api').sort((a, b) => a.file.localeCompare(b.file));
  }

  at(doc: SchemaDoc, pointer: string): Located | undefined {
    const node = getAt(doc.root, pointer);
    return isNode(node) ? { doc, pointer, node } : undefined;
  }

  /**
   * Resolves the `$ref` of a located node. Refs must point at a `$defs` entry of a known
   * document (`#/$defs/x` or `other.schema.json#/$defs/x`), which keeps bundles and type
   * names simple. Reports and returns undefined otherwise.
   */
  resolveRef(from: Located, issues: IssueCollector): Located | undefined {
    const ref = from.node['$ref'];
    const where = joinPointer(from.pointer, '$ref');
    if (typeof ref !== 'string') {
      issues.add(from.doc.file, where, '$ref must be a string');
      return undefined;
    }
    let url: URL;
    try {
      url = new URL(ref, from.doc.id);
    } catch {
      issues.add(from.doc.file, where, `$ref "${ref}" is not a valid URI reference`);
      return undefined;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const doc = this.docs.get(url.href);
    if (!doc) {
      issues.add(from.doc.file, where, `$ref "${ref}" points at an unknown schema ${url.href}`);
      return undefined;
    }
    if (!/^\/\$defs\/[^/]+$/.test(fragment)) {
      issues.add(from.doc.file, where, `$ref "${ref}" must point at a $defs entry (…#/$defs/<name>)`);
      return undefined;
    }
    const target = this.at(doc, fragment);
    if (!target) {
      issues.add(from.doc.file, where, `$ref "${ref}" points at ${doc.file}#${fragment}, which does not exist`);
      return undefined;
    }
    return target;
  }
}
