import {
  escapePointerSegment,
  evaluateCondition,
  type BrowserFieldModel,
  type Json,
} from '@ebok/forms-core/runtime/base';

export type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer, or undefined. */
export function getAt(data: Json | undefined, pointer: string): Json | undefined {
  let cur: Json | undefined = data;
  for (const s of segments(pointer)) {
    if (Array.isArray(cur)) cur = (cur as Json[])[Number(s)];
    else if (isObject(cur) && Object.hasOwn(cur, s)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/**
 * A copy of `data` with `value` at `pointer` (undefined removes it), creating objects on the way.
 * Copies only the path, so unchanged branches keep their identity.
 */
export function setAt(data: JsonObject, pointer: string, value: Json | undefined): JsonObject {
  const path = segments(pointer);
  const write = (node: Json | undefined, depth: number, nextIsIndex: boolean): Json | undefined => {
    if (depth === path.length) return value;
    const key = path[depth]!;
    const following = depth + 1 < path.length && /^\d+$/.test(path[depth + 1]!);
    if (Array.isArray(node) || (node === undefined && nextIsIndex)) {
      const copy = [...((node as Json[] | undefined) ?? [])];
      const child = write(copy[Number(key)], depth + 1, following);
      if (child === undefined) copy.splice(Number(key), 1);
      else copy[Number(key)] = child;
      return copy;
    }
    const copy: JsonObject = { ...(isObject(node) ? node : {}) };
    const child = write(copy[key], depth + 1, following);
    if (child === undefined) delete copy[key];
    else copy[key] = child;
    return copy;
  };
  return (write(data, 0, false) as JsonObject | undefined) ?? {};
}

/** Whether a field is shown, given the object that holds it (conditions are relative to it). */
export function isVisible(field: BrowserFieldModel, holder: Json | undefined): boolean {
  return !field.visibleWhen || evaluateCondition(field.visibleWhen, holder ?? {});
}

const isEmpty = (v: Json | undefined): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0);

/**
 * The data as it is submitted: fields hidden by a condition are left out (a resident who
 * answered and then changed their mind does not send the old answer), as are empty answers,
 * and text is trimmed.
 */
export function submittable(fields: readonly BrowserFieldModel[], data: Json | undefined): JsonObject {
  const out: JsonObject = {};
  if (!isObject(data)) return out;
  for (const field of fields) {
    if (!isVisible(field, data)) continue;
    const value = pruneField(field, data[field.name]);
    if (!isEmpty(value)) out[field.name] = value!;
  }
  return out;
}

function pruneField(field: BrowserFieldModel, value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  if (field.fields && isObject(value) && field.type === 'object') return submittable(field.fields, value);
  if (field.type === 'array' && Array.isArray(value)) {
    const items = value
      .map((item) =>
        field.fields && isObject(item)
          ? submittable(field.fields, item)
          : field.item
            ? pruneField(field.item, item)
            : item,
      )
      .filter((item) => !isEmpty(item)) as Json[];
    return items;
  }
  if (typeof value === 'string') return value.trim();
  return value;
}

/** Every field of a tree with its concrete pointer, the object holding it, visible ones only. */
export function* visibleFields(
  fields: readonly BrowserFieldModel[],
  data: Json | undefined,
  base = '',
): Generator<{ field: BrowserFieldModel; pointer: string; holder: Json | undefined }> {
  for (const field of fields) {
    if (!isVisible(field, data)) continue;
    const pointer = `${base}/${escapePointerSegment(field.name)}`;
    yield { field, pointer, holder: data };
    const value = isObject(data) ? data[field.name] : undefined;
    if (field.fields && field.type === 'object') yield* visibleFields(field.fields, value, pointer);
    if (field.type === 'array' && Array.isArray(value) && field.fields) {
      for (let i = 0; i < value.length; i++) yield* visibleFields(field.fields, value[i], `${pointer}/${i}`);
    }
  }
}
