import type { RegisterOutcome, StoredDocument } from '../../core/ports.js';
import {
  type BatchingRegister,
  type BatchingRegisterOptions,
  classifySubmission,
  type PendingRegistration,
  registerNumbering,
} from '../../core/registration.js';
import {
  type AttachmentRow,
  type DocumentRow,
  type EntryRow,
  newEntryRow,
  toEntry,
  toStoredDocument,
} from '../../core/sql-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Its batches: one transaction, one fsync each. */
export type SqliteRegisterOptions = BatchingRegisterOptions;

/** The register on SQLite, and what a clean shutdown waits for. */
export type SqliteRegister = BatchingRegister;

type Pending = PendingRegistration;

/** BLOBs come back from better-sqlite3 as Buffers: copied into plain Uint8Arrays. */
const bytes = (blob: Uint8Array) => new Uint8Array(blob);

/**
 * The register on SQLite (better-sqlite3). Registration goes through one writer that commits the
 * submissions waiting at that moment in one transaction (group commit): numbers come from that
 * writer alone, so they cannot race, and every caller is answered only after its transaction is
 * durable: the WAL's fsync runs on the thread pool while the next batch is written (see WalSync
 * in sqlite-database.ts).
 */
export function sqliteRegister(database: SqliteDatabase, options: SqliteRegisterOptions): SqliteRegister {
  const { db } = database;
  const maxBatch = options.maxBatch ?? 256;
  const numbering = registerNumbering(options);
  const stmts = {
    byKey: db.prepare('SELECT * FROM register WHERE idempotency_key = ?'),
    byNonce: db.prepare('SELECT * FROM register WHERE nonce = ?'),
    byNumber: db.prepare('SELECT * FROM register WHERE registry_number = ?'),
    maxSeq: db.prepare('SELECT MAX(seq) AS seq FROM register WHERE year = ?'),
    insertEntry:
      db.prepare(`INSERT INTO register (year, seq, registry_number, received_at, channel, procedure_id, procedure_version,
      department, subject, sender, sender_reference, document_date, document_sha256, idempotency_key, nonce, attachment_count, notes,
      signature_kind, verification, details, not_fully_scanned)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertDocument:
      db.prepare(`INSERT INTO documents (registry_number, media_type, document, signature, receipt_document, receipt_signature,
      language) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    insertAttachment: db.prepare(
      'INSERT INTO attachments (registry_number, name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?)',
    ),
    insertKey: db.prepare('INSERT OR IGNORE INTO register_keys (key, registry_number) VALUES (?, ?)'),
    enqueue: db.prepare('INSERT INTO queue (department, registry_number, enqueued_at, visible_at) VALUES (?, ?, ?, ?)'),
    document: db.prepare('SELECT * FROM documents WHERE registry_number = ?'),
    attachments: db.prepare(
      'SELECT name, media_type, size, sha256 FROM attachments WHERE registry_number = ? ORDER BY name',
    ),
    list: db.prepare('SELECT * FROM register WHERE year = ? AND seq > ? ORDER BY seq LIMIT ?'),
    listNotFullyScanned: db.prepare(
      'SELECT * FROM register WHERE year = ? AND seq > ? AND not_fully_scanned = 1 ORDER BY seq LIMIT ?',
    ),
  };

  const pending: Pending[] = [];
  let flushing = false;
  let scheduled = false;
  const sequences = new Map<number, number>();
  const idle: Array<() => void> = [];
  /** Batches written whose callers are not answered yet. */
  let unsettled = 0;

  const schedule = (): void => {
    if (scheduled || flushing) return;
    scheduled = true;
    // setImmediate lets every request that is ready in this turn join the batch.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  const isIdle = (): boolean => !flushing && pending.length === 0 && unsettled === 0;

  const flush = async (): Promise<void> => {
    flushing = true;
    const batch = pending.splice(0, maxBatch);
    unsettled++;
    let answer: (() => void) | undefined;
    try {
      answer = await commit(batch);
    } catch (error) {
      sequences.clear(); // numbers not committed are not used
      for (const p of batch) p.reject(error);
    } finally {
      // The next batch is written while this one's fsync runs.
      flushing = false;
      if (pending.length > 0) schedule();
    }
    try {
      if (answer) {
        await database.durable();
        answer();
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      unsettled--;
      if (isIdle()) for (const done of idle.splice(0)) done();
    }
  };

  const nextSeq = (year: number): number => {
    let seq = sequences.get(year);
    if (seq === undefined) seq = (stmts.maxSeq.get(year) as { seq: number | null }).seq ?? 0;
    seq++;
    sequences.set(year, seq);
    return seq;
  };

  /** Writes a batch (not yet durable) and returns what answers its callers once it is. */
  const commit = async (batch: Pending[]): Promise<() => void> => {
    const now = options.clock.now();
    const receivedAt = now.toISOString();
    const year = numbering.yearOf(now);
    type Planned =
      { p: Pending; row: EntryRow } | { p: Pending; outcome: RegisterOutcome } | { p: Pending; sameAs: EntryRow };
    const planned: Planned[] = [];
    // Entries planned earlier in this batch count as registered: a copy in the same batch is a retry too.
    const inBatch = new Map<string, EntryRow>();
    for (const p of batch) {
      const e = p.entry;
      const byKey = e.idempotencyKey
        ? ((stmts.byKey.get(e.idempotencyKey) as EntryRow | undefined) ?? inBatch.get(`k:${e.idempotencyKey}`))
        : undefined;
      const byNonce =
        e.nonce && !byKey
          ? ((stmts.byNonce.get(e.nonce) as EntryRow | undefined) ?? inBatch.get(`n:${e.nonce}`))
          : undefined;
      const seen = classifySubmission(e.documentSha256, byKey, byNonce);
      if (seen.status === 'existing') {
        planned.push({ p, sameAs: seen.row });
        continue;
      }
      if (seen.status !== 'new') {
        planned.push({ p, outcome: seen });
        continue;
      }
      const seq = nextSeq(year);
      const row = newEntryRow(e, {
        year,
        seq,
        registryNumber: numbering.number(year, seq, e.channel),
        receivedAt,
      });
      if (e.idempotencyKey) inBatch.set(`k:${e.idempotencyKey}`, row);
      if (e.nonce) inBatch.set(`n:${e.nonce}`, row);
      planned.push({ p, row });
    }
    // Receipts are signed before the commit, so each one is stored with its entry.
    const entries = planned.map((x) => ('row' in x ? toEntry(x.row) : undefined));
    const receipts = await Promise.all(planned.map((x, i) => ('row' in x ? x.p.makeReceipt(entries[i]!) : undefined)));
    database.writeUnsynced(() => {
      planned.forEach((x, i) => {
        if (!('row' in x)) return;
        const { row, p } = x;
        const receipt = receipts[i]!;
        // Positional: binding twenty-one values by name costs about a third more.
        stmts.insertEntry.run(
          row.year,
          row.seq,
          row.registry_number,
          row.received_at,
          row.channel,
          row.procedure_id,
          row.procedure_version,
          row.department,
          row.subject,
          row.sender,
          row.sender_reference,
          row.document_date,
          row.document_sha256,
          row.idempotency_key,
          row.nonce,
          row.attachment_count,
          row.notes,
          row.signature_kind,
          row.verification,
          row.details,
          row.not_fully_scanned,
        );
        stmts.insertDocument.run(
          row.registry_number,
          p.entry.document.mediaType,
          p.entry.document.bytes,
          p.entry.signature ?? null,
          receipt.document,
          receipt.signature,
          p.entry.language ?? null,
        );
        for (const a of p.entry.attachments)
          stmts.insertAttachment.run(row.registry_number, a.name, a.mediaType, a.size, a.sha256);
        for (const key of p.entry.keys ?? []) stmts.insertKey.run(key, row.registry_number);
        stmts.enqueue.run(row.department, row.registry_number, receivedAt, now.getTime());
      });
    });
    const outcomes = planned.map((x, i): RegisterOutcome => {
      if ('outcome' in x) return x.outcome;
      if ('row' in x) return { status: 'created', entry: entries[i]!, receipt: receipts[i]! };
      const row = (stmts.byNumber.get(x.sameAs.registry_number) as EntryRow | undefined) ?? x.sameAs;
      const stored = storedFromRow(row)!;
      return { status: 'existing', entry: stored.entry, receipt: stored.receipt };
    });
    return () => planned.forEach((x, i) => x.p.resolve(outcomes[i]!));
  };

  const storedFromRow = (row: EntryRow): StoredDocument | undefined => {
    const doc = stmts.document.get(row.registry_number) as DocumentRow<Uint8Array> | undefined;
    if (!doc) return undefined;
    const receipt = { document: doc.receipt_document, signature: bytes(doc.receipt_signature) };
    return toStoredDocument(row, doc, receipt, stmts.attachments.all(row.registry_number) as AttachmentRow[], bytes);
  };

  return {
    enter(entry, makeReceipt) {
      return new Promise((resolve, reject) => {
        pending.push({ entry, makeReceipt, resolve, reject });
        schedule();
      });
    },

    drained() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },

    async lookup(documentSha256, idempotencyKey, nonce) {
      const byKey = idempotencyKey ? (stmts.byKey.get(idempotencyKey) as EntryRow | undefined) : undefined;
      const seen = classifySubmission(
        documentSha256,
        byKey,
        byKey ? undefined : (stmts.byNonce.get(nonce) as EntryRow | undefined),
      );
      if (seen.status !== 'existing') return seen;
      const stored = storedFromRow(seen.row);
      if (!stored) return { status: 'new' };
      await database.durable(); // it may be from a batch whose fsync has not finished
      return { status: 'existing', stored };
    },

    async getDocument(registryNumber) {
      const row = stmts.byNumber.get(registryNumber) as EntryRow | undefined;
      if (!row) return undefined;
      await database.durable();
      return storedFromRow(row);
    },

    async list(q) {
      const rows = (q.notFullyScanned ? stmts.listNotFullyScanned : stmts.list).all(
        q.year,
        q.after,
        q.limit,
      ) as EntryRow[];
      await database.durable(); // only what is on disk is shown
      return rows.map(toEntry);
    },
  };
}
