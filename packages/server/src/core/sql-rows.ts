/**
 * @module The rows of the SQL schema every database backend shares (packages/server/migrations/),
 * and the records the storage ports answer with, mapped once.
 */
import type {
  ActivationRow,
  AttachmentRecord,
  DeadLetter,
  NewEntry,
  QueueMessage,
  Receipt,
  RegisterEntry,
  RegistryDetails,
  RevokedCertificate,
  StoredDocument,
} from './ports.js';

/** A row of the register table. */
export interface EntryRow {
  registry_number: string;
  year: number;
  seq: number;
  received_at: string;
  channel: string;
  procedure_id: string | null;
  procedure_version: string | null;
  department: string;
  subject: string;
  sender: string;
  sender_reference: string | null;
  document_date: string | null;
  document_sha256: string | null;
  idempotency_key: string | null;
  nonce: string | null;
  attachment_count: number;
  notes: string | null;
  signature_kind: string | null;
  verification: string | null;
  details: string | null;
  not_fully_scanned: number;
}

/** The row a new entry becomes once the register has given it its number. */
export const newEntryRow = (
  e: NewEntry,
  numbered: { year: number; seq: number; registryNumber: string; receivedAt: string },
): EntryRow => ({
  registry_number: numbered.registryNumber,
  year: numbered.year,
  seq: numbered.seq,
  received_at: numbered.receivedAt,
  channel: e.channel,
  procedure_id: e.procedure?.id ?? null,
  procedure_version: e.procedure?.version ?? null,
  department: e.department,
  subject: e.subject,
  sender: JSON.stringify(e.sender),
  sender_reference: e.senderReference ?? null,
  document_date: e.documentDate ?? null,
  document_sha256: e.documentSha256 ?? null,
  idempotency_key: e.idempotencyKey ?? null,
  nonce: e.nonce ?? null,
  attachment_count: e.attachments.length,
  notes: e.notes ?? null,
  signature_kind: e.signatureKind ?? null,
  verification: e.verification === undefined ? null : JSON.stringify(e.verification),
  details: e.details === undefined ? null : JSON.stringify(e.details),
  not_fully_scanned: e.notFullyScanned ? 1 : 0,
});

export const toEntry = (r: EntryRow): RegisterEntry => ({
  registryNumber: r.registry_number,
  year: r.year,
  sequence: r.seq,
  receivedAt: r.received_at,
  channel: r.channel,
  procedure: r.procedure_id ? { id: r.procedure_id, version: r.procedure_version ?? '' } : null,
  department: r.department,
  subject: r.subject,
  sender: JSON.parse(r.sender) as unknown,
  senderReference: r.sender_reference,
  documentDate: r.document_date,
  documentSha256: r.document_sha256,
  attachmentCount: r.attachment_count,
  notes: r.notes,
  signatureKind: r.signature_kind ?? null,
  verification: r.verification ? (JSON.parse(r.verification) as unknown) : null,
  details: r.details ? (JSON.parse(r.details) as RegistryDetails) : null,
  notFullyScanned: r.not_fully_scanned === 1,
});

/** A row of the documents table; `B` is what the driver hands a BLOB back as. */
export interface DocumentRow<B> {
  media_type: string;
  document: B;
  signature: B | null;
  receipt_document: string;
  receipt_signature: B;
  /** The language the resident filled the form in (migration 0017); null: Polish, or not a form. */
  language?: string | null;
}

/** A row of the attachments table. */
export interface AttachmentRow {
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}

export const toAttachment = (a: AttachmentRow): AttachmentRecord => ({
  name: a.name,
  mediaType: a.media_type,
  size: a.size,
  sha256: a.sha256,
});

/** An entry with its document, receipt and attachments; `bytes` reads the driver's BLOBs. */
export const toStoredDocument = <B>(
  row: EntryRow,
  doc: DocumentRow<B>,
  receipt: Receipt,
  attachments: readonly AttachmentRow[],
  bytes: (blob: B) => Uint8Array,
): StoredDocument => ({
  entry: toEntry(row),
  mediaType: doc.media_type,
  document: bytes(doc.document),
  signature: doc.signature === null ? null : bytes(doc.signature),
  language: doc.language ?? null,
  receipt,
  attachments: attachments.map(toAttachment),
});

/** A row of the queue table as a lease returns it. */
export interface LeasedRow {
  id: number;
  lease_id: string;
  department: string;
  registry_number: string;
  enqueued_at: string;
  deliveries: number;
}

/** Leased rows as messages, in queue order; `until` is when their lease runs out (ms). */
export const toQueueMessages = (rows: LeasedRow[], until: number): QueueMessage[] => {
  const leaseExpiresAt = new Date(until).toISOString();
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      id: r.id,
      leaseId: r.lease_id,
      department: r.department,
      registryNumber: r.registry_number,
      enqueuedAt: r.enqueued_at,
      deliveries: r.deliveries,
      leaseExpiresAt,
    }));
};

/** The dead letters' columns of the queue table. */
export interface DeadLetterRow {
  id: number;
  registry_number: string;
  deliveries: number;
}

export const toDeadLetter = (r: DeadLetterRow): DeadLetter => ({
  id: r.id,
  registryNumber: r.registry_number,
  deliveries: r.deliveries,
});

/** An enrolment as both databases keep it (migrations/0004). */
export interface EnrolmentRow {
  readonly code_hash: string;
  readonly given_names: string;
  readonly surname: string;
  readonly identifier: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly used_at: string | null;
}

export const activationOf = (row: EnrolmentRow): ActivationRow & { readonly usedAt: string | null } => ({
  codeHash: row.code_hash,
  givenNames: row.given_names,
  surname: row.surname,
  identifier: row.identifier,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

/** The revocation columns of the certificates table. */
export interface RevokedRow {
  serial: string;
  revoked_at: string;
  revocation_reason: string;
}

export const toRevoked = (r: RevokedRow): RevokedCertificate => ({
  serial: r.serial,
  revokedAt: r.revoked_at,
  reason: r.revocation_reason,
});
