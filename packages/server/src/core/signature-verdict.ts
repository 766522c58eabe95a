/** @module A signed document's verdict for the officer who reads it: who signed, with which certificate, and what was found of it at receipt. */
import type { DepartmentDocument } from '@ebok/schemas/api';
import { semanticsIdentifier } from '@ebok/forms-core/formats';
import { signerCertificateSummary } from '@ebok/forms-core/pki';
import type { StoredDocument } from './platform.js';

export type SignatureVerdict = NonNullable<DepartmentDocument['verdict']>;

/** The person the register recorded as the sender: their name and identifier. */
function signerOf(sender: unknown): { name: string; identifier?: string } | undefined {
  if (typeof sender !== 'object' || sender === null) return undefined;
  const s = sender as { givenNames?: unknown; surname?: unknown; subject?: unknown };
  if (typeof s.givenNames === 'string' && typeof s.surname === 'string') {
    const identifier = semanticsIdentifier(sender);
    return { name: `${s.givenNames} ${s.surname}`, ...(identifier && { identifier }) };
  }
  return typeof s.subject === 'string' ? { name: s.subject } : undefined;
}

interface StatutoryRecord {
  kind: 'qualified' | 'personal' | 'trusted-profile';
  format: string;
  issuer: string;
  subject: string;
  serialNumber: string;
  signingTime: string | null;
  revocation: SignatureVerdict['revocation'];
  revocationDetail?: { checkedAt?: string; source?: 'ocsp' | 'crl' };
  signers?: unknown[];
}

/**
 * The verdict on a stored document's signature, from what the register recorded at receipt: a
 * statutory signature's verification as it was recorded; for the city certificate, the
 * certificate the signature carries (a signature whose certificate was revoked, expired or not
 * the city's is never registered: it was good in the city's register at receipt). Null for an
 * item that came unsigned (paper, registered by a chancellery).
 */
export function signatureVerdict(stored: StoredDocument, caName: string): SignatureVerdict | null {
  const { entry } = stored;
  if (!entry.signatureKind) return null;
  const statutory = entry.verification as StatutoryRecord | null;
  if (entry.signatureKind !== 'city' && statutory) {
    const signer = signerOf(entry.sender) ?? { name: statutory.subject };
    return {
      kind: statutory.kind,
      signer,
      ...(Array.isArray(statutory.signers) && { signerCount: statutory.signers.length }),
      certificate: { serialNumber: statutory.serialNumber, subject: statutory.subject, issuer: statutory.issuer },
      format: statutory.format,
      signingTime: statutory.signingTime,
      validAtReceipt: true,
      revocation: statutory.revocation,
      ...(statutory.revocationDetail?.source && { revocationSource: statutory.revocationDetail.source }),
      checkedAt: statutory.revocationDetail?.checkedAt ?? entry.receivedAt,
    };
  }
  const certificate = stored.signature ? signerCertificateSummary(stored.signature) : undefined;
  const received = Date.parse(entry.receivedAt);
  const holder = [certificate?.givenNames, certificate?.surname].filter(Boolean).join(' ');
  const name = holder || certificate?.commonName || '';
  const signer = signerOf(entry.sender) ?? {
    name,
    ...(certificate?.identifier && { identifier: certificate.identifier }),
  };
  return {
    kind: 'city',
    signer,
    certificate: {
      serialNumber: certificate?.serialNumber ?? '',
      subject: name,
      issuer: caName,
      ...(certificate && {
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
      }),
    },
    validAtReceipt:
      certificate !== undefined &&
      certificate.notBefore.getTime() <= received &&
      received <= certificate.notAfter.getTime(),
    revocation: 'good',
    revocationSource: 'city-register',
    checkedAt: entry.receivedAt,
  };
}
