/** @module CAdES signatures the law names (qualified, podpis osobisty): CMS over the application's document, its signer's chain to the operator's trusted issuers, and who signed. */
import {
  childAt,
  children,
  contents,
  decodeOid,
  decodeTime,
  DerError,
  ecdsaDerToRaw,
  expectTag,
  findIssuerAndSerial,
  readTlv,
  TAG,
  whole,
  withoutLeadingZeros,
} from '../cms/der-codec.js';
import { parseSignedData, SignedDataLimitError, type SignedDataLimits } from '../cms/parse.js';
import { equalBytes, toArrayBuffer } from '../pki/encoding.js';
import { identityFromSubject } from '../pki/names.js';
import { OID } from '../pki/oids.js';
import { x509 } from '../pki/x509.js';

import {
  chain,
  checkQualified,
  checkValidity,
  fail,
  statutorySigner,
  type StatutorySigner,
  type TrustedIssuer,
} from './trust.js';

export {
  EsignError,
  type EsignErrorCode,
  type StatutoryKind,
  type StatutorySigner,
  type TrustedIssuer,
} from './trust.js';

const bytesOf = (b: ArrayBuffer) => new Uint8Array(b);

export interface CadesResult {
  readonly signer: StatutorySigner;
  /** The time the signer's tool claims (the signingTime attribute); absent when it gives none. */
  readonly signingTime: Date | undefined;
  /** What was signed: `content` for a detached signature, the carried content for an attached one. */
  readonly content: Uint8Array;
  /** The signer's certificate, and every certificate the signature carries (for its revocation check). */
  readonly certificate: x509.X509Certificate;
  readonly certificates: readonly x509.X509Certificate[];
}

export interface CadesOptions {
  readonly trusted: readonly TrustedIssuer[];
  /** The content a detached signature covers; omit for an attached one. */
  readonly content?: Uint8Array;
  /** Defaults to now. */
  readonly now?: Date;
  readonly maxClockSkewMs?: number;
  /** Defaults: 6 certificates (signer, intermediates, what tools add), 1 signer. */
  readonly limits?: SignedDataLimits;
}

const DIGESTS: Readonly<Record<string, string>> = {
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Signature algorithms by OID: RSA PKCS #1 v1.5 and ECDSA, with the hash some OIDs fix. */
const SIGNATURES: Readonly<Record<string, { readonly name: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; readonly hash?: string }>> = {
  '1.2.840.113549.1.1.1': { name: 'RSASSA-PKCS1-v1_5' },
  '1.2.840.113549.1.1.11': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  [OID.ecPublicKey]: { name: 'ECDSA' },
  [OID.ecdsaWithSha256]: { name: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA', hash: 'SHA-512' },
};

const CURVE_SIZES: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };
const SIGNING_CERTIFICATE_V1 = '1.2.840.113549.1.9.16.2.12';
const SHA1 = '1.3.14.3.2.26';

function single(
  attributes: ReadonlyArray<{ type: string; values: readonly Uint8Array[] }>,
  type: string,
): Uint8Array | undefined {
  const found = attributes.filter((a) => a.type === type);
  if (found.length > 1 || (found.length === 1 && found[0]!.values.length !== 1)) {
    fail('malformed', `signed attribute ${type} must appear once with one value`);
  }
  return found[0]?.values[0];
}

/**
 * Verifies a CAdES signature (CMS SignedData, detached over `options.content` or carrying its
 * content) made with a qualified certificate or an e-ID card's personal-signature certificate:
 * one signer; signed attributes with contentType, messageDigest and the signing certificate
 * (ESS v2, or v1 as older tools write it) naming the signer's certificate; the signature (RSA
 * PKCS #1 v1.5 or ECDSA with SHA-256/384/512); the certificate's chain to an issuer the
 * operator trusts, which gives the kind; for a qualified issuer, the certificate's QC
 * statements (EU qualified, on a qualified device, for signatures); validity now and at the
 * claimed signing time; key usage. Revocation is the caller's next step (the result names the
 * certificate). Throws EsignError with a code for every refusal.
 */
export async function verifyCades(cms: Uint8Array, options: CadesOptions): Promise<CadesResult> {
  const now = options.now ?? new Date();
  let sd;
  try {
    sd = parseSignedData(cms, options.limits ?? { maxCertificates: 6, maxSigners: 1 });
  } catch (e) {
    if (e instanceof SignedDataLimitError) {
      return fail(e.what === 'signers' ? 'multiple-signers' : 'too-large', `the signature holds ${e.message}`);
    }
    return fail('malformed', `not a CMS SignedData (${(e as Error).message})`);
  }
  if (sd.signers.length !== 1) fail('multiple-signers', `${sd.signers.length} signers; exactly one is accepted`);
  const signer = sd.signers[0]!;
  const content = sd.content ?? options.content;
  if (sd.hasContent && !sd.content) fail('malformed', 'the carried content cannot be read');
  if (sd.content && options.content && !equalBytes(sd.content, options.content)) {
    fail('content-mismatch', 'the signature carries another document');
  }
  if (!content) return fail('content-missing', 'a detached signature needs the document it signs');

  const hash = DIGESTS[signer.digestAlgorithm];
  if (!hash) fail('unsupported-algorithm', `digest ${signer.digestAlgorithm}; SHA-256, SHA-384 or SHA-512 is accepted`);
  const algorithm = SIGNATURES[signer.signatureAlgorithm];
  if (!algorithm) fail('unsupported-algorithm', `signature algorithm ${signer.signatureAlgorithm} is not accepted`);
  if (algorithm!.hash && algorithm!.hash !== hash)
    fail('unsupported-algorithm', 'the signature and digest algorithms differ');

  const read = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof DerError) return fail('malformed', `cannot read ${what}`);
      throw e;
    }
  };
  const messageDigest = single(signer.attributes, OID.messageDigest);
  const contentType = single(signer.attributes, OID.contentType);
  const essV2 = single(signer.attributes, OID.signingCertificateV2);
  const essV1 = single(signer.attributes, SIGNING_CERTIFICATE_V1);
  if (!signer.signedAttrs || !messageDigest || !contentType || (!essV2 && !essV1)) {
    fail('missing-signed-attributes', 'a CAdES signature signs contentType, messageDigest and the signing certificate');
  }
  const type = read('contentType', () =>
    decodeOid(contents(contentType!, expectTag(readTlv(contentType!, 0), TAG.oid, 'OID'))),
  );
  if (type !== sd.eContentType) fail('malformed', 'the contentType attribute differs from the content’s type');
  const claimed = read('messageDigest', () =>
    contents(messageDigest!, expectTag(readTlv(messageDigest!, 0), TAG.octetString, 'digest')),
  );
  const digest = bytesOf(await crypto.subtle.digest(hash!, toArrayBuffer(content)));
  if (!equalBytes(digest, claimed)) fail('content-mismatch', 'the document is not the one that was signed');
  const signingTimeValue = single(signer.attributes, OID.signingTime);
  const signingTime =
    signingTimeValue && read('signingTime', () => decodeTime(signingTimeValue, readTlv(signingTimeValue, 0)));

  const carried = sd.certificates.map((der) => {
    try {
      return new x509.X509Certificate(toArrayBuffer(der));
    } catch {
      return fail('malformed', 'a certificate in the signature cannot be read');
    }
  });
  const index = sd.certificates.findIndex((der) => {
    const found = signer.issuer && signer.serialNumber && findIssuerAndSerial(der);
    return (
      !!found &&
      equalBytes(withoutLeadingZeros(contents(der, found.serial)), withoutLeadingZeros(signer.serialNumber!)) &&
      equalBytes(whole(der, found.issuer), signer.issuer!)
    );
  });
  if (index < 0) fail('certificate-missing', "the signer's certificate is not included");
  const certDer = sd.certificates[index]!;
  const cert = carried[index]!;

  // The signing certificate attribute: the hash of exactly this certificate.
  const { essHash, essAlgorithm } = read('the signing certificate attribute', () => {
    const ess = (essV2 ?? essV1)!;
    const certs = children(
      ess,
      childAt(ess, expectTag(readTlv(ess, 0), TAG.sequence, 'SigningCertificate'), 0, TAG.sequence, 'certs'),
    );
    const first = children(ess, expectTag(certs[0], TAG.sequence, 'ESSCertID'));
    const hasAlgorithm = !!essV2 && first[0]?.tag === TAG.sequence;
    return {
      essAlgorithm: essV2
        ? hasAlgorithm
          ? decodeOid(contents(ess, expectTag(children(ess, first[0]!)[0], TAG.oid, 'OID')))
          : OID.sha256
        : SHA1,
      essHash: contents(ess, expectTag(first[hasAlgorithm ? 1 : 0], TAG.octetString, 'certHash')),
    };
  });
  const essDigest = essAlgorithm === SHA1 ? 'SHA-1' : DIGESTS[essAlgorithm];
  if (!essDigest) fail('unsupported-algorithm', `signing certificate hash ${essAlgorithm} is not accepted`);
  const certHash = bytesOf(await crypto.subtle.digest(essDigest!, toArrayBuffer(certDer)));
  if (!equalBytes(certHash, essHash))
    fail('signing-certificate-mismatch', 'the signing certificate attribute names another certificate');

  const issuer = await chain(cert, carried, options.trusted, now);
  if (issuer.kind === 'qualified') checkQualified(cert, issuer);

  const keyAlgorithm = cert.publicKey.algorithm as RsaHashedKeyAlgorithm | EcKeyAlgorithm;
  let valid: boolean;
  if (algorithm!.name === 'ECDSA') {
    const curve = (keyAlgorithm as EcKeyAlgorithm).namedCurve;
    if (keyAlgorithm.name !== 'ECDSA' || !CURVE_SIZES[curve])
      fail('unsupported-algorithm', 'the key is not ECDSA on P-256, P-384 or P-521');
    const key = await cert.publicKey.export({ name: 'ECDSA', namedCurve: curve }, ['verify']);
    const raw = read('the signature value', () => ecdsaDerToRaw(signer.signature, CURVE_SIZES[curve]));
    valid =
      !!raw &&
      (await crypto.subtle.verify(
        { name: 'ECDSA', hash: hash! },
        key,
        toArrayBuffer(raw),
        toArrayBuffer(signer.signedAttrs!),
      ));
  } else {
    if (keyAlgorithm.name !== 'RSASSA-PKCS1-v1_5' && keyAlgorithm.name !== 'RSA-PSS')
      fail('unsupported-algorithm', 'the key is not RSA');
    const key = await cert.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: hash! }, ['verify']);
    valid = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      toArrayBuffer(signer.signature),
      toArrayBuffer(signer.signedAttrs!),
    );
  }
  if (!valid) fail('signature-invalid', 'the signature does not verify');

  checkValidity(cert, now, signingTime, options.maxClockSkewMs);
  return {
    signingTime,
    content,
    certificate: cert,
    certificates: carried,
    signer: await statutorySigner(cert, issuer, identityFromSubject(cert.subjectName)),
  };
}
