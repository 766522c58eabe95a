/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns a concrete pointer into the pattern used for compiled per-field facts: indices become `*`. */
export function pointerPattern(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** All values in `data` at a path pattern such as `/owners/*\/pesel`, with their concrete pointers. */
export function valuesAt(data: unknown, pattern: string): Array<{ pointer: string; value: unknown }> {
  const segments = pattern === '' ? [] : pattern.slice(1).split('/');
  let current: Array<{ pointer: string; value: unknown }> = [{ pointer: '', value: data }];
  for (const raw of segments) {
    const next: Array<{ pointer: string; value: unknown }> = [];
    for (const { pointer, value } of current) {
      if (raw === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ pointer: `${pointer}/${i}`, value: v }));
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (Object.hasOwn(value, key)) {
          next.push({ pointer: `${pointer}/${raw}`, value: (value as Record<string, unknown>)[key] });
        }
      }
    }
    current = next;
  }
  return current;
}
