/** @module What a revocation check reads and writes: the OCSP request and response (RFC 6960), a CRL's entries (RFC 5280), and their signatures, on Web Crypto. */
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate, Extension } from '@peculiar/asn1-x509';
import {
  BasicOCSPResponse,
  CertID,
  id_kp_OCSPSigning,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  Request,
  TBSRequest,
} from '@peculiar/asn1-ocsp';
import {
  certificateIssuerAndSerial,
  children,
  contents,
  decodeOid,
  decodeTime,
  ecdsaDerToRaw,
  expectTag,
  readTlv,
  TAG,
  whole,
  withoutLeadingZeros,
} from '../cms/der-codec.js';
import { equalBytes, toArrayBuffer } from '../pki/encoding.js';
import { x509 } from '../pki/x509.js';

/** The reasons of RFC 5280 §5.3.1, by their code. */
export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type CrlReason = (typeof CRL_REASONS)[number];
const reasonName = (code: number | undefined): CrlReason => CRL_REASONS[code ?? 0] ?? 'unspecified';

const SHA1 = '1.3.14.3.2.26';
const SIGNATURES: Readonly<Record<string, { name: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; hash: string }>> = {
  '1.2.840.113549.1.1.5': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  '1.2.840.10045.4.1': { name: 'ECDSA', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { name: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA', hash: 'SHA-512' },
};
const CURVE_SIZES: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** A check's input could not be read or does not hold: the checker reports it as `unavailable`. */
export class RevocationDataError extends Error {
  constructor(
    readonly why: 'malformed' | 'bad-signature' | 'responder-error' | 'mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'RevocationDataError';
  }
}
const bad = (why: RevocationDataError['why'], message: string): never => {
  throw new RevocationDataError(why, message);
};

/** `signature` over `signed` by `key`'s certificate, with the algorithm `algorithmOid` names; false on any doubt. */
export async function verifySignature(
  key: x509.PublicKey,
  algorithmOid: string,
  signed: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const algorithm = SIGNATURES[algorithmOid];
  if (!algorithm) return false;
  try {
    if (algorithm.name === 'ECDSA') {
      const curve = (key.algorithm as EcKeyAlgorithm).namedCurve;
      const raw = CURVE_SIZES[curve] ? ecdsaDerToRaw(signature, CURVE_SIZES[curve]) : undefined;
      if (!raw) return false;
      const k = await key.export({ name: 'ECDSA', namedCurve: curve }, ['verify']);
      return await crypto.subtle.verify(
        { name: 'ECDSA', hash: algorithm.hash },
        k,
        toArrayBuffer(raw),
        toArrayBuffer(signed),
      );
    }
    const k = await key.export({ name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash }, ['verify']);
    return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', k, toArrayBuffer(signature), toArrayBuffer(signed));
  } catch {
    return false;
  }
}

/** Whether `cert` names `issuer` as its issuer and its signature verifies with the issuer's key. */
export async function issuedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (!equalBytes(issuerNameOf(cert), subjectNameOf(issuer))) return false;
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

const der = (cert: x509.X509Certificate) => new Uint8Array(cert.rawData);
/** The issuer Name exactly as the certificate encodes it (the OCSP CertID hashes these bytes). */
export const issuerNameOf = (cert: x509.X509Certificate): Uint8Array =>
  whole(der(cert), certificateIssuerAndSerial(der(cert)).issuer);
function subjectNameOf(cert: x509.X509Certificate): Uint8Array {
  const bytes = der(cert);
  const tbs = children(bytes, children(bytes, readTlv(bytes, 0))[0]!);
  return whole(bytes, tbs[tbs[0]?.tag === TAG.context0 ? 5 : 4]!);
}
/** The serial number's INTEGER contents, as a CRL and OCSP name it. */
export const serialOf = (cert: x509.X509Certificate): Uint8Array =>
  contents(der(cert), certificateIssuerAndSerial(der(cert)).serial);

/** The key bits of a certificate (subjectPublicKey without its unused-bits byte), as CertID hashes them. */
function keyBits(cert: x509.X509Certificate): Uint8Array {
  return new Uint8Array(
    AsnConvert.parse(cert.rawData, Certificate).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey,
  );
}

/** The CertID of `cert` (SHA-1, as RFC 5019 responders expect, or SHA-256). */
export async function certId(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  hash: 'SHA-1' | 'SHA-256' = 'SHA-1',
): Promise<CertID> {
  const digest = async (b: Uint8Array) => new OctetString(await crypto.subtle.digest(hash, toArrayBuffer(b)));
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: hash === 'SHA-1' ? SHA1 : '2.16.840.1.101.3.4.2.1' }),
    issuerNameHash: await digest(issuerNameOf(cert)),
    issuerKeyHash: await digest(keyBits(issuer)),
    serialNumber: toArrayBuffer(serialOf(cert)),
  });
}

/** A DER OCSPRequest for one certificate, with a nonce. */
export function ocspRequest(id: CertID, nonce: Uint8Array): Uint8Array {
  const tbsRequest = new TBSRequest({
    requestList: [new Request({ reqCert: id })],
    requestExtensions: [
      new Extension({
        extnID: id_pkix_ocsp_nonce,
        extnValue: new OctetString(AsnConvert.serialize(new OctetString(toArrayBuffer(nonce)))),
      }),
    ],
  });
  return new Uint8Array(AsnConvert.serialize(new OCSPRequest({ tbsRequest })));
}

export interface ParsedStatus {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt?: Date;
  readonly reason?: CrlReason;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
}

const sameId = (a: CertID, b: CertID) =>
  a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
  equalBytes(new Uint8Array(a.issuerNameHash.buffer), new Uint8Array(b.issuerNameHash.buffer)) &&
  equalBytes(new Uint8Array(a.issuerKeyHash.buffer), new Uint8Array(b.issuerKeyHash.buffer)) &&
  equalBytes(withoutLeadingZeros(new Uint8Array(a.serialNumber)), withoutLeadingZeros(new Uint8Array(b.serialNumber)));

/**
 * Reads an OCSP response for `id`: successful, basic, signed by the issuer or by a responder
 * certificate the issuer gave for OCSP signing (valid at `now`), its nonce, if any, ours.
 * Throws RevocationDataError for anything else.
 */
export async function readOcspResponse(
  body: Uint8Array,
  id: CertID,
  issuer: x509.X509Certificate,
  nonce: Uint8Array,
  now: Date,
): Promise<ParsedStatus> {
  let basic: BasicOCSPResponse;
  try {
    const response = AsnConvert.parse(toArrayBuffer(body), OCSPResponse);
    if (response.responseStatus !== OCSPResponseStatus.successful) {
      return bad('responder-error', `the responder answered ${OCSPResponseStatus[response.responseStatus]}`);
    }
    if (response.responseBytes?.responseType !== id_pkix_ocsp_basic) return bad('malformed', 'not a basic response');
    basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
  } catch (e) {
    if (e instanceof RevocationDataError) throw e;
    return bad('malformed', `the OCSP response cannot be read (${(e as Error).message})`);
  }
  const tbs = new Uint8Array(basic.tbsResponseDataRaw ?? AsnConvert.serialize(basic.tbsResponseData));
  const algorithm = basic.signatureAlgorithm.algorithm;
  const signature = new Uint8Array(basic.signature);
  let signedBy: x509.PublicKey | undefined;
  if (await verifySignature(issuer.publicKey, algorithm, tbs, signature)) signedBy = issuer.publicKey;
  for (const c of basic.certs ?? []) {
    if (signedBy) break;
    const responder = new x509.X509Certificate(AsnConvert.serialize(c));
    const eku = responder.getExtension(x509.ExtendedKeyUsageExtension);
    if (
      eku?.usages.includes(id_kp_OCSPSigning) &&
      now >= responder.notBefore &&
      now <= responder.notAfter &&
      (await issuedBy(responder, issuer)) &&
      (await verifySignature(responder.publicKey, algorithm, tbs, signature))
    ) {
      signedBy = responder.publicKey;
    }
  }
  if (!signedBy) bad('bad-signature', 'the OCSP response is not signed by the issuer or its OCSP responder');
  const data = basic.tbsResponseData;
  const echoed = data.responseExtensions?.find((e) => e.extnID === id_pkix_ocsp_nonce);
  if (echoed) {
    const value = new Uint8Array(echoed.extnValue.buffer);
    const inner = value[0] === TAG.octetString ? contents(value, readTlv(value, 0)) : value;
    if (!equalBytes(inner, nonce)) bad('mismatch', 'the OCSP response answers another request (nonce)');
  }
  const single = data.responses.find((r) => sameId(r.certID, id));
  if (!single) return bad('mismatch', 'the OCSP response does not name the certificate');
  const s = single.certStatus;
  return {
    status: s.revoked ? 'revoked' : s.good !== undefined ? 'good' : 'unknown',
    ...(s.revoked && {
      revokedAt: s.revoked.revocationTime,
      reason: reasonName(s.revoked.revocationReason?.reason),
    }),
    thisUpdate: single.thisUpdate,
    nextUpdate: single.nextUpdate,
  };
}

/** A CRL verified and indexed: its serials to where their entries lie, each entry read only when asked. */
export interface IndexedCrl {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly entries: number;
  /** The entry of a serial number, or undefined when it is not listed. */
  lookup(serial: Uint8Array): { revokedAt: Date; reason: CrlReason } | undefined;
}

const REASON_CODE = '2.5.29.21';
const readEntry = (bytes: Uint8Array, at: number): { revokedAt: Date; reason: CrlReason } => {
  const [, date, extensions] = children(bytes, readTlv(bytes, at));
  let code: number | undefined;
  for (const ext of extensions ? children(bytes, extensions) : []) {
    const [id, ...rest] = children(bytes, ext);
    if (decodeOid(contents(bytes, id!)) !== REASON_CODE) continue;
    const value = contents(bytes, rest[rest.length - 1]!);
    code = contents(value, readTlv(value, 0))[0];
  }
  return { revokedAt: decodeTime(bytes, date!), reason: reasonName(code) };
};

/**
 * Reads a DER CRL issued by `issuer`: its signature, issuer name, dates, and the serials it
 * lists. Indexing yields to the event loop every `slice` entries (a national CA's CRL has
 * hundreds of thousands), so other requests go on while a large one is read.
 */
export async function readCrl(bytes: Uint8Array, issuer: x509.X509Certificate, slice = 5_000): Promise<IndexedCrl> {
  let tbs, algorithm, signature;
  let fields;
  try {
    const list = expectTag(readTlv(bytes, 0), TAG.sequence, 'CertificateList');
    [tbs, algorithm, signature] = children(bytes, list);
    expectTag(tbs, TAG.sequence, 'TBSCertList');
    fields = children(bytes, tbs!);
  } catch (e) {
    return bad('malformed', `the CRL cannot be read (${(e as Error).message})`);
  }
  const oid = decodeOid(contents(bytes, children(bytes, algorithm!)[0]!));
  const bits = contents(bytes, expectTag(signature, TAG.bitString, 'signature'));
  if (!(await verifySignature(issuer.publicKey, oid, whole(bytes, tbs!), bits.subarray(1)))) {
    bad('bad-signature', "the CRL is not signed by the certificate's issuer");
  }
  let i = fields[0]?.tag === TAG.integer ? 1 : 0;
  const name = fields[i + 1]!;
  if (!equalBytes(whole(bytes, name), subjectNameOf(issuer))) bad('mismatch', 'the CRL is of another issuer');
  const thisUpdate = decodeTime(bytes, fields[i + 2]!);
  i += 3;
  const next = fields[i];
  const nextUpdate =
    next && (next.tag === TAG.utcTime || next.tag === TAG.generalizedTime) ? decodeTime(bytes, next) : undefined;
  if (nextUpdate) i++;
  const revoked = fields[i]?.tag === TAG.sequence ? fields[i]! : undefined;
  // The entries' offsets, then an open-addressing table of them by a hash of the serial: no string
  // per entry, so 100,000 entries index in tens of milliseconds, yielding between slices.
  const offsets: number[] = [];
  const hashes: number[] = [];
  let at = revoked?.contentStart ?? 0;
  while (revoked && at < revoked.end) {
    for (let n = 0; n < slice && at < revoked.end; n++) {
      const entry = readTlv(bytes, at, revoked.end);
      offsets.push(at);
      hashes.push(serialHash(bytes, entry.contentStart, entry.end));
      at = entry.end;
    }
    if (at < revoked.end) await yieldToEventLoop();
  }
  let size = 16;
  while (size < offsets.length * 2) size *= 2;
  const table = new Int32Array(size).fill(-1);
  for (let k = 0; k < offsets.length; k++) {
    let slot = hashes[k]! & (size - 1);
    while (table[slot] !== -1) slot = (slot + 1) & (size - 1);
    table[slot] = k;
  }
  const serialAt = (offset: number) => {
    const entry = readTlv(bytes, offset);
    return withoutLeadingZeros(contents(bytes, readTlv(bytes, entry.contentStart, entry.end)));
  };
  return {
    thisUpdate,
    nextUpdate,
    entries: offsets.length,
    lookup: (serial) => {
      const wanted = withoutLeadingZeros(serial);
      for (
        let slot = serialHash(wanted, -2, wanted.length) & (size - 1);
        table[slot] !== -1;
        slot = (slot + 1) & (size - 1)
      ) {
        const offset = offsets[table[slot]!]!;
        if (equalBytes(serialAt(offset), wanted)) return readEntry(bytes, offset);
      }
      return undefined;
    },
  };
}

const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * FNV-1a over the magnitude of the INTEGER at `start` (its tag and short length, as serials of at
 * most 20 octets have), read in place; `start` -2 hashes `bytes` as the magnitude itself.
 */
function serialHash(bytes: Uint8Array, start: number, end: number): number {
  let i = start + 2;
  let stop = end;
  if (start >= 0) {
    if (bytes[start] !== TAG.integer || bytes[start + 1]! >= 0x80) return bad('malformed', 'a CRL entry has no serial');
    stop = i + bytes[start + 1]!;
    if (stop > end) return bad('malformed', 'a CRL entry is truncated');
  } else i = 0;
  while (i < stop - 1 && bytes[i] === 0) i++;
  let h = 0x811c9dc5;
  for (; i < stop; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** The http OCSP responders (AIA) and CRL distribution points a certificate names; ldap and others are left out. */
export function revocationSources(cert: x509.X509Certificate): { ocsp: string[]; crl: string[] } {
  const http = (u: string) => /^http:\/\//i.test(u);
  const aia = cert.getExtension(x509.AuthorityInfoAccessExtension);
  const ocsp = (aia?.ocsp ?? []).filter((g) => g.type === 'url').map((g) => g.value);
  const cdp = cert.getExtension(x509.CRLDistributionPointsExtension);
  const crl = (cdp?.distributionPoints ?? []).flatMap(
    (dp) =>
      dp.distributionPoint?.fullName?.flatMap((n) =>
        n.uniformResourceIdentifier ? [n.uniformResourceIdentifier] : [],
      ) ?? [],
  );
  return { ocsp: ocsp.filter(http), crl: crl.filter(http) };
}
