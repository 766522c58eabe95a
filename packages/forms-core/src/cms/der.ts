import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { toArrayBuffer } from '../pki/encoding.js';

/** DER of OBJECT IDENTIFIER 1.2.840.113549.1.7.1 (id-data): the contentType attribute's value. */
export const ID_DATA_DER = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);

function trimInteger(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** WebCrypto's raw r‖s ECDSA signature (P-256: 64 bytes) to the DER ECDSA-Sig-Value CMS carries. */
export function rawEcdsaToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const asInteger = (b: Uint8Array): ArrayBuffer => {
    const t = trimInteger(b);
    // A leading 1 bit would read as negative: prefix a zero byte.
    return toArrayBuffer(t[0]! & 0x80 ? Uint8Array.of(0, ...t) : t);
  };
  const value = new ECDSASigValue({ r: asInteger(raw.subarray(0, half)), s: asInteger(raw.subarray(half)) });
  return new Uint8Array(AsnConvert.serialize(value));
}

/** DER ECDSA-Sig-Value to raw r‖s of `size` bytes each; undefined when it does not fit. */
export function derEcdsaToRaw(der: Uint8Array, size = 32): Uint8Array | undefined {
  const value = AsnConvert.parse(toArrayBuffer(der), ECDSASigValue);
  const r = trimInteger(new Uint8Array(value.r));
  const s = trimInteger(new Uint8Array(value.s));
  if (r.length > size || s.length > size) return undefined;
  const out = new Uint8Array(size * 2);
  out.set(r, size - r.length);
  out.set(s, size * 2 - s.length);
  return out;
}

/** Lexicographic order of encodings: how DER sorts the members of a SET OF. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** DER of a SET OF whose members are already encoded: sorted, as DER requires. */
export function derSetOf(members: readonly Uint8Array[]): Uint8Array {
  const sorted = [...members].sort(compareBytes);
  const body = new Uint8Array(sorted.reduce((n, m) => n + m.length, 0));
  let offset = 0;
  for (const m of sorted) {
    body.set(m, offset);
    offset += m.length;
  }
  const length = derLength(body.length);
  const out = new Uint8Array(1 + length.length + body.length);
  out[0] = 0x31;
  out.set(length, 1);
  out.set(body, 1 + length.length);
  return out;
}
