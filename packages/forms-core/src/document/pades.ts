/** @module A PAdES signature over an application document: found in the signing tool's update, its byte ranges checked against the document ebok made. */
import { readTlv, TAG } from '../cms/der-codec.js';

/** Why a signed PDF is not a signature over this application's document. */
export class PadesError extends Error {
  constructor(
    readonly code:
      | 'not-this-document'
      | 'not-signed'
      | 'several-signatures'
      | 'not-whole-document'
      | 'malformed'
      | 'unsupported-format'
      | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'PadesError';
  }
}

export interface PadesLimits {
  /** How many bytes the signing tool may add after the document (signature, certificates, revocation data). */
  readonly maxAddedBytes: number;
}

export const DEFAULT_PADES_LIMITS: PadesLimits = { maxAddedBytes: 256 * 1024 };

export interface PadesSignature {
  /** The CMS SignedData (DER) from the signature's `/Contents`, without its padding. */
  readonly cms: Uint8Array;
  /** What the CMS signs: the file without the `/Contents` value, as `/ByteRange` names it. */
  readonly signedBytes: Uint8Array;
  /** `ETSI.CAdES.detached` (PAdES) or `adbe.pkcs7.detached`. */
  readonly subFilter: string;
}

const latin1 = new TextDecoder('latin1');
const SUB_FILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * Finds the one signature a signing tool added to `document` (the PDF ebok made) and checks
 * what it covers, before any cryptography: the signed file begins with the document byte for
 * byte; the signature's `/ByteRange` is `[0 a b c]` with `a` and `b` around its `/Contents`
 * value and `b + c` the end of the file (nothing was added after signing); there is one
 * signature. The CMS it returns is then verified over `signedBytes` like any detached CAdES.
 * Reads only the bytes the tool added, at most `limits.maxAddedBytes`.
 */
export function findPadesSignature(
  signed: Uint8Array,
  document: Uint8Array,
  limits: PadesLimits = DEFAULT_PADES_LIMITS,
): PadesSignature {
  if (signed.length < document.length || !prefixEquals(signed, document)) {
    throw new PadesError(
      'not-this-document',
      'the signed file is not this application’s document with a signature added',
    );
  }
  const added = signed.length - document.length;
  if (added === 0) throw new PadesError('not-signed', 'the file has no signature added');
  if (added > limits.maxAddedBytes) {
    throw new PadesError(
      'too-large',
      `the signing tool added ${added} bytes; at most ${limits.maxAddedBytes} are accepted`,
    );
  }
  // Only what the tool added is read as text; the document itself is ebok's own.
  const tail = latin1.decode(signed.subarray(document.length));
  const ranges = [...tail.matchAll(/\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/g)];
  if (ranges.length === 0 || !/\/ByteRange\b/.test(tail))
    throw new PadesError('not-signed', 'no signature dictionary was added');
  if (ranges.length > 1 || tail.match(/\/ByteRange\b/g)!.length > 1) {
    throw new PadesError('several-signatures', 'the file holds more than one signature');
  }
  const [start, a, b, c] = ranges[0]!.slice(1).map(Number) as [number, number, number, number];
  if (start !== 0 || a <= document.length || b <= a + 1 || b + c !== signed.length) {
    throw new PadesError('not-whole-document', 'the signature does not cover the whole file but its own value');
  }
  if (signed[a] !== 0x3c || signed[b - 1] !== 0x3e) {
    throw new PadesError('malformed', 'the byte ranges do not leave out exactly the signature’s /Contents value');
  }
  for (let i = a + 1; i < b - 1; i++) {
    if (!isHex(signed[i]!)) throw new PadesError('malformed', 'the signature’s /Contents value is not hexadecimal');
  }
  if ((b - a - 2) % 2 !== 0)
    throw new PadesError('malformed', 'the signature’s /Contents value has an odd number of digits');
  // The dictionary around /Contents: the one that holds the /ByteRange.
  const dict = dictionaryAround(tail, a - document.length);
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dict)?.[1];
  if (!/\/Type\s*\/Sig\b/.test(dict) || !/\/ByteRange\b/.test(dict)) {
    throw new PadesError('malformed', 'the /Contents value is not in the signature dictionary');
  }
  if (!subFilter || !SUB_FILTERS.has(subFilter)) {
    throw new PadesError(
      'unsupported-format',
      `signature format ${subFilter ?? 'not named'}; ETSI.CAdES.detached or adbe.pkcs7.detached is accepted`,
    );
  }
  const padded = hexBytes(signed.subarray(a + 1, b - 1));
  let cms: Uint8Array;
  try {
    const tlv = readTlv(padded, 0);
    if (tlv.tag !== TAG.sequence) throw new Error('not a SEQUENCE');
    cms = padded.subarray(0, tlv.end);
  } catch (e) {
    throw new PadesError('malformed', `the signature’s /Contents is not a CMS structure (${(e as Error).message})`);
  }
  if (padded.subarray(cms.length).some((byte) => byte !== 0)) {
    throw new PadesError('malformed', 'the signature’s /Contents holds more than one structure');
  }
  const signedBytes = new Uint8Array(a + c);
  signedBytes.set(signed.subarray(0, a), 0);
  signedBytes.set(signed.subarray(b), a);
  return { cms, signedBytes, subFilter };
}

function prefixEquals(bytes: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function hexBytes(hex: Uint8Array): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  const value = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
  for (let i = 0; i < out.length; i++) out[i] = (value(hex[2 * i]!) << 4) | value(hex[2 * i + 1]!);
  return out;
}

/** The text of the innermost `<< … >>` dictionary that contains position `at` (not nested ones beside it). */
function dictionaryAround(text: string, at: number): string {
  let depth = 0;
  let open = -1;
  for (let i = at - 1; i >= 1; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      if (depth === 0) {
        open = i - 1;
        break;
      }
      depth--;
      i--;
    }
  }
  if (open < 0) return '';
  depth = 0;
  for (let i = open; i < text.length - 1; i++) {
    if (text[i] === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (text[i] === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(open, i + 1);
    }
  }
  return '';
}
