/** @module Filings signed the ways the law names (qualified signature, podpis osobisty): the signed file checked against the document made from the envelope, and who signed it. */
import { findPadesSignature, PadesError } from '@ebok/forms-core/document';
import { EsignError, verifyCades, type StatutorySigner, type TrustedIssuer } from '@ebok/forms-core/esign';
import { x509 } from '@ebok/forms-core/pki';
import { Problem } from './problems.js';

/** How the signed file carries its signature. */
export type SignedFileFormat = 'pades' | 'cades-detached' | 'cades-attached';

/** What the register records of a statutory signature. */
export interface StatutoryVerification {
  readonly kind: StatutorySigner['kind'];
  readonly format: SignedFileFormat;
  readonly issuer: string;
  readonly subject: string;
  readonly serialNumber: string;
  readonly certificateSha256: string;
  readonly signingTime: string | null;
  /** Revocation is not looked up yet (no CRL or OCSP client): the register says so. */
  readonly revocation: 'not-checked';
}

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
 * must chain to an issuer the operator trusts; the kind (qualified, personal) is that issuer's.
 * XAdES files are refused as a format not accepted yet. Every refusal is a Problem with the reason.
 */
export async function verifySignedFile(
  file: Uint8Array,
  document: Uint8Array,
  options: { readonly trusted: readonly TrustedIssuer[]; readonly now: Date; readonly maxClockSkewMs: number },
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
    } else {
      throw new Problem('signature-invalid', undefined, {
        reason: 'unsupported-format',
        reasonDetail:
          file[0] === 0x3c
            ? 'XAdES signatures are not accepted yet: sign the PDF in PAdES or CAdES'
            : 'the signed file is neither a signed PDF nor a CAdES signature',
      });
    }
    const result = await verifyCades(cms, {
      trusted: options.trusted,
      content,
      now: options.now,
      maxClockSkewMs: options.maxClockSkewMs,
    });
    if (format === 'cades-detached' && result.content !== content) format = 'cades-attached';
    const { signer } = result;
    return {
      signer,
      verification: {
        kind: signer.kind,
        format,
        issuer: signer.issuer,
        subject: signer.subject,
        serialNumber: signer.serialNumber,
        certificateSha256: signer.certificateSha256,
        signingTime: result.signingTime?.toISOString() ?? null,
        revocation: 'not-checked',
      },
    };
  } catch (e) {
    return refuse(e);
  }
}

const KINDS = new Set(['qualified', 'personal', 'trusted-profile']);

/**
 * The issuers an operator trusts for statutory signatures, from JSON: an array of
 * `{ "kind": "qualified" | "personal" | "trusted-profile", "name": "…", "certificate": "<PEM>" }`
 * (EBOK_TRUSTED_ISSUERS on Workers, the file EBOK_TRUSTED_ISSUERS_FILE on Node). Throws with
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
    const { kind, name, certificate } = (item ?? {}) as Record<string, unknown>;
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
    return { kind: kind as TrustedIssuer['kind'], name, certificate: parsed };
  });
}
