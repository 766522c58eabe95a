import type { Condition, Json } from '../runtime/types.js';
import { type IssueCollector, joinPointer } from './issues.js';
import { isNode, type Located, type SchemaRegistry } from './registry.js';

const all = (of: Condition[]): Condition => (of.length === 1 ? of[0]! : { kind: 'all', of });

/**
 * Compiles an `if` schema into a condition the form can evaluate without a validator. Only the
 * keywords a form needs are allowed (see docs/schema-authoring.md); anything else is reported.
 */
export function parseCondition(loc: Located, registry: SchemaRegistry, issues: IssueCollector): Condition {
  const { node, doc, pointer } = loc;
  const parts: Condition[] = [];
  const sub = (key: string, child: unknown, childPointer: string): Condition => {
    if (child === true) return { kind: 'true' };
    if (child === false) return { kind: 'not', of: { kind: 'true' } };
    if (!isNode(child)) {
      issues.add(doc.file, childPointer, `"${key}" in a condition must be a schema`);
      return { kind: 'true' };
    }
    return parseCondition({ doc, pointer: childPointer, node: child }, registry, issues);
  };
  for (const [key, value] of Object.entries(node)) {
    const at = joinPointer(pointer, key);
    switch (key) {
      case 'properties':
        if (!isNode(value)) {
          issues.add(doc.file, at, '"properties" must be an object');
          break;
        }
        for (const [name, child] of Object.entries(value)) {
          parts.push({ kind: 'property', name, test: sub(key, child, joinPointer(at, name)) });
        }
        break;
      case 'required':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
          issues.add(doc.file, at, '"required" must be an array of property names');
          break;
        }
        parts.push({ kind: 'required', names: value });
        break;
      case 'const':
        parts.push({ kind: 'const', value: value as Json });
        break;
      case 'enum':
        if (!Array.isArray(value)) {
          issues.add(doc.file, at, '"enum" must be an array');
          break;
        }
        parts.push({ kind: 'enum', values: value as Json[] });
        break;
      case 'contains':
        parts.push({ kind: 'contains', test: sub(key, value, at) });
        break;
      case 'not':
        parts.push({ kind: 'not', of: sub(key, value, at) });
        break;
      case 'allOf':
      case 'anyOf':
        if (!Array.isArray(value) || value.length === 0) {
          issues.add(doc.file, at, `"${key}" must be a non-empty array`);
          break;
        }
        parts.push({
          kind: key === 'allOf' ? 'all' : 'any',
          of: value.map((child, i) => sub(key, child, joinPointer(at, i))),
        });
        break;
      case '$ref': {
        const target = registry.resolveRef(loc, issues);
        if (target) parts.push(parseCondition(target, registry, issues));
        break;
      }
      case '$comment':
        break;
      default:
        issues.add(
          doc.file,
          at,
          `"${key}" is not supported in a condition (use properties with const/enum/contains, required, not, allOf, anyOf)`,
        );
    }
  }
  return parts.length === 0 ? { kind: 'true' } : all(hasProperties(parts));
}

/**
 * `properties: {x: …}, required: [x]`, the way schemas say "x is there and is …", as one `has`
 * condition: the same test in less of what each form downloads.
 */
function hasProperties(parts: Condition[]): Condition[] {
  const required = parts.find((p) => p.kind === 'required');
  if (!required) return parts;
  const names = new Set(required.names);
  const out = parts.map((p): Condition => {
    if (p.kind !== 'property' || !names.has(p.name)) return p;
    names.delete(p.name);
    return { kind: 'has', name: p.name, test: p.test };
  });
  const rest = required.names.filter((n) => names.has(n));
  return rest.length === required.names.length
    ? out
    : out.flatMap((p) => (p !== required ? [p] : rest.length ? [{ kind: 'required', names: rest }] : []));
}
