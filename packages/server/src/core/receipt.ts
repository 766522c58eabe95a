/** @module The signed receipt (UPO): the register entry's facts, canonical and signed by the intake service. */
import { canonicalJson, signDetached } from '@ebok/forms-core/signing';
import type { Receipt, RegisterEntry } from './platform.js';

export type { Receipt };

/** The intake service's signing identity: its key and certificate. */
export interface ServiceSigner {
  readonly privateKey: CryptoKey;
  readonly certificateDer: Uint8Array;
}

/** How many people signed: the statutory signers the register recorded, else one. */
const signerCount = (entry: RegisterEntry): number => {
  const signers = (entry.verification as { signers?: unknown } | null | undefined)?.signers;
  return Array.isArray(signers) ? signers.length : 1;
};

/** The receipt's content: what the office confirms it received, when, and under which number. */
export function receiptContent(entry: RegisterEntry, office: string): Record<string, unknown> {
  return {
    type: 'ebok-receipt',
    version: 1,
    office,
    registryNumber: entry.registryNumber,
    receivedAt: entry.receivedAt,
    channel: entry.channel,
    procedure: entry.procedure,
    department: entry.department,
    documentSha256: entry.documentSha256,
    attachmentCount: entry.attachmentCount,
    // How it was signed (`city`, `qualified`, `personal`, `trusted-profile`); absent for paper.
    ...(entry.signatureKind && { signatureKind: entry.signatureKind }),
    // Where several people signed (co-owners), how many.
    ...(signerCount(entry) > 1 && { signerCount: signerCount(entry) }),
  };
}

export async function makeReceipt(entry: RegisterEntry, signer: ServiceSigner, office: string): Promise<Receipt> {
  const document = canonicalJson(receiptContent(entry, office));
  const signature = await signDetached(new TextEncoder().encode(document), signer.privateKey, signer.certificateDer);
  return { document, signature };
}
