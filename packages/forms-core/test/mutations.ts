// Documents for telling two validators apart: every example, changed in one place at a time.

/** A document and the attachments it declares, as an example gives them. */
export interface ExampleDocument {
  readonly data: unknown;
  readonly attachments: ReadonlyArray<{
    readonly name: string;
    readonly mediaType: string;
    readonly size: number;
    readonly sha256?: string;
  }>;
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A copy of `data` with the value at `path` replaced by `value` (undefined deletes it). */
function replaced(data: JsonValue, path: readonly (string | number)[], value: JsonValue | undefined): JsonValue {
  if (path.length === 0) return value === undefined ? null : value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(data)) {
    const copy = [...data];
    if (rest.length === 0 && value === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = replaced(copy[Number(head)]!, rest, value);
    return copy;
  }
  const copy = { ...(data as Record<string, JsonValue>) };
  if (rest.length === 0 && value === undefined) delete copy[head];
  else copy[head] = replaced(copy[head]!, rest, value);
  return copy;
}

/** Wrong values of every kind for one value: other types, empty, too long, out of range, unknown. */
function wrongValuesFor(value: JsonValue): JsonValue[] {
  const others: JsonValue[] = [null, true, 0, -1, 1.5, 1e12, '', ' ', 'x', 'x'.repeat(300), [], {}];
  if (typeof value === 'string') {
    others.push(`${value}!`, value.toUpperCase(), value.slice(1), `${value} `, '00-000', '2026-02-30', '12345678901');
  }
  if (typeof value === 'number') others.push(value + 1, value - 1, -value, String(value));
  if (typeof value === 'boolean') others.push(!value, String(value));
  if (Array.isArray(value) && value.length > 0) {
    others.push(
      [...value, value[0]!],
      Array.from({ length: 120 }, () => value[0]!),
      value.slice(1),
    );
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) others.push({ ...value, unknownField: 'x' });
  return others.filter((v) => JSON.stringify(v) !== JSON.stringify(value));
}

/**
 * Documents made from a valid or invalid example by one change each: every value removed or
 * replaced by wrong ones, an unknown field in every object, attachments missing, duplicated,
 * of the wrong type or size. For telling two validators apart: they must agree on each.
 */
export function* mutationsOf(example: ExampleDocument): Generator<ExampleDocument> {
  const data = example.data as JsonValue;
  const { attachments } = example;
  yield { data, attachments };
  const visit = function* (value: JsonValue, path: (string | number)[]): Generator<ExampleDocument> {
    if (path.length > 0) yield { data: replaced(data, path, undefined), attachments };
    for (const wrong of wrongValuesFor(value)) yield { data: replaced(data, path, wrong), attachments };
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* visit(value[i]!, [...path, i]);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) yield* visit(v, [...path, k]);
  };
  yield* visit(data, []);
  for (let i = 0; i < attachments.length; i++) {
    const a = attachments[i]!;
    const others = attachments.filter((_, j) => j !== i);
    yield { data, attachments: others };
    yield { data, attachments: [...attachments, a] };
    for (const change of [{ mediaType: 'text/plain' }, { size: 0 }, { size: 1e9 }, { name: 'unknown' }])
      yield { data, attachments: [...others, { ...a, ...change }] };
  }
}
