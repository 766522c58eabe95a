/** @module The signed receipt (UPO): what an official confirmation of submission (UPP) carries, from the register entry, canonical and signed by the intake service. */
import { semanticsIdentifier } from '@ebok/forms-core/formats';
import { canonicalJson, signDetached } from '@ebok/forms-core/signing';
import type { Config } from './config.js';
import type { CatalogueEntry, ProcedureRegistry } from './procedures.js';
import type { Receipt, RegisterEntry } from './platform.js';

export type { Receipt };

/** The intake service's signing identity: its key and certificate. */
export interface ServiceSigner {
  readonly privateKey: CryptoKey;
  readonly certificateDer: Uint8Array;
}

/** The office a filing is addressed to, as its receipts name it. */
export interface Recipient {
  readonly name: string;
  /** Its postal address (EBOK_OFFICE_ADDRESS). */
  readonly address?: string;
  /** Its address for electronic delivery (EBOK_OFFICE_EDELIVERY_ADDRESS), `AE:PL-…`. */
  readonly eDeliveryAddress?: string;
}

/** The office as its settings name it (EBOK_OFFICE, EBOK_OFFICE_ADDRESS, EBOK_OFFICE_EDELIVERY_ADDRESS). */
export const recipientOf = (
  config: Pick<Config, 'office' | 'officeAddress' | 'officeEDeliveryAddress'>,
): Recipient => ({
  name: config.office,
  ...(config.officeAddress && { address: config.officeAddress }),
  ...(config.officeEDeliveryAddress && { eDeliveryAddress: config.officeEDeliveryAddress }),
});

/** Who filed it, as the signature proved them: their name and identifier (`PNOPL-<PESEL>` …). */
function senderOf(sender: unknown): Record<string, string> | undefined {
  // A chancellery registers a letter's sender as the clerk read it.
  if (typeof sender === 'string') return { name: sender };
  if (typeof sender !== 'object' || sender === null) return undefined;
  const s = sender as { givenNames?: unknown; surname?: unknown; subject?: unknown };
  if (typeof s.givenNames === 'string' && typeof s.surname === 'string') {
    const identifier = semanticsIdentifier(sender);
    return { name: `${s.givenNames} ${s.surname}`, ...(identifier && { identifier }) };
  }
  return typeof s.subject === 'string' ? { name: s.subject } : undefined;
}

/** What was verified of a statutory signature, as the receipt states it. */
function signatureOf(entry: RegisterEntry): Record<string, unknown> | undefined {
  if (!entry.signatureKind) return undefined;
  const v = (entry.verification ?? {}) as Record<string, unknown>;
  const pick = (key: string) => (typeof v[key] === 'string' ? { [key]: v[key] } : {});
  return {
    kind: entry.signatureKind,
    ...pick('format'),
    ...pick('issuer'),
    ...pick('subject'),
    ...pick('signingTime'),
    ...pick('certificateSha256'),
  };
}

/**
 * The receipt's content: what an urzędowe poświadczenie przedłożenia says. The office it was
 * filed to (name, address, e-delivery address), when it was received, under which number, what
 * it is (the procedure, its title and the document's SHA-256), who filed it and how they signed
 * it; the service's signature over all of this makes it the office's confirmation.
 */
/** How many people signed: the statutory signers the register recorded, else one. */
const signerCount = (entry: RegisterEntry): number => {
  const signers = (entry.verification as { signers?: unknown } | null | undefined)?.signers;
  return Array.isArray(signers) ? signers.length : 1;
};

/**
 * Where an application of a procedure an act lets be filed only elsewhere goes (the ID card: the
 * minister's e-service; CEIDG-1: biznes.gov.pl): the receipt confirms a notice of a visit and says
 * where the application itself is filed.
 */
export type FilingElsewhere = Pick<Extract<CatalogueEntry['channel'], { kind: 'elsewhere' }>, 'service' | 'url'>;

export function receiptContent(
  entry: RegisterEntry,
  recipient: Recipient,
  elsewhere?: FilingElsewhere,
): Record<string, unknown> {
  const sender = senderOf(entry.sender);
  const signature = signatureOf(entry);
  return {
    type: 'ebok-receipt',
    version: 1,
    office: recipient.name,
    recipient: {
      name: recipient.name,
      ...(recipient.address && { address: recipient.address }),
      ...(recipient.eDeliveryAddress && { eDeliveryAddress: recipient.eDeliveryAddress }),
    },
    registryNumber: entry.registryNumber,
    receivedAt: entry.receivedAt,
    channel: entry.channel,
    procedure: entry.procedure,
    title: entry.subject,
    department: entry.department,
    documentSha256: entry.documentSha256,
    attachmentCount: entry.attachmentCount,
    ...(sender && { sender }),
    // How it was signed (`city`, `qualified`, `personal`, `trusted-profile`); absent for paper.
    ...(entry.signatureKind && { signatureKind: entry.signatureKind }),
    ...(signature && { signature }),
    // Where several people signed (co-owners), how many.
    ...(signerCount(entry) > 1 && { signerCount: signerCount(entry) }),
    // Not a filing: a notice of a visit for an application that is filed elsewhere.
    ...(elsewhere && { kind: 'visit-notice', fileAt: { service: elsewhere.service, url: elsewhere.url } }),
  };
}

export async function makeReceipt(
  entry: RegisterEntry,
  signer: ServiceSigner,
  recipient: Recipient,
  elsewhere?: FilingElsewhere,
): Promise<Receipt> {
  const document = canonicalJson(receiptContent(entry, recipient, elsewhere));
  const signature = await signDetached(new TextEncoder().encode(document), signer.privateKey, signer.certificateDer);
  return { document, signature };
}

/**
 * The receipts of one intake service: signed by it, addressed from `recipient`, and for a
 * procedure filed elsewhere (its schema's `channel`) a notice of a visit that says where the
 * application goes. Every path that signs a receipt (a filing, a receipt completed after a
 * restart) makes it here, so the same entry always gets the same content.
 */
export function receiptMaker(
  signer: ServiceSigner,
  recipient: Recipient,
  procedures: Pick<ProcedureRegistry, 'find'>,
): (entry: RegisterEntry) => Promise<Receipt> {
  return (entry) => {
    const channel = entry.procedure && procedures.find(entry.procedure.id, entry.procedure.version)?.channel;
    return makeReceipt(entry, signer, recipient, channel?.kind === 'elsewhere' ? channel : undefined);
  };
}
