/**
 * RFC 8785 (JCS) canonical JSON: the exact text that is signed.
 *
 * - Object members are sorted by their names' UTF-16 code units (what `Array.prototype.sort`
 *   does with strings).
 * - Strings and numbers are written as ECMAScript's JSON.stringify writes them, which is what
 *   RFC 8785 specifies.
 * - No whitespace.
 * - A string with a lone surrogate, NaN, Infinity, a BigInt or a cycle is refused.
 *
 * Written out here rather than taken from a general library: an intake server checks every
 * signed document with it, and this is several times faster. The tests compare it with the RFC's
 * examples and, on random values, with the `canonicalize` reference implementation.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value, []);
  if (text === undefined) throw new TypeError('Value has no JSON representation');
  return text;
}

type WellFormed = (s: string) => boolean;
const isWellFormed: WellFormed =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !/\p{Surrogate}/u.test(s);

// What JSON.stringify escapes (quote, backslash, controls) or checks (surrogates): a string with
// none of these is written as it is, between quotes, without the call.
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;

function string(s: string): string {
  if (!NEEDS_CARE.test(s)) return `"${s}"`;
  if (!isWellFormed(s)) throw new TypeError('A lone surrogate has no canonical JSON form');
  return JSON.stringify(s);
}

function write(value: unknown, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case 'string':
      return string(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON representation`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('A BigInt has no JSON representation');
    case 'object':
      break;
    default:
      return undefined; // undefined, functions and symbols: left out, as JSON.stringify does
  }
  if (value === null) return 'null';
  if (ancestors.includes(value)) throw new TypeError('Circular reference');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    ancestors.push(value);
    const text = write(toJSON.call(value, ''), ancestors);
    ancestors.pop();
    return text;
  }
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += write(value[i], ancestors) ?? 'null';
    }
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    text = '{';
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const member = write(record[key], ancestors);
      if (member === undefined) continue;
      text += `${first ? '' : ','}${string(key)}:${member}`;
      first = false;
    }
    text += '}';
  }
  ancestors.pop();
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
  try {
    const end = matches(value, text, 0);
    // UNSORTED: the members' order is not the text's (integer-like names come first in a parsed
    // object), so only writing the value out again can tell.
    const canonical = end === UNSORTED ? canonicalJson(value) === text : end === text.length;
    return canonical ? { value } : undefined;
  } catch (e) {
    // A value with no canonical form (a lone surrogate, a number out of range) is not canonical.
    if (e instanceof TypeError || e instanceof RangeError) return undefined;
    throw e;
  }
}

const NO = -1;
const UNSORTED = -2;

/**
 * Where the canonical text of `value` ends if `text` holds it at `at`; NO if it does not. Compares
 * as it goes instead of writing the canonical text out: an intake server checks every signed
 * document this way, and the strings it would build are garbage at once. `value` is what
 * JSON.parse made of `text`, so it holds no cycles, functions or undefined.
 */
function matches(value: unknown, text: string, at: number): number {
  switch (typeof value) {
    case 'string':
      return matchesString(value, text, at);
    case 'number':
    case 'boolean':
      return matchesLiteral(String(value), text, at);
    default:
      break;
  }
  if (value === null) return matchesLiteral('null', text, at);
  if (Array.isArray(value)) {
    if (text.charCodeAt(at++) !== 0x5b) return NO; // [
    for (let i = 0; i < value.length; i++) {
      if (i > 0 && text.charCodeAt(at++) !== 0x2c) return NO; // ,
      at = matches(value[i], text, at);
      if (at < 0) return at;
    }
    return text.charCodeAt(at) === 0x5d ? at + 1 : NO; // ]
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return UNSORTED;
  if (text.charCodeAt(at++) !== 0x7b) return NO; // {
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && text.charCodeAt(at++) !== 0x2c) return NO; // ,
    at = matchesString(keys[i]!, text, at);
    if (at < 0 || text.charCodeAt(at++) !== 0x3a) return NO; // :
    at = matches(record[keys[i]!], text, at);
    if (at < 0) return at;
  }
  return text.charCodeAt(at) === 0x7d ? at + 1 : NO; // }
}

function matchesLiteral(literal: string, text: string, at: number): number {
  return text.startsWith(literal, at) ? at + literal.length : NO;
}

function matchesString(s: string, text: string, at: number): number {
  if (NEEDS_CARE.test(s)) return matchesLiteral(string(s), text, at);
  const end = at + 1 + s.length;
  return text.charCodeAt(at) === 0x22 && text.startsWith(s, at + 1) && text.charCodeAt(end) === 0x22 ? end + 1 : NO;
}

/** Whether `text` is already in RFC 8785 form (parses, and canonicalizes to itself). */
export function isCanonicalJson(text: string): boolean {
  return parseCanonicalJson(text) !== undefined;
}
