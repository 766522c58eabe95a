import { toArrayBuffer } from '@ebok/forms-core/pki';
import type { Clock } from '../../core/platform.js';
import type {
  NewEntry,
  Receipt,
  ReceiptMaker,
  RegisterStore,
  StoredDocument,
  SubmissionLookup,
} from '../../core/ports.js';
import { classifySubmission, numberFrom, registerNumbering } from '../../core/registration.js';
import {
  type AttachmentRow,
  type DocumentRow,
  type EntryRow,
  newEntryRow,
  toEntry,
  toStoredDocument,
} from '../../core/sql-rows.js';
import { bytesOf, isUniqueViolation } from './d1-rows.js';
import type { OutboxRow } from './outbox.js';

export interface D1RegisterOptions {
  readonly clock: Clock;
  readonly registryFormat: string;
  readonly timeZone: string;
  /** Signs the receipt of an entry that committed without one (see d1Register). */
  readonly makeReceipt: ReceiptMaker;
  /** The sender: runs after a registration commits. What it fails to send, the cron relay sends. */
  readonly afterCommit?: (row: OutboxRow) => Promise<void>;
}

/** Every statement of a registration finds its entry as the newest of its year: inside the batch, that is the one just inserted. */
const NEWEST = 'FROM register WHERE year = ?1 ORDER BY seq DESC LIMIT 1';

/**
 * The register, its documents and receipts on D1.
 *
 * Numbering: each registration is ONE `batch()`, which D1 runs as one transaction, and D1 runs
 * one writer per database, so `COALESCE(MAX(seq), 0) + 1` inside the INSERT … SELECT always sees
 * every number committed before it: numbers are gapless per year without a counter, a lock or a
 * Durable Object, however many isolates submit at once, and a batch that fails rolls back its
 * number with everything else. The UNIQUE indexes on the idempotency key and the nonce (a signed
 * document's own) turn a race between two copies of one submission into a failed batch, after
 * which the register is asked again and the first entry answers (200), never a second number.
 *
 * The receipt names the register number, so it cannot be signed inside the SQL. It is signed
 * beforehand for the number the register predicts (MAX + 1 read just before), and stored in the
 * same batch when the prediction holds, which it does unless another registration committed in
 * between. Otherwise the entry commits with an empty receipt, which is signed and stored right
 * after; anyone who reads an entry still without one (the Worker may have died in between) signs
 * and stores it the same way, and a conditional UPDATE keeps the first receipt stored as the
 * only one ever served. A Durable Object in front of D1 would give one writer too, but would add
 * a hop and a single point of contention that D1's own writer already is.
 */
export function d1Register(db: D1Database, options: D1RegisterOptions): RegisterStore {
  const numbering = registerNumbering(options);

  /** The statements of one registration: entry, document, attachments, keys, inbox message, outbox row. */
  const registration = (
    entry: NewEntry,
    r: EntryRow,
    template: string,
    receipt: Receipt,
    now: Date,
  ): D1PreparedStatement[] => [
    // ?2 is the number's template: the sequence in it is char(1), registration.ts's SEQUENCE_MARK.
    db
      .prepare(
        `INSERT INTO register (year, seq, registry_number, received_at, channel, procedure_id, procedure_version,
           department, subject, sender, sender_reference, document_date, document_sha256, idempotency_key, nonce,
           attachment_count, notes, signature_kind, verification, details, not_fully_scanned)
         SELECT ?1, n.seq, replace(?2, char(1), n.seq), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20
         FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM register WHERE year = ?1) AS n
         RETURNING *`,
      )
      .bind(
        r.year,
        template,
        r.received_at,
        r.channel,
        r.procedure_id,
        r.procedure_version,
        r.department,
        r.subject,
        r.sender,
        r.sender_reference,
        r.document_date,
        r.document_sha256,
        r.idempotency_key,
        r.nonce,
        r.attachment_count,
        r.notes,
        r.signature_kind,
        r.verification,
        r.details,
        r.not_fully_scanned,
      ),
    db
      .prepare(
        `INSERT INTO documents (registry_number, media_type, document, signature, receipt_document, receipt_signature, language)
         SELECT registry_number, ?2, ?3, ?4, CASE WHEN seq = ?5 THEN ?6 ELSE '' END,
           CASE WHEN seq = ?5 THEN ?7 ELSE x'' END, ?8 ${NEWEST}`,
      )
      .bind(
        r.year,
        entry.document.mediaType,
        toArrayBuffer(entry.document.bytes),
        entry.signature ? toArrayBuffer(entry.signature) : null,
        r.seq,
        receipt.document,
        toArrayBuffer(receipt.signature),
        entry.language ?? null,
      ),
    ...entry.attachments.map((a) =>
      db
        .prepare(
          `INSERT INTO attachments (registry_number, name, media_type, size, sha256) SELECT registry_number, ?2, ?3, ?4, ?5 ${NEWEST}`,
        )
        .bind(r.year, a.name, a.mediaType, a.size, a.sha256),
    ),
    ...(entry.keys ?? []).map((key) =>
      db
        .prepare(`INSERT OR IGNORE INTO register_keys (key, registry_number) SELECT ?2, registry_number ${NEWEST}`)
        .bind(r.year, key),
    ),
    db
      .prepare(
        `INSERT INTO queue (department, registry_number, enqueued_at, visible_at) SELECT department, registry_number, ?2, ?3 ${NEWEST}`,
      )
      .bind(r.year, r.received_at, now.getTime()),
    db
      .prepare(
        `INSERT INTO outbox (department, registry_number, created_at) SELECT department, registry_number, ?2 ${NEWEST}
         RETURNING id, department, registry_number`,
      )
      .bind(r.year, now.getTime()),
  ];

  /** Signs and stores the receipt of an entry that has none yet; the first one stored wins. */
  const completeReceipt = async (row: EntryRow): Promise<Receipt> => {
    const receipt = await options.makeReceipt(toEntry(row));
    const [, stored] = await db.batch([
      db
        .prepare(
          "UPDATE documents SET receipt_document = ?2, receipt_signature = ?3 WHERE registry_number = ?1 AND receipt_document = ''",
        )
        .bind(row.registry_number, receipt.document, toArrayBuffer(receipt.signature)),
      db
        .prepare('SELECT receipt_document, receipt_signature FROM documents WHERE registry_number = ?1')
        .bind(row.registry_number),
    ]);
    const doc = stored!.results[0] as Pick<DocumentRow<unknown>, 'receipt_document' | 'receipt_signature'>;
    return { document: doc.receipt_document, signature: bytesOf(doc.receipt_signature) };
  };

  const storedFromRow = async (row: EntryRow): Promise<StoredDocument | undefined> => {
    const [docs, attachments] = await db.batch([
      db.prepare('SELECT * FROM documents WHERE registry_number = ?1').bind(row.registry_number),
      db
        .prepare('SELECT name, media_type, size, sha256 FROM attachments WHERE registry_number = ?1 ORDER BY name')
        .bind(row.registry_number),
    ]);
    const doc = docs!.results[0] as DocumentRow<unknown> | undefined;
    if (!doc) return undefined;
    const receipt =
      doc.receipt_document === ''
        ? await completeReceipt(row)
        : { document: doc.receipt_document, signature: bytesOf(doc.receipt_signature) };
    return toStoredDocument(row, doc, receipt, attachments!.results as AttachmentRow[], bytesOf);
  };

  const lookup = async (
    documentSha256: string,
    idempotencyKey: string | undefined,
    nonce: string,
  ): Promise<SubmissionLookup> => {
    const [byKey, byNonce] = await db.batch([
      db.prepare('SELECT * FROM register WHERE idempotency_key = ?1').bind(idempotencyKey ?? null),
      db.prepare('SELECT * FROM register WHERE nonce = ?1').bind(nonce),
    ]);
    const seen = classifySubmission(
      documentSha256,
      byKey!.results[0] as EntryRow | undefined,
      byNonce!.results[0] as EntryRow | undefined,
    );
    if (seen.status !== 'existing') return seen;
    const stored = await storedFromRow(seen.row);
    return stored ? { status: 'existing', stored } : { status: 'new' };
  };

  return {
    async enter(entry, makeReceipt) {
      for (let attempt = 0; ; attempt++) {
        const now = options.clock.now();
        const year = numbering.yearOf(now);
        const template = numbering.template(year, entry.channel);
        const predicted =
          (await db
            .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM register WHERE year = ?1')
            .bind(year)
            .first<number>('seq')) ?? 1;
        const row = newEntryRow(entry, {
          year,
          seq: predicted,
          registryNumber: numberFrom(template, predicted),
          receivedAt: now.toISOString(),
        });
        const receipt = await makeReceipt(toEntry(row));
        let results: D1Result[];
        try {
          results = await db.batch(registration(entry, row, template, receipt, now));
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= 3) throw e;
          // Another copy of this submission, or another use of its nonce, committed first.
          if (entry.documentSha256 && entry.nonce) {
            const seen = await lookup(entry.documentSha256, entry.idempotencyKey, entry.nonce);
            if (seen.status === 'existing')
              return { status: 'existing', entry: seen.stored.entry, receipt: seen.stored.receipt };
            if (seen.status !== 'new') return { status: seen.status };
          }
          continue;
        }
        const inserted = results[0]!.results[0] as EntryRow;
        const outbox = results[results.length - 1]!.results[0] as OutboxRow;
        const stored = inserted.seq === predicted ? receipt : await completeReceipt(inserted);
        await options.afterCommit?.(outbox);
        return { status: 'created', entry: toEntry(inserted), receipt: stored };
      }
    },

    lookup,

    async getDocument(registryNumber) {
      const row = await db
        .prepare('SELECT * FROM register WHERE registry_number = ?1')
        .bind(registryNumber)
        .first<EntryRow>();
      return row ? storedFromRow(row) : undefined;
    },

    async list(q) {
      const { results } = await db
        .prepare(
          `SELECT * FROM register WHERE year = ?1 AND seq > ?2${q.notFullyScanned ? ' AND not_fully_scanned = 1' : ''} ORDER BY seq LIMIT ?3`,
        )
        .bind(q.year, q.after, q.limit)
        .all<EntryRow>();
      return results.map(toEntry);
    },
  };
}
