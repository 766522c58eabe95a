/** @module The revocation of a statutory signer's certificate as a filing comes in: its status from the OCSP responder or CRL the certificate names, and what the operator's policy (EBOK_REVOCATION) makes of it. */
import { RevocationChecker, type TrustedIssuer } from '@ebok/forms-core/esign';
import type { x509 } from '@ebok/forms-core/pki';
import { Problem } from './problems.js';

/**
 * `require`: a filing whose certificate's status cannot be learnt is refused as retryable (503);
 * `best-effort` (default): it is accepted and the register says `unavailable` and why; `off`: not looked up.
 */
export type RevocationPolicy = 'require' | 'best-effort' | 'off';
export interface RevocationConfig {
  readonly policy: RevocationPolicy;
  /** Per OCSP or CRL request. */
  readonly timeoutMs: number;
}

/** The checker (one per process or Worker isolate: it holds the cache) and the policy. */
export interface RevocationCheck {
  readonly checker: RevocationChecker;
  readonly policy: RevocationPolicy;
}

export const revocationCheck = (config: RevocationConfig): RevocationCheck => ({
  checker: new RevocationChecker({ timeoutMs: config.timeoutMs }),
  policy: config.policy,
});

/** What the register records of the certificate's status (register-entry.schema.json). */
export interface RevocationRecord {
  readonly revocation: 'good' | 'revoked' | 'unavailable' | 'not-checked';
  readonly revocationDetail?: {
    readonly checkedAt: string;
    readonly source?: 'ocsp' | 'crl';
    readonly url?: string;
    readonly thisUpdate?: string;
    readonly nextUpdate?: string | null;
    readonly why?: string;
    readonly detail?: string;
  };
}

/** A retry after this long finds the responders back, or the answer cached, in most outages. */
const RETRY_AFTER_SECONDS = 60;

/**
 * The status of the certificate that signed a filing. Revoked (or on hold) is refused, whenever
 * it happened: a filing made now is not signed by a certificate revoked by now. Under `require`,
 * a status that cannot be learnt is refused as retryable (503 revocation-unavailable with
 * Retry-After: the resident did nothing wrong and the same file will do later), except for a
 * certificate that names no OCSP responder or CRL at all, which no retry can help (422). Under
 * `best-effort`, it is accepted and the register says `unavailable` and why.
 */
export async function checkRevocation(
  signed: { readonly certificate: x509.X509Certificate; readonly certificates: readonly x509.X509Certificate[] },
  trusted: readonly TrustedIssuer[],
  now: Date,
  check: RevocationCheck | undefined,
): Promise<RevocationRecord> {
  if (!check || check.policy === 'off') return { revocation: 'not-checked' };
  const candidates = [
    ...signed.certificates,
    ...trusted.flatMap((t) => (t.issuerCertificate ? [t.certificate, t.issuerCertificate] : [t.certificate])),
  ];
  const status = await check.checker.check(signed.certificate, candidates, now);
  const checkedAt = now.toISOString();
  switch (status.status) {
    case 'revoked':
      throw new Problem('certificate-revoked', undefined, {
        reason: status.reason,
        reasonDetail: `the certificate was revoked on ${status.revokedAt.toISOString()} (${status.reason}), as its ${status.source === 'ocsp' ? 'OCSP responder' : 'CRL'} says`,
      });
    case 'good':
      return {
        revocation: 'good',
        revocationDetail: {
          checkedAt,
          source: status.source,
          url: status.url,
          thisUpdate: status.thisUpdate.toISOString(),
          nextUpdate: status.nextUpdate?.toISOString() ?? null,
        },
      };
  }
  if (check.policy === 'require') {
    if (status.why === 'no-source') {
      throw new Problem('certificate-invalid', undefined, {
        reason: 'no-revocation-source',
        reasonDetail: status.detail,
      });
    }
    throw new Problem(
      'revocation-unavailable',
      undefined,
      { reason: status.why, reasonDetail: status.detail, retryAfter: RETRY_AFTER_SECONDS },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
  return { revocation: 'unavailable', revocationDetail: { checkedAt, why: status.why, detail: status.detail } };
}
