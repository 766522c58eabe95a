import { formatWarnings } from '../formats/index.js';
import { PL_MESSAGES } from '../runtime/messages/pl.js';
import type { Text } from '../runtime/types.js';
import { KNOWN_FORMATS } from '../runtime/validator-formats.js';
import type { AnnotationChecker } from './annotations.js';
import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type Located, type SchemaRegistry } from './registry.js';

/** Keywords that validate a value and therefore need a message a resident can read. */
const VALIDATION_KEYWORDS = new Set(
  Object.keys(PL_MESSAGES.keywords)
    .filter((k) => k !== 'false' && k !== 'format')
    .concat('format'),
);

/** Keywords that structure or annotate a schema; their sub-schemas carry the messages. */
const STRUCTURAL_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  '$comment',
  'properties',
  'items',
  'allOf',
  'if',
  'then',
  'else',
  'x-ebok',
  'x-ebok-procedure',
  'x-ebok-error',
]);

const SUBSCHEMA_MAPS = ['properties', '$defs'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

export interface WalkFacts {
  /** `x-ebok-error` messages keyed by `<data path pattern> <keyword>`. */
  readonly messages: Record<string, Array<{ at: string; text: Text }>>;
  /** Fields whose format has a warning check. */
  readonly warnings: Array<{ path: string; format: string }>;
}

/**
 * Walks a schema and everything it references: reports unknown keywords and formats and bad
 * annotations, and collects what the validator needs per data path (custom messages, warnings).
 */
export class SchemaWalker {
  constructor(
    private readonly registry: SchemaRegistry,
    private readonly annotations: AnnotationChecker,
    private readonly issues: IssueCollector,
  ) {}

  walkProcedure(root: Located): WalkFacts {
    const facts: WalkFacts = { messages: {}, warnings: [] };
    this.walk(root, '', false, facts, new Set());
    return facts;
  }

  /** Checks every `$defs` entry of a shared document, used or not. */
  checkCommon(root: Located): void {
    this.walk(root, '', true, { messages: {}, warnings: [] }, new Set());
  }

  private walk(loc: Located, dataPath: string, inert: boolean, facts: WalkFacts, seen: Set<string>): void {
    const key = `${loc.doc.id}#${loc.pointer}@${dataPath}@${inert}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { node, doc, pointer } = loc;
    const file = doc.file;

    for (const k of Object.keys(node)) {
      if (k === 'title' || k === 'description') {
        this.issues.add(file, joinPointer(pointer, k), `use x-ebok labels and hints (pl, en, uk) instead of "${k}"`);
      } else if (!VALIDATION_KEYWORDS.has(k) && !STRUCTURAL_KEYWORDS.has(k)) {
        this.issues.add(file, joinPointer(pointer, k), `unsupported keyword "${k}"`);
      }
    }

    const format = node['format'];
    if (format !== undefined) {
      if (typeof format !== 'string' || !KNOWN_FORMATS.includes(format)) {
        this.issues.add(
          file,
          joinPointer(pointer, 'format'),
          `unknown format "${String(format)}" (known: ${KNOWN_FORMATS.join(', ')})`,
        );
      } else if (
        !inert &&
        formatWarnings[format] &&
        !facts.warnings.some((w) => w.path === dataPath && w.format === format)
      ) {
        facts.warnings.push({ path: dataPath, format });
      }
    }

    if (node['x-ebok'] !== undefined) {
      this.annotations.checkField(node['x-ebok'], file, joinPointer(pointer, 'x-ebok'), this.issues);
    }
    if (node['x-ebok-error'] !== undefined) {
      const ok = this.annotations.checkError(
        node['x-ebok-error'],
        file,
        joinPointer(pointer, 'x-ebok-error'),
        this.issues,
      );
      if (ok && !inert) {
        for (const k of Object.keys(node)) {
          if (!VALIDATION_KEYWORDS.has(k)) continue;
          const list = (facts.messages[`${dataPath} ${k}`] ??= []);
          if (!list.some((m) => m.at === pointer)) list.push({ at: pointer, text: node['x-ebok-error'] as Text });
        }
      }
    }

    const visit = (child: unknown, childPointer: string, childPath: string, childInert: boolean): void => {
      if (typeof child === 'boolean') return;
      if (!isNode(child)) {
        this.issues.add(file, childPointer, 'a sub-schema must be an object or a boolean');
        return;
      }
      this.walk({ doc, pointer: childPointer, node: child }, childPath, childInert, facts, seen);
    };

    for (const mapKey of SUBSCHEMA_MAPS) {
      const map = node[mapKey];
      if (map === undefined) continue;
      if (!isNode(map)) {
        this.issues.add(file, joinPointer(pointer, mapKey), `"${mapKey}" must be an object`);
        continue;
      }
      for (const [name, child] of Object.entries(map)) {
        // $defs are checked where they are used (with their data path) and once as a shared block.
        if (mapKey === '$defs') {
          if (inert) visit(child, joinPointer(pointer, mapKey, name), '', true);
          continue;
        }
        visit(child, joinPointer(pointer, mapKey, name), joinPointer(dataPath, name), inert);
      }
    }
    for (const listKey of SUBSCHEMA_LISTS) {
      const list = node[listKey];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        this.issues.add(file, joinPointer(pointer, listKey), `"${listKey}" must be an array`);
        continue;
      }
      list.forEach((child, i) => visit(child, joinPointer(pointer, listKey, i), dataPath, inert));
    }
    if (node['items'] !== undefined) visit(node['items'], joinPointer(pointer, 'items'), `${dataPath}/*`, inert);
    if (node['contains'] !== undefined)
      visit(node['contains'], joinPointer(pointer, 'contains'), `${dataPath}/*`, true);
    if (isNode(node['additionalProperties'])) {
      visit(node['additionalProperties'], joinPointer(pointer, 'additionalProperties'), `${dataPath}/*`, inert);
    }
    // Errors inside `if` and `not` are never shown to a resident: check them, collect nothing.
    if (node['if'] !== undefined) visit(node['if'], joinPointer(pointer, 'if'), dataPath, true);
    if (node['not'] !== undefined) visit(node['not'], joinPointer(pointer, 'not'), dataPath, true);
    for (const k of ['then', 'else'] as const) {
      if (node[k] !== undefined) visit(node[k], joinPointer(pointer, k), dataPath, inert);
    }

    if (node['$ref'] !== undefined) {
      const target = this.registry.resolveRef(loc, this.issues);
      if (target) this.walk(target, dataPath, inert, facts, seen);
    }
  }
}
