import type { Condition, Json } from './types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality as JSON Schema's `const` and `enum` define it. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Evaluates a compiled `if` condition against a value, with JSON Schema's semantics. */
export function evaluateCondition(condition: Condition, value: unknown): boolean {
  switch (condition.kind) {
    case 'true':
      return true;
    case 'all':
      return condition.of.every((c) => evaluateCondition(c, value));
    case 'any':
      return condition.of.some((c) => evaluateCondition(c, value));
    case 'not':
      return !evaluateCondition(condition.of, value);
    case 'required':
      return !isObject(value) || condition.names.every((n) => Object.hasOwn(value, n));
    case 'property':
      return (
        !isObject(value) ||
        !Object.hasOwn(value, condition.name) ||
        evaluateCondition(condition.test, value[condition.name])
      );
    case 'has':
      return (
        !isObject(value) ||
        (Object.hasOwn(value, condition.name) && evaluateCondition(condition.test, value[condition.name]))
      );
    case 'const':
      return jsonEqual(value, condition.value);
    case 'enum':
      return condition.values.some((v: Json) => jsonEqual(value, v));
    case 'contains':
      return !Array.isArray(value) || value.some((item) => evaluateCondition(condition.test, item));
  }
}
