// A small DER reader and writer for the fixed shapes of our signatures. The hot paths (an intake
// server verifies and signs thousands of documents a second) read and write CMS by position;
// @peculiar/asn1-cms stays the reference: it reads any BER the fast reader refuses, and the tests
// check both against each other and against OpenSSL.

export class DerError extends Error {
  override name = 'DerError';
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
  context0: 0xa0,
  context1: 0xa1,
} as const;

/** One element: its tag and where its header and contents lie in the buffer. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads the element at `offset` (DER: single-byte tags, definite minimal lengths). */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv {
  const tlv = tlvAt(bytes, offset, limit);
  if (typeof tlv === 'string') throw new DerError(tlv);
  return tlv;
}

/** The element at `offset`, or why there is none: for callers that look rather than parse. */
export function tlvAt(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv | string {
  if (offset + 2 > limit) return 'truncated';
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) return 'multi-byte tags are not used here';
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0) return 'indefinite length (BER)';
    if (n > 4 || contentStart + n > limit) return 'bad length';
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[contentStart + i]!;
    if (length < 0x80 || bytes[contentStart] === 0) return 'non-minimal length (BER)';
    contentStart += n;
  }
  const end = contentStart + length;
  if (end > limit) return 'truncated';
  return { tag, start: offset, contentStart, end };
}

/** The elements inside a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(bytes, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/**
 * Counts the elements of a BER encoding (definite or indefinite lengths, nested to `maxDepth`)
 * and throws a DerError past `maxElements`: a bound on the work a general ASN.1 parser would do
 * with it, found in one pass that allocates nothing.
 */
export function checkBerBudget(bytes: Uint8Array, maxElements: number, maxDepth = 32): void {
  let count = 0;
  // Returns the offset after the element at `offset`.
  const walk = (offset: number, depth: number): number => {
    if (++count > maxElements) throw new DerError(`more than ${maxElements} elements`);
    if (depth > maxDepth) throw new DerError('nested too deeply');
    if (offset + 2 > bytes.length) throw new DerError('truncated');
    const tag = bytes[offset]!;
    if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used here');
    let length = bytes[offset + 1]!;
    let at = offset + 2;
    if (length === 0x80) {
      if (!(tag & 0x20)) throw new DerError('indefinite length on a primitive element');
      // Children until the end-of-contents octets (00 00).
      for (;;) {
        if (at + 2 > bytes.length) throw new DerError('truncated');
        if (bytes[at] === 0 && bytes[at + 1] === 0) return at + 2;
        at = walk(at, depth + 1);
      }
    }
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n > 4 || at + n > bytes.length) throw new DerError('bad length');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[at + i]!;
      at += n;
    }
    const end = at + length;
    if (end > bytes.length) throw new DerError('truncated');
    if (tag & 0x20) while (at < end) at = walk(at, depth + 1);
    return end;
  };
  if (walk(0, 0) !== bytes.length) throw new DerError('trailing bytes');
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

export const contents = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.contentStart, tlv.end);

/** The element at `index` inside `parent`, which must carry `tag`. */
export function childAt(bytes: Uint8Array, parent: Tlv, index: number, tag: number, what: string): Tlv {
  return expectTag(children(bytes, parent)[index], tag, what);
}

/** Where a certificate's serial number (INTEGER) and issuer (Name) lie in its DER. */
export function certificateIssuerAndSerial(der: Uint8Array): { serial: Tlv; issuer: Tlv } {
  const certificate = expectTag(readTlv(der, 0), TAG.sequence, 'Certificate');
  const tbs = children(der, childAt(der, certificate, 0, TAG.sequence, 'TBSCertificate'));
  const offset = tbs[0]?.tag === TAG.context0 ? 1 : 0; // [0] version
  return {
    serial: expectTag(tbs[offset], TAG.integer, 'serialNumber'),
    issuer: expectTag(tbs[offset + 2], TAG.sequence, 'issuer'),
  };
}
export const whole = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.start, tlv.end);

/**
 * The same as `certificateIssuerAndSerial`, or undefined for bytes that are not shaped as a
 * certificate: a signer's certificate is looked for among what a signature carries, and what
 * is not one is simply not it.
 */
export function findIssuerAndSerial(der: Uint8Array): { serial: Tlv; issuer: Tlv } | undefined {
  const at = (offset: number, limit: number, tag: number): Tlv | undefined => {
    const tlv = tlvAt(der, offset, limit);
    return typeof tlv !== 'string' && tlv.tag === tag ? tlv : undefined;
  };
  const certificate = at(0, der.length, TAG.sequence);
  const tbs = certificate && at(certificate.contentStart, certificate.end, TAG.sequence);
  if (!tbs) return undefined;
  const version = at(tbs.contentStart, tbs.end, TAG.context0);
  const serial = at(version?.end ?? tbs.contentStart, tbs.end, TAG.integer);
  const algorithm = serial && at(serial.end, tbs.end, TAG.sequence);
  const issuer = algorithm && at(algorithm.end, tbs.end, TAG.sequence);
  return serial && issuer && { serial, issuer };
}

const decodedOids = new Map<string, string>();

/** Dotted form of an OBJECT IDENTIFIER's contents (the few a signature holds are remembered). */
export function decodeOid(value: Uint8Array): string {
  if (value.length > 24) return decodeOidParts(value);
  let key = '';
  for (let i = 0; i < value.length; i++) key += String.fromCharCode(value[i]!);
  let dotted = decodedOids.get(key);
  if (dotted === undefined) {
    dotted = decodeOidParts(value);
    if (decodedOids.size < 256) decodedOids.set(key, dotted);
  }
  return dotted;
}

function decodeOidParts(value: Uint8Array): string {
  // BigInt: an arc may be longer than a double holds (a UUID arc under 2.25 has 128 bits).
  const parts: bigint[] = [];
  let n = 0n;
  for (let i = 0; i < value.length; i++) {
    n = n * 128n + BigInt(value[i]! & 0x7f);
    if (!(value[i]! & 0x80)) {
      if (parts.length === 0) parts.push(n < 80n ? n / 40n : 2n, n < 80n ? n % 40n : n - 80n);
      else parts.push(n);
      n = 0n;
    }
  }
  return parts.join('.');
}

/** UTCTime or GeneralizedTime (DER: UTC, "Z"). */
export function decodeTime(bytes: Uint8Array, tlv: Tlv): Date {
  const text = new TextDecoder().decode(contents(bytes, tlv));
  const m =
    tlv.tag === TAG.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : tlv.tag === TAG.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!m) throw new DerError('bad time');
  let year = Number(m[1]);
  if (tlv.tag === TAG.utcTime) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

// ---- writer ----

/** How many bytes the DER length of `n` content bytes takes. */
function lengthSize(n: number): number {
  if (n < 0x80) return 1;
  let size = 1;
  for (let v = n; v > 0; v = Math.floor(v / 256)) size++;
  return size;
}

/** An element with this tag around the concatenated parts. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const header = 1 + lengthSize(size);
  const out = new Uint8Array(header + size);
  out[0] = tag;
  if (header === 2) out[1] = size;
  else {
    out[1] = 0x80 | (header - 2);
    for (let i = header - 1, v = size; i >= 2; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  }
  let offset = header;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * An element to be written later, with everything inside it, into one buffer (`encodeDer`):
 * nesting `tlv` copies the inner bytes once per level, which shows in a server signing a
 * receipt per request.
 */
export interface DerNode {
  readonly tag: number;
  readonly parts: ReadonlyArray<DerNode | Uint8Array>;
  readonly contentSize: number;
  /** Bytes written, header included. */
  readonly size: number;
}

export function derNode(tag: number, ...parts: Array<DerNode | Uint8Array>): DerNode {
  let contentSize = 0;
  for (const p of parts) contentSize += p instanceof Uint8Array ? p.length : p.size;
  return { tag, parts, contentSize, size: 1 + lengthSize(contentSize) + contentSize };
}

export function encodeDer(node: DerNode): Uint8Array {
  const out = new Uint8Array(node.size);
  writeNode(node, out, 0);
  return out;
}

function writeNode(node: DerNode, out: Uint8Array, at: number): number {
  const { contentSize } = node;
  const header = 1 + lengthSize(contentSize);
  out[at] = node.tag;
  if (header === 2) out[at + 1] = contentSize;
  else {
    out[at + 1] = 0x80 | (header - 2);
    for (let i = header - 1, v = contentSize; i >= 2; i--, v = Math.floor(v / 256)) out[at + i] = v & 0xff;
  }
  let offset = at + header;
  for (const p of node.parts) {
    if (p instanceof Uint8Array) {
      out.set(p, offset);
      offset += p.length;
    } else offset = writeNode(p, out, offset);
  }
  return offset;
}

/** Lexicographic order of encodings: how DER sorts the members of a SET OF. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const sequence = (...parts: Uint8Array[]): Uint8Array => tlv(TAG.sequence, ...parts);
/** A SET OF, its members sorted as DER requires. */
export const setOf = (...members: Uint8Array[]): Uint8Array => tlv(TAG.set, ...[...members].sort(compareBytes));
export const octetString = (value: Uint8Array): Uint8Array => tlv(TAG.octetString, value);
/** A BIT STRING of whole bytes (no unused bits). */
export const bitString = (value: Uint8Array): Uint8Array => tlv(TAG.bitString, Uint8Array.of(0), value);
export const utf8String = (value: string): Uint8Array => tlv(TAG.utf8String, new TextEncoder().encode(value));

const oidCache = new Map<string, Uint8Array>();

/** OBJECT IDENTIFIER from its dotted form (encodings are kept: a few OIDs recur in every signature). */
export function oid(dotted: string): Uint8Array {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const encoded = encodeOid(dotted);
  if (oidCache.size < 256) oidCache.set(dotted, encoded);
  return encoded;
}

function encodeOid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(BigInt);
  const out: number[] = [];
  for (const n of [a! * 40n + b!, ...rest]) {
    const chunk: number[] = [Number(n & 0x7fn)];
    for (let v = n >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(TAG.oid, Uint8Array.from(out));
}

/** Big-endian bytes without leading zeros (one byte stays): how INTEGER magnitudes compare. */
export function withoutLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** A non-negative INTEGER from big-endian magnitude bytes. */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  const trimmed = withoutLeadingZeros(magnitude);
  return trimmed[0]! & 0x80 ? tlv(TAG.integer, Uint8Array.of(0), trimmed) : tlv(TAG.integer, trimmed);
}

export const smallInteger = (n: number): Uint8Array => tlv(TAG.integer, Uint8Array.of(n));

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280), whole seconds, UTC. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = date.getUTCFullYear();
  return year < 2050 && year >= 1950
    ? tlv(TAG.utcTime, new TextEncoder().encode(`${digits.slice(2)}Z`))
    : tlv(TAG.generalizedTime, new TextEncoder().encode(`${digits}Z`));
}

/** WebCrypto's raw r‖s ECDSA signature to the DER ECDSA-Sig-Value CMS carries. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/** DER ECDSA-Sig-Value to raw r‖s of `size` bytes each; undefined when it does not fit. */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array | undefined {
  const seq = expectTag(readTlv(der, 0), TAG.sequence, 'ECDSA-Sig-Value');
  if (seq.end !== der.length) throw new DerError('trailing bytes after the signature value');
  const [r, s, extra] = children(der, seq);
  if (extra) throw new DerError('ECDSA-Sig-Value has extra fields');
  const out = new Uint8Array(size * 2);
  for (const [i, part] of [r, s].entries()) {
    const value = withoutLeadingZeros(contents(der, expectTag(part, TAG.integer, 'INTEGER')));
    if (value.length > size) return undefined;
    out.set(value, size * (i + 1) - value.length);
  }
  return out;
}
