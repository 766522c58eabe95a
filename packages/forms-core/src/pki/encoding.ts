/** Byte helpers that run the same in browsers, Node and workerd (no Buffer). */

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (let i = 0; i < u8.length; i++) out += HEX[u8[i]!]!;
  return out;
}

/** The value of one hex digit's character code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new TypeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(hex.charCodeAt(2 * i));
    const lo = hexDigit(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new TypeError('not a hex string');
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface NodeBuffer {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64'): string };
}
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/**
 * Standard base64 with padding: Node's Buffer where there is one (a server encodes a receipt
 * per request), else a table lookup (`btoa` over a binary string is far slower).
 */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (nodeBuffer) return nodeBuffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');
  return base64ByTable(u8);
}

/** Base64 without Buffer, as browsers and workerd run it (exported for its tests). */
export function base64ByTable(u8: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < u8.length; i += 3) {
    const n = (u8[i]! << 16) | (u8[i + 1]! << 8) | u8[i + 2]!;
    out.push(BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!);
  }
  if (i < u8.length) {
    const n = (u8[i]! << 16) | ((u8[i + 1] ?? 0) << 8);
    out.push(BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + (i + 1 < u8.length ? BASE64[(n >> 6) & 63]! : '=') + '=');
  }
  return out.join('');
}

export function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A fresh ArrayBuffer holding exactly these bytes (WebCrypto and asn1 parsers want one). */
export function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  // A view into a larger buffer (a Node Buffer from a pool, a subarray): copy just its bytes.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

type Sha256 = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;
let sha256Implementation: Sha256 | undefined;

/**
 * Lets a runtime supply a faster SHA-256 than WebCrypto's (each `crypto.subtle.digest` call costs
 * tens of microseconds in Node, mostly dispatch): the Node adapter passes node:crypto's. The
 * default, everywhere else, is `crypto.subtle.digest`.
 */
export function useSha256(implementation: Sha256 | undefined): void {
  sha256Implementation = implementation;
}

export async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (sha256Implementation) return sha256Implementation(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(bytes)));
}

export function pemEncode(label: string, der: ArrayBuffer | Uint8Array): string {
  const b64 = toBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The DER inside a PEM block with this label (or the first block when no label is given). */
export function pemDecode(pem: string, label?: string): Uint8Array {
  const re = label
    ? new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`)
    : /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/;
  const m = re.exec(pem);
  if (!m) throw new TypeError(`no PEM block${label ? ` "${label}"` : ''} found`);
  return fromBase64(m[1]!);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** A random positive serial number, 16 bytes (RFC 5280: at most 20 octets, positive). */
export function randomSerialHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return toHex(bytes);
}

/** ECDSA P-256 with SHA-256 over raw (r‖s) signatures, as WebCrypto does it. */
export interface EcdsaBackend {
  sign(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array>;
  verify(publicKey: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

const webCryptoEcdsa: EcdsaBackend = {
  async sign(privateKey, data) {
    return new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, toArrayBuffer(data)),
    );
  },
  verify(publicKey, signature, data) {
    return crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      publicKey,
      toArrayBuffer(signature),
      toArrayBuffer(data),
    );
  },
};
let ecdsaBackend: EcdsaBackend = webCryptoEcdsa;

/**
 * Lets a runtime sign and verify ECDSA faster than WebCrypto's JavaScript layer allows (the Node
 * adapter uses node:crypto, still off the main thread). WebCrypto everywhere else.
 */
export function useEcdsa(backend: EcdsaBackend | undefined): void {
  ecdsaBackend = backend ?? webCryptoEcdsa;
}

export function ecdsa(): EcdsaBackend {
  return ecdsaBackend;
}
