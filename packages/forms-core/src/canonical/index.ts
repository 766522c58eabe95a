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

/** Whether `text` is already in RFC 8785 form (parses, and canonicalizes to itself). */
export function isCanonicalJson(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return canonicalJson(parsed) === text;
}
