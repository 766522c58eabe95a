import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON of a value: the exact text that is signed. Uses `canonicalize`,
 * by the RFC's author. Throws on values JSON cannot represent (NaN, Infinity, cycles).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Value has no JSON representation');
  return text;
}

/** The UTF-8 bytes of the canonical JSON: what the CMS signature covers. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

/** The value of `text` if it is JSON already in RFC 8785 form, else undefined (one parse for both). */
export function parseCanonicalJson(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return canonicalJson(value) === text ? { value } : undefined;
}

/** Whether `text` is already in RFC 8785 form (parses, and canonicalizes to itself). */
export function isCanonicalJson(text: string): boolean {
  return parseCanonicalJson(text) !== undefined;
}
