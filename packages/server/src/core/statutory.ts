/** @module Filings signed the ways the law names (qualified signature, podpis osobisty): the signed file checked against the document made from the envelope, and who signed it. */
import { findPadesSignature, PadesError } from '@ebok/forms-core/document';
import {
  EsignError,
  statusHistoryFromJson,
  verifyCades,
  verifyXades,
  type StatutorySigner,
  type TrustedIssuer,
} from '@ebok/forms-core/esign';
import { x509 } from '@ebok/forms-core/pki';
import { Problem } from './problems.js';
import { checkRevocation, type RevocationCheck, type RevocationRecord } from './revocation.js';

/** How the signed file carries its signature. */
export type SignedFileFormat = 'pades' | 'cades-detached' | 'cades-attached' | 'xades-enveloping' | 'xades-detached';

/** What the register records of a statutory signature. */
export interface StatutoryVerification {
  readonly kind: StatutorySigner['kind'];
  readonly format: SignedFileFormat;
  readonly issuer: string;
  readonly subject: string;
  readonly serialNumber: string;
  readonly certificateSha256: string;
  readonly signingTime: string | null;
  /** The certificate's status when filed (revocation.ts); `revoked` is refused, so never registered. */
  readonly revocation: RevocationRecord['revocation'];
  readonly revocationDetail?: RevocationRecord['revocationDetail'];
}

/** XML, perhaps after a byte order mark and white space. */
const looksLikeXml = (file: Uint8Array): boolean => {
  let i = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? 3 : 0;
  while (i < file.length && i < 64 && (file[i] === 0x20 || file[i] === 0x0a || file[i] === 0x0d || file[i] === 0x09))
    i++;
  return file[i] === 0x3c;
};

const verified = (
  signer: StatutorySigner,
  format: SignedFileFormat,
  signingTime: Date | undefined,
  revocation: RevocationRecord,
): { readonly signer: StatutorySigner; readonly verification: StatutoryVerification } => ({
  signer,
  verification: {
    kind: signer.kind,
    format,
    issuer: signer.issuer,
    subject: signer.subject,
    serialNumber: signer.serialNumber,
    certificateSha256: signer.certificateSha256,
    signingTime: signingTime?.toISOString() ?? null,
    ...revocation,
  },
});

const CERTIFICATE_REASONS = new Set([
  'unknown-issuer',
  'not-qualified',
  'certificate-expired',
  'certificate-not-yet-valid',
  'key-usage',
]);

function refuse(e: unknown): never {
  if (e instanceof PadesError) {
    throw new Problem('signature-invalid', undefined, {
      reason: e.code === 'not-this-document' ? 'content-mismatch' : e.code,
      reasonDetail: e.message,
    });
  }
  if (e instanceof EsignError) {
    throw new Problem(CERTIFICATE_REASONS.has(e.code) ? 'certificate-invalid' : 'signature-invalid', undefined, {
      reason: e.code,
      reasonDetail: e.message,
    });
  }
  throw e;
}

/**
 * Verifies the file a resident signed outside ebok against `document`, the PDF ebok makes from
 * the envelope they file: a PDF signed in PAdES (it must begin with `document`, byte for byte), or
 * a CAdES signature (.p7s) over `document`, detached or carrying it. The signer's certificate
 * must chain to an issuer the operator trusts; the kind (qualified, personal, trusted-profile) is
 * that issuer's. Or an XAdES signature over it, enveloping or detached: podpis zaufany (the
 * signer is the trusted profile in its signed properties), or a qualified or personal signature
 * in XML. Every refusal is a Problem with the reason.
 */
export async function verifySignedFile(
  file: Uint8Array,
  document: Uint8Array,
  options: {
    readonly trusted: readonly TrustedIssuer[];
    readonly now: Date;
    readonly maxClockSkewMs: number;
    /** The certificate's revocation, once the signature holds; not looked up without it. */
    readonly revocation?: RevocationCheck;
  },
): Promise<{ readonly signer: StatutorySigner; readonly verification: StatutoryVerification }> {
  const isPdf = file[0] === 0x25 && file[1] === 0x50 && file[2] === 0x44 && file[3] === 0x46; // %PDF
  let format: SignedFileFormat;
  let cms: Uint8Array;
  let content: Uint8Array;
  try {
    if (isPdf) {
      const found = findPadesSignature(file, document);
      format = 'pades';
      cms = found.cms;
      content = found.signedBytes;
    } else if (file[0] === 0x30) {
      cms = file;
      content = document;
      format = 'cades-detached';
    } else if (looksLikeXml(file)) {
      const result = await verifyXades(file, {
        trusted: options.trusted,
        document,
        now: options.now,
        maxClockSkewMs: options.maxClockSkewMs,
      });
      const revocation = await checkRevocation(result, options.trusted, options.now, options.revocation);
      return verified(result.signer, result.format, result.signingTime, revocation);
    } else {
      throw new Problem('signature-invalid', undefined, {
        reason: 'unsupported-format',
        reasonDetail: 'the signed file is not a signed PDF, a CAdES signature or an XAdES signature',
      });
    }
    const result = await verifyCades(cms, {
      trusted: options.trusted,
      content,
      now: options.now,
      maxClockSkewMs: options.maxClockSkewMs,
    });
    if (format === 'cades-detached' && result.content !== content) format = 'cades-attached';
    const revocation = await checkRevocation(result, options.trusted, options.now, options.revocation);
    return verified(result.signer, format, result.signingTime, revocation);
  } catch (e) {
    return refuse(e);
  }
}

const KINDS = new Set(['qualified', 'personal', 'trusted-profile']);

/**
 * The issuers an operator trusts for statutory signatures, from JSON: an array of
 * `{ "kind": "qualified" | "personal" | "trusted-profile", "name": "…", "certificate": "<PEM>" }`
 * (EBOK_TRUSTED_ISSUERS on Workers, the file EBOK_TRUSTED_ISSUERS_FILE on Node). A qualified
 * issuer from an EU trusted list (what `ebok-trusted-list` prints) also has `statusHistory`, its
 * service's statuses, and `trustedList`, `{ territory, sequenceNumber, nextUpdate }`; a
 * trusted-profile entry may add `"issuerCertificate": "<PEM>"`, the CA that issued the service's
 * certificate, so that its revocation can be checked. Throws with
 * the entry that is wrong: a server does not start on a trust list it cannot read.
 */
export function trustedIssuersFromJson(text: string): TrustedIssuer[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new Error('the trusted issuers are not JSON');
  }
  if (!Array.isArray(list)) throw new Error('the trusted issuers must be a JSON array');
  return list.map((item: unknown, i) => {
    const { kind, name, certificate, statusHistory, trustedList, issuerCertificate } = (item ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof kind !== 'string' || !KINDS.has(kind)) {
      throw new Error(`trusted issuer ${i}: "kind" must be qualified, personal or trusted-profile`);
    }
    if (typeof name !== 'string' || name.trim() === '') throw new Error(`trusted issuer ${i}: "name" is missing`);
    if (typeof certificate !== 'string') throw new Error(`trusted issuer ${i}: "certificate" (PEM) is missing`);
    let parsed: x509.X509Certificate;
    try {
      parsed = new x509.X509Certificate(certificate);
    } catch {
      throw new Error(`trusted issuer ${i} (${name}): the certificate cannot be read`);
    }
    let issuerCert: x509.X509Certificate | undefined;
    try {
      if (issuerCertificate !== undefined) issuerCert = new x509.X509Certificate(issuerCertificate as string);
    } catch {
      throw new Error(`trusted issuer ${i} (${name}): the issuer's certificate cannot be read`);
    }
    const issuer: TrustedIssuer = {
      kind: kind as TrustedIssuer['kind'],
      name,
      certificate: parsed,
      ...(issuerCert && { issuerCertificate: issuerCert }),
    };
    if (statusHistory === undefined && trustedList === undefined) return issuer;
    if (kind !== 'qualified')
      throw new Error(`trusted issuer ${i} (${name}): only a qualified issuer has a status history`);
    try {
      return {
        ...issuer,
        ...(statusHistory !== undefined && { statusHistory: statusHistoryFromJson(statusHistory) }),
        ...(trustedList !== undefined && { trustedList: listOf(trustedList) }),
      };
    } catch (e) {
      throw new Error(`trusted issuer ${i} (${name}): ${(e as Error).message}`);
    }
  });
}

/** `trustedList` of an issuer from a trusted list: which list named it, and until when it may be trusted. */
function listOf(value: unknown): NonNullable<TrustedIssuer['trustedList']> {
  const { territory, sequenceNumber, nextUpdate } = (value ?? {}) as Record<string, unknown>;
  if (
    typeof territory !== 'string' ||
    typeof sequenceNumber !== 'number' ||
    typeof nextUpdate !== 'string' ||
    Number.isNaN(Date.parse(nextUpdate))
  ) {
    throw new Error('"trustedList" must be { "territory", "sequenceNumber", "nextUpdate" }');
  }
  return { territory, sequenceNumber, nextUpdate };
}
