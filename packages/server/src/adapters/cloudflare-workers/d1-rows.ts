import type { AttachmentRecord, RegisterEntry } from '../../core/platform.js';

/** A register row as D1 returns it. */
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

export interface DocumentRow {
  media_type: string;
  document: unknown;
  signature: unknown;
  receipt_document: string;
  receipt_signature: unknown;
}

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

/** D1 hands BLOB columns back as arrays of numbers (or buffers, depending on the runtime version). */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  throw new TypeError('not a BLOB value');
}

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error && /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(e.message);
