import { ecdsa, equalBytes, fromHex, sha256, toHex } from '../pki/encoding.js';
import type { ResidentIdentity } from '../pki/names.js';
import { OID } from '../pki/oids.js';
import { CertificateCache, type TrustAnchor } from './certificates.js';
import {
  findIssuerAndSerial,
  childAt,
  children,
  contents,
  decodeOid,
  decodeTime,
  DerError,
  ecdsaDerToRaw,
  expectTag,
  readTlv,
  TAG,
  whole,
  withoutLeadingZeros,
} from './der-codec.js';
import {
  parseSignedData,
  type ParsedSignedData,
  type ParsedSignerInfo,
  SignedDataLimitError,
  type SignedDataLimits,
} from './parse.js';
import { reject, Rejection, type VerifyErrorCode } from './rejection.js';

export type { VerifyErrorCode };

export interface Signer {
  /** The person, as the certificate names them; undefined for a certificate that names none (e.g. the service's). */
  readonly identity: ResidentIdentity | undefined;
  /** Their semantics identifier (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …), read once per certificate. */
  readonly identifier: string | undefined;
  readonly subject: string;
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  readonly certificateSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export type VerifyResult =
  | { readonly ok: true; readonly signer: Signer; readonly signingTime: Date; readonly contentSha256: string }
  | { readonly ok: false; readonly error: VerifyErrorCode; readonly detail: string };

export interface VerifyOptions {
  /** The city CA certificates a signer's certificate must chain to (directly). */
  readonly trustAnchors: readonly TrustAnchor[];
  /** Defaults to now. */
  readonly now?: Date;
  /** Whether a certificate (by serial, lower-case hex) is revoked. Asked on every verification: never cached. */
  readonly isRevoked?: (serialNumber: string) => boolean | Promise<boolean>;
  /** Verified certificates by SHA-256, shared across calls so a busy server parses each once. */
  readonly cache?: CertificateCache;
  /**
   * What the certificate must be for: `resident` (the city's resident policy and document
   * signing: applications), `service` (the intake service's policy and receipt signing:
   * receipts). Without it any certificate of the trust anchors will do.
   */
  readonly purpose?: 'resident' | 'service';
  /** How far `signingTime` may be ahead of `now` (clocks differ a little); default 5 minutes. */
  readonly maxClockSkewMs?: number;
  /** Certificates and SignerInfos a signature may hold (default 4 and 1), checked while it is read. */
  readonly limits?: SignedDataLimits;
}

const PURPOSES = {
  resident: { policy: OID.residentPolicy, usage: OID.documentSigning, what: 'a resident certificate' },
  service: { policy: OID.servicePolicy, usage: OID.receiptSigning, what: "the intake service's certificate" },
} as const;

const ID_DATA = OID.data;
const defaultCache = new CertificateCache();

function single(signer: ParsedSignerInfo, type: string): Uint8Array | undefined {
  const attrs = signer.attributes.filter((a) => a.type === type);
  if (attrs.length > 1) reject('malformed', `signed attribute ${type} appears more than once`);
  if (attrs.length === 1 && attrs[0]!.values.length !== 1)
    reject('malformed', `signed attribute ${type} must have one value`);
  return attrs[0]?.values[0];
}

/** An error thrown by a function the caller gave (`isRevoked`): not the signature's fault. */
class CallerError {
  constructor(readonly cause: unknown) {}
}

/**
 * Verifies a detached CMS SignedData over `content`: structure and algorithms (SHA-256, ECDSA
 * P-256), the signed attributes (contentType, messageDigest, signingTime,
 * signing-certificate-v2), the signature, the certificate's chain to a city CA, its validity at
 * signing time and now, its key usage and its revocation. Every problem of the signature is a
 * specific error code; it throws only what `isRevoked` threw (the caller's lookup failed).
 */

export async function verifyDetached(
  content: Uint8Array,
  signature: Uint8Array,
  options: VerifyOptions,
): Promise<VerifyResult> {
  try {
    return await verify(content, signature, options);
  } catch (e) {
    if (e instanceof Rejection) return { ok: false, error: e.code, detail: e.message };
    // The caller's own lookup failed (its database is down): no verdict on the signature, the error is the caller's.
    if (e instanceof CallerError) throw e.cause;
    return {
      ok: false,
      error: 'malformed',
      detail: `unreadable signature (${(e as Error).name}: ${(e as Error).message})`,
    };
  }
}

async function verify(content: Uint8Array, signature: Uint8Array, options: VerifyOptions): Promise<VerifyResult> {
  const now = options.now ?? new Date();
  const cache = options.cache ?? defaultCache;
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(signature, options.limits);
  } catch (e) {
    if (e instanceof SignedDataLimitError)
      return reject(e.what === 'signers' ? 'multiple-signers' : 'too-large', `the signature holds ${e.message}`);
    return reject('malformed', `not a CMS SignedData (${(e as Error).message})`);
  }
  if (sd.eContentType !== ID_DATA) reject('malformed', 'the signed content type is not id-data');
  if (sd.hasContent) reject('malformed', 'the signature is not detached: it carries content');
  if (sd.signers.length === 0) reject('malformed', 'no signer');
  if (sd.signers.length > 1) reject('multiple-signers', `${sd.signers.length} signers; exactly one is accepted`);
  const signer = sd.signers[0]!;
  if (signer.digestAlgorithm !== OID.sha256)
    reject('unsupported-algorithm', `digest ${signer.digestAlgorithm}; SHA-256 is required`);
  if (signer.signatureAlgorithm !== OID.ecdsaWithSha256) {
    reject('unsupported-algorithm', `signature ${signer.signatureAlgorithm}; ECDSA with SHA-256 is required`);
  }

  const contentType = single(signer, OID.contentType);
  const messageDigest = single(signer, OID.messageDigest);
  const signingTimeValue = single(signer, OID.signingTime);
  const essValue = single(signer, OID.signingCertificateV2);
  const missing = Object.entries({
    contentType,
    messageDigest,
    signingTime: signingTimeValue,
    'signing-certificate-v2': essValue,
  })
    .filter(([, v]) => v === undefined)
    .map(([n]) => n);
  if (!signer.signedAttrs || missing.length > 0) {
    reject('missing-signed-attributes', `missing signed attributes: ${missing.join(', ')}`);
  }
  const read = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof DerError) return reject('malformed', `cannot read ${what}`);
      throw e;
    }
  };
  const ct = contentType!;
  if (read('contentType', () => decodeOid(contents(ct, expectTag(readTlv(ct, 0), TAG.oid, 'OID')))) !== ID_DATA) {
    reject('malformed', 'the contentType attribute is not id-data');
  }
  const signingTime = read('signingTime', () => decodeTime(signingTimeValue!, readTlv(signingTimeValue!, 0)));
  const claimed = read('messageDigest', () =>
    contents(messageDigest!, expectTag(readTlv(messageDigest!, 0), TAG.octetString, 'digest')),
  );

  const digest = await sha256(content);
  if (!equalBytes(digest, claimed)) reject('content-mismatch', 'the document is not the one that was signed');

  const certDer = sd.certificates.find((der) => {
    const found = signer.issuer && signer.serialNumber && findIssuerAndSerial(der);
    return (
      !!found &&
      equalBytes(withoutLeadingZeros(contents(der, found.serial)), withoutLeadingZeros(signer.serialNumber!)) &&
      equalBytes(whole(der, found.issuer), signer.issuer!)
    );
  });
  if (!certDer) reject('certificate-missing', "the signer's certificate is not included");
  const known = await cache.lookup(certDer!, options.trustAnchors);
  const certHash = fromHex(known.hash);

  // signing-certificate-v2: SEQUENCE { SEQUENCE OF ESSCertIDv2 { [hashAlgorithm], certHash, … } }
  const { essAlgorithm, essHash } = read('signing-certificate-v2', () => {
    const ess = essValue!;
    const outer = expectTag(readTlv(ess, 0), TAG.sequence, 'SigningCertificateV2');
    const certs = children(ess, childAt(ess, outer, 0, TAG.sequence, 'certs'));
    const first = children(ess, expectTag(certs[0], TAG.sequence, 'ESSCertIDv2'));
    const hasAlgorithm = first[0]?.tag === TAG.sequence;
    const algorithm = hasAlgorithm
      ? decodeOid(contents(ess, expectTag(children(ess, first[0]!)[0], TAG.oid, 'OID')))
      : OID.sha256;
    return {
      essAlgorithm: algorithm,
      essHash: contents(ess, expectTag(first[hasAlgorithm ? 1 : 0], TAG.octetString, 'certHash')),
    };
  });
  if (essAlgorithm !== OID.sha256)
    reject('unsupported-algorithm', `signing-certificate-v2 hash ${essAlgorithm}; SHA-256 is required`);
  if (!equalBytes(essHash, certHash))
    reject('signing-certificate-mismatch', 'signing-certificate-v2 names another certificate');

  // Parsed, chained to a trust anchor and its key imported once, then served from the cache.
  const verified = known.verified ?? (await cache.verify(certDer!, known.hash, options.trustAnchors));
  if (now < verified.anchorNotBefore || now > verified.anchorNotAfter)
    reject('trust-anchor-invalid', "the city CA's own certificate is not valid now");
  if (options.purpose) {
    const { policy, usage, what } = PURPOSES[options.purpose];
    if (!verified.policies.includes(policy) || !verified.extendedKeyUsages?.includes(usage))
      reject('certificate-purpose', `the certificate is not ${what}`);
  }

  const raw = read('the signature value', () => ecdsaDerToRaw(signer.signature));
  if (!raw) reject('signature-invalid', 'the signature value does not fit P-256');
  const ok = await ecdsa().verify(verified.publicKey, raw!, signer.signedAttrs!);
  if (!ok) reject('signature-invalid', 'the signature does not verify');

  if (signingTime.getTime() > now.getTime() + (options.maxClockSkewMs ?? 5 * 60_000))
    reject('signing-time-future', `the signing time ${signingTime.toISOString()} is in the future`);
  for (const [when, label] of [
    [signingTime, 'at signing time'],
    [now, 'now'],
  ] as const) {
    if (when < verified.notBefore) reject('certificate-not-yet-valid', `the certificate is not yet valid ${label}`);
    if (when > verified.notAfter) reject('certificate-expired', `the certificate has expired ${label}`);
  }
  if (!verified.signingKeyUsage) reject('key-usage', 'the certificate is not for digital signatures');
  let revoked = false;
  try {
    revoked = !!options.isRevoked && (await options.isRevoked(verified.serialNumber));
  } catch (e) {
    throw new CallerError(e);
  }
  if (revoked) reject('certificate-revoked', 'the certificate has been revoked');

  return {
    ok: true,
    signingTime,
    contentSha256: toHex(digest),
    signer: {
      identity: verified.identity,
      identifier: verified.identifier,
      subject: verified.subject,
      serialNumber: verified.serialNumber,
      certificateSha256: verified.sha256,
      notBefore: verified.notBefore,
      notAfter: verified.notAfter,
    },
  };
}
