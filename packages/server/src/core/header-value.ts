/** @module Header values as RFC 9110, 6266 and 8187 write them, read by a tokenizer that refuses what it does not know. */
import { Problem } from './problems.js';

// Header values as RFC 9110, RFC 6266 and RFC 8187 write them: the part headers of a
// multipart/form-data body (RFC 7578) and the request's Content-Type.

/** Strict UTF-8 that keeps a leading byte order mark (a BOM is not whitespace to skip). */
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Character classes: RFC 9110 §5.6.2 tchar, RFC 8187 attr-char and mime-charsetc (ASCII only).
const classOf = (chars: string): Uint8Array => {
  const table = new Uint8Array(128);
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (const c of alnum + chars) table[c.charCodeAt(0)] = 1;
  return table;
};
export const TCHAR = classOf("!#$%&'*+-.^_`|~");
const ATTR_CHAR = classOf('!#$&+-.^_`|~');
const CHARSET_CHAR = classOf('!#$%&+-^_`{}~');
const LANGUAGE_CHAR = classOf('-');
/** RFC 2046 bcharsnospace (a boundary may also hold spaces, but not at its end). */
export const BOUNDARY_CHAR = classOf("'()+_,-./:=?");
export const isIn = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;
const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;

/**
 * A tokenizer for a header value made of a token (or `type/subtype`) and parameters (RFC 9110
 * §5.6.6, RFC 6266, RFC 7578): `*( OWS ";" OWS name "=" ( token / quoted-string ) ) OWS`,
 * parameter names case-insensitive, each at most once, no whitespace around "=", and a name that
 * ends in "*" holding an RFC 8187 ext-value. Anything else is refused as a shape problem.
 */
export class HeaderValue {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly header: string,
  ) {}

  private fail(why: string): never {
    throw new Problem('multipart-shape', `${this.header}: ${why}`);
  }

  private ows(): void {
    for (let c = this.s.charCodeAt(this.i); c === 0x20 || c === 0x09; c = this.s.charCodeAt(this.i)) this.i++;
  }

  /** A token as written; empty when none starts here. */
  private token(): string {
    const start = this.i;
    while (isIn(TCHAR, this.s.charCodeAt(this.i))) this.i++;
    return this.s.slice(start, this.i);
  }

  /** The leading token (a disposition type), lower-cased. */
  leadingToken(): string {
    this.ows();
    return this.token().toLowerCase();
  }

  /** The leading `type/subtype`, lower-cased. */
  mediaType(): string {
    this.ows();
    const type = this.token();
    if (!type || this.s.charCodeAt(this.i) !== 0x2f) this.fail('expected a media type "type/subtype"');
    this.i++;
    const subtype = this.token();
    if (!subtype) this.fail('expected a media type "type/subtype"');
    return `${type}/${subtype}`.toLowerCase();
  }

  /**
   * A quoted-string's content. A backslash takes the next character literally when that is `"` or
   * `\`; before any other character it is kept, as busboy and Go's mime package read it: browsers
   * (the WHATWG form encoding) escape only `"`, CR and LF, so `C:\x` arrives as is.
   */
  private quoted(): string {
    const s = this.s;
    let out = '';
    let start = ++this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('a quoted string does not end');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        const next = s.charCodeAt(this.i + 1);
        if (next === 0x22 || next === 0x5c) {
          out += s.slice(start, this.i);
          start = this.i + 1;
          this.i += 2;
          continue;
        }
      }
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) this.fail('a quoted string holds a control character');
      this.i++;
    }
    out += s.slice(start, this.i++);
    return out;
  }

  /** An RFC 8187 ext-value (`charset'language'value-chars`) in UTF-8 or ISO-8859-1, decoded. */
  private extValue(name: string): string {
    const s = this.s;
    const charsetStart = this.i;
    while (isIn(CHARSET_CHAR, s.charCodeAt(this.i))) this.i++;
    const charset = s.slice(charsetStart, this.i).toLowerCase();
    if (s.charCodeAt(this.i) !== 0x27) this.fail(`"${name}" is not charset'language'value (RFC 8187)`);
    this.i++;
    while (isIn(LANGUAGE_CHAR, s.charCodeAt(this.i))) this.i++;
    if (s.charCodeAt(this.i) !== 0x27) this.fail(`"${name}" is not charset'language'value (RFC 8187)`);
    this.i++;
    const bytes: number[] = [];
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (isIn(ATTR_CHAR, c)) {
        bytes.push(c);
        this.i++;
      } else if (c === 0x25) {
        const high = hexValue(s.charCodeAt(this.i + 1));
        const low = hexValue(s.charCodeAt(this.i + 2));
        if (high < 0 || low < 0) this.fail(`"${name}" holds a "%" that is not followed by two hex digits`);
        bytes.push(high * 16 + low);
        this.i += 3;
      } else break;
    }
    // busboy refuses an empty value at the end of the header, and an empty filename is none.
    if (bytes.length === 0) this.fail(`"${name}" is empty`);
    if (charset === 'iso-8859-1') return String.fromCharCode(...bytes);
    if (charset !== 'utf-8') this.fail(`"${name}" must be in UTF-8 or ISO-8859-1`);
    try {
      return strictUtf8.decode(new Uint8Array(bytes));
    } catch {
      return this.fail(`"${name}" is not UTF-8`);
    }
  }

  /** The parameters up to the end of the value, by lower-cased name. */
  parameters(): Map<string, string> {
    const s = this.s;
    const params = new Map<string, string>();
    for (;;) {
      this.ows();
      if (this.i >= s.length) return params;
      if (s.charCodeAt(this.i) !== 0x3b) this.fail('parameters must be separated by ";"');
      this.i++;
      this.ows();
      const name = this.token().toLowerCase();
      if (!name) this.fail('a parameter has no name');
      if (s.charCodeAt(this.i) !== 0x3d) this.fail(`the parameter "${name}" needs "=" right after its name`);
      this.i++;
      let value: string;
      if (name.endsWith('*')) value = this.extValue(name);
      else if (s.charCodeAt(this.i) === 0x22) value = this.quoted();
      else if (!(value = this.token())) this.fail(`the parameter "${name}" has no value`);
      if (params.has(name)) this.fail(`the parameter "${name}" appears twice`);
      params.set(name, value);
    }
  }
}
