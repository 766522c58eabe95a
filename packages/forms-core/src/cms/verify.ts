import { ContentInfo, id_signedData, SignedData, type SignerInfo } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { type Certificate, Time } from '@peculiar/asn1-x509';
import { equalBytes, sha256, toArrayBuffer, toHex } from '../pki/encoding.js';
import type { ResidentIdentity } from '../pki/names.js';
import { OID } from '../pki/oids.js';
import { CertificateCache, type TrustAnchor, type VerifiedCertificate } from './certificates.js';
import { derEcdsaToRaw, derSetOf, ID_DATA_DER } from './der.js';
import { SigningCertificateV2 } from './ess.js';
import { reject, Rejection } from './rejection.js';

import type { VerifyErrorCode } from './rejection.js';
export type { VerifyErrorCode };

export interface Signer {
  /** The person, as the certificate names them; undefined for a certificate without a PESEL (e.g. the service's). */
  readonly identity: ResidentIdentity | undefined;
  readonly subject: string;
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  readonly certificateSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export type VerifyResult =
  | { readonly ok: true; readonly signer: Signer; readonly signingTime: Date }
  | { readonly ok: false; readonly error: VerifyErrorCode; readonly detail: string };

export interface VerifyOptions {
  /** The city CA certificates a signer's certificate must chain to (directly). */
  readonly trustAnchors: readonly TrustAnchor[];
  /** Defaults to now. */
  readonly now?: Date;
  /** Whether a certificate (by serial, hex) is revoked. Asked on every verification: never cached. */
  readonly isRevoked?: (serialNumber: string) => boolean | Promise<boolean>;
  /** Verified certificates by SHA-256, shared across calls so a busy server parses each once. */
  readonly cache?: CertificateCache;
}

function attributeValue(signerInfo: SignerInfo, oid: string): ArrayBuffer | undefined {
  const attrs = (signerInfo.signedAttrs ?? []).filter((a) => a.attrType === oid);
  if (attrs.length > 1) reject('malformed', `signed attribute ${oid} appears more than once`);
  const values = attrs[0]?.attrValues;
  if (attrs.length === 1 && values?.length !== 1)
    reject('malformed', `signed attribute ${oid} must have exactly one value`);
  return values?.[0];
}

function parse<T>(bytes: ArrayBuffer, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(bytes, type);
  } catch {
    return reject('malformed', `cannot parse ${what}`);
  }
}

const defaultCache = new CertificateCache();

/**
 * Verifies a detached CMS SignedData over `content`: structure and algorithms (SHA-256, ECDSA
 * P-256), the signed attributes (contentType, messageDigest, signingTime,
 * signing-certificate-v2), the signature, the certificate's chain to a city CA, its validity at
 * signing time and now, its key usage and its revocation. Never throws: every problem is a
 * specific error code.
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
    return { ok: false, error: 'malformed', detail: `unreadable signature (${(e as Error).name})` };
  }
}

async function verify(content: Uint8Array, signature: Uint8Array, options: VerifyOptions): Promise<VerifyResult> {
  const now = options.now ?? new Date();
  const cache = options.cache ?? defaultCache;
  const contentInfo = parse(toArrayBuffer(signature), ContentInfo, 'ContentInfo');
  if (contentInfo.contentType !== id_signedData) reject('malformed', 'not a CMS SignedData');
  const signedData = parse(contentInfo.content, SignedData, 'SignedData');
  if (signedData.encapContentInfo.eContentType !== OID.data)
    reject('malformed', 'the signed content type is not id-data');
  if (signedData.encapContentInfo.eContent) reject('malformed', 'the signature is not detached: it carries content');
  if (signedData.signerInfos.length === 0) reject('malformed', 'no signer');
  if (signedData.signerInfos.length > 1)
    reject('multiple-signers', `${signedData.signerInfos.length} signers; exactly one is accepted`);
  const signerInfo = signedData.signerInfos[0]!;

  if (signerInfo.digestAlgorithm.algorithm !== OID.sha256) {
    reject('unsupported-algorithm', `digest ${signerInfo.digestAlgorithm.algorithm}; SHA-256 is required`);
  }
  if (signerInfo.signatureAlgorithm.algorithm !== OID.ecdsaWithSha256) {
    reject(
      'unsupported-algorithm',
      `signature ${signerInfo.signatureAlgorithm.algorithm}; ECDSA with SHA-256 is required`,
    );
  }

  // Signed attributes: all four must be there.
  if (!signerInfo.signedAttrs || signerInfo.signedAttrs.length === 0)
    reject('missing-signed-attributes', 'no signed attributes');
  const contentType = attributeValue(signerInfo, OID.contentType);
  const messageDigest = attributeValue(signerInfo, OID.messageDigest);
  const signingTimeValue = attributeValue(signerInfo, OID.signingTime);
  const signingCertificate = attributeValue(signerInfo, OID.signingCertificateV2);
  const missing = [
    [contentType, 'contentType'],
    [messageDigest, 'messageDigest'],
    [signingTimeValue, 'signingTime'],
    [signingCertificate, 'signing-certificate-v2'],
  ]
    .filter(([v]) => v === undefined)
    .map(([, n]) => n);
  if (missing.length > 0) reject('missing-signed-attributes', `missing signed attributes: ${missing.join(', ')}`);
  if (!equalBytes(new Uint8Array(contentType!), ID_DATA_DER))
    reject('malformed', 'contentType attribute is not id-data');
  const signingTime = parse(signingTimeValue!, Time, 'signingTime').getTime();

  const digest = await sha256(content);
  const claimed = new Uint8Array(parse(messageDigest!, OctetString, 'messageDigest').buffer);
  if (!equalBytes(digest, claimed)) reject('content-mismatch', 'the document is not the one that was signed');

  // The signer's certificate, found by issuer and serial number (or subject key identifier).
  const sid = signerInfo.sid;
  const certificates = (signedData.certificates ?? []).map((c) => c.certificate).filter((c): c is Certificate => !!c);
  const signerCert = certificates.find((c) => {
    if (sid.issuerAndSerialNumber) {
      return (
        equalBytes(
          new Uint8Array(c.tbsCertificate.serialNumber),
          new Uint8Array(sid.issuerAndSerialNumber.serialNumber),
        ) &&
        equalBytes(
          new Uint8Array(AsnConvert.serialize(c.tbsCertificate.issuer)),
          new Uint8Array(AsnConvert.serialize(sid.issuerAndSerialNumber.issuer)),
        )
      );
    }
    return false;
  });
  if (!signerCert) reject('certificate-missing', "the signer's certificate is not included");
  const certDer = new Uint8Array(AsnConvert.serialize(signerCert!));
  const certHash = await sha256(certDer);

  const essCerts = parse(signingCertificate!, SigningCertificateV2, 'signing-certificate-v2').certs;
  const first = essCerts[0];
  if (!first) reject('malformed', 'signing-certificate-v2 names no certificate');
  const essAlg = first!.hashAlgorithm?.algorithm ?? OID.sha256;
  if (essAlg !== OID.sha256)
    reject('unsupported-algorithm', `signing-certificate-v2 hash ${essAlg}; SHA-256 is required`);
  if (!equalBytes(new Uint8Array(first!.certHash.buffer), certHash)) {
    reject('signing-certificate-mismatch', 'signing-certificate-v2 names another certificate');
  }

  // The certificate: parsed, chained to a trust anchor and its key imported once, then cached.
  const verified: VerifiedCertificate = await cache.verify(certDer, toHex(certHash), options.trustAnchors);

  const signedAttrsDer = derSetOf(signerInfo.signedAttrs!.map((a) => new Uint8Array(AsnConvert.serialize(a))));
  const rawSignature = derEcdsaToRaw(new Uint8Array(signerInfo.signature.buffer));
  if (!rawSignature) reject('signature-invalid', 'the signature value does not fit P-256');
  const ok = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    verified.publicKey,
    toArrayBuffer(rawSignature!),
    toArrayBuffer(signedAttrsDer),
  );
  if (!ok) reject('signature-invalid', 'the signature does not verify');

  for (const [when, label] of [
    [signingTime, 'at signing time'],
    [now, 'now'],
  ] as const) {
    if (when < verified.notBefore) reject('certificate-not-yet-valid', `the certificate is not yet valid ${label}`);
    if (when > verified.notAfter) reject('certificate-expired', `the certificate has expired ${label}`);
  }
  if (!verified.signingKeyUsage) reject('key-usage', 'the certificate is not for digital signatures');
  if (options.isRevoked && (await options.isRevoked(verified.serialNumber))) {
    reject('certificate-revoked', 'the certificate has been revoked');
  }

  return {
    ok: true,
    signingTime,
    signer: {
      identity: verified.identity,
      subject: verified.subject,
      serialNumber: verified.serialNumber,
      certificateSha256: verified.sha256,
      notBefore: verified.notBefore,
      notAfter: verified.notAfter,
    },
  };
}
