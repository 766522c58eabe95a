import type { AttachmentRecord, NewEntry, RegisterEntry } from './platform.js';

// The register's rows as SQLite (Node) and D1 (Workers) return them: one schema, the shared
// migrations in packages/server/migrations/, so one mapping.

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
});

/** A row of the attachments table. */
export const toAttachment = (a: {
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}): AttachmentRecord => ({
  name: a.name,
  mediaType: a.media_type,
  size: a.size,
  sha256: a.sha256,
});
