import type Database from 'better-sqlite3';
import type {
  NewEntry,
  ReceiptMaker,
  RegisterEntry,
  RegisterOutcome,
  Storage,
  StoredDocument,
} from '../../core/platform.js';
import { type SqliteOptions } from './sqlite-base.js';
import { SqlitePki } from './sqlite-pki.js';
import { newEntryRow, toAttachment, toEntry, type EntryRow } from '../../core/register-rows.js';
import { classifySubmission, registerNumbering, type RegisterNumbering } from '../../core/registration.js';

export { migrate, type SqliteOptions } from './sqlite-base.js';

interface Pending {
  readonly entry: NewEntry;
  readonly makeReceipt: ReceiptMaker;
  readonly resolve: (outcome: RegisterOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The register on SQLite (better-sqlite3): WAL, a busy timeout, migrations from files.
 * Registration goes through one writer that commits the submissions waiting at that moment in
 * one transaction (group commit): numbers come from that writer alone, so they cannot race, and
 * every caller is answered only after its transaction is durable: the WAL's fsync runs on the
 * thread pool while the next batch is written (see WalSync in sqlite-base.ts).
 */
export class SqliteStorage extends SqlitePki implements Storage {
  private readonly pending: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly sequences = new Map<number, number>();
  private idle: Array<() => void> = [];
  /** Batches written whose callers are not answered yet. */
  private unsettled = 0;
  private readonly maxBatch: number;
  private readonly numbering: RegisterNumbering;
  private readonly stmts: ReturnType<SqliteStorage['prepare']>;

  constructor(options: SqliteOptions) {
    super(options);
    this.maxBatch = options.maxBatch ?? 256;
    this.numbering = registerNumbering(options);
    this.stmts = this.prepare(this.db);
  }

  private prepare(db: Database.Database) {
    return {
      byKey: db.prepare('SELECT * FROM register WHERE idempotency_key = ?'),
      byNonce: db.prepare('SELECT * FROM register WHERE nonce = ?'),
      byNumber: db.prepare('SELECT * FROM register WHERE registry_number = ?'),
      maxSeq: db.prepare('SELECT MAX(seq) AS seq FROM register WHERE year = ?'),
      insertEntry:
        db.prepare(`INSERT INTO register (year, seq, registry_number, received_at, channel, procedure_id, procedure_version,
        department, subject, sender, sender_reference, document_date, document_sha256, idempotency_key, nonce, attachment_count, notes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertDocument:
        db.prepare(`INSERT INTO documents (registry_number, media_type, document, signature, receipt_document, receipt_signature)
        VALUES (?, ?, ?, ?, ?, ?)`),
      insertAttachment: db.prepare(
        'INSERT INTO attachments (registry_number, name, media_type, size, sha256) VALUES (?, ?, ?, ?, ?)',
      ),
      enqueue: db.prepare(
        'INSERT INTO queue (department, registry_number, enqueued_at, visible_at) VALUES (?, ?, ?, ?)',
      ),
      document: db.prepare('SELECT * FROM documents WHERE registry_number = ?'),
      attachments: db.prepare(
        'SELECT name, media_type, size, sha256 FROM attachments WHERE registry_number = ? ORDER BY name',
      ),
      list: db.prepare('SELECT * FROM register WHERE year = ? AND seq > ? ORDER BY seq LIMIT ?'),
    };
  }

  // ---- registration: the one writer ----

  register(entry: NewEntry, makeReceipt: ReceiptMaker): Promise<RegisterOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, makeReceipt, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate lets every request that is ready in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Resolves when nothing is waiting to be written or synced (for a clean shutdown). */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private isIdle(): boolean {
    return !this.flushing && this.pending.length === 0 && this.unsettled === 0;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.pending.splice(0, this.maxBatch);
    this.unsettled++;
    let answer: (() => void) | undefined;
    try {
      answer = await this.commit(batch);
    } catch (error) {
      this.sequences.clear(); // numbers not committed are not used
      for (const p of batch) p.reject(error);
    } finally {
      // The next batch is written while this one's fsync runs.
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
    }
    try {
      if (answer) {
        await this.wal.durable();
        answer();
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.unsettled--;
      if (this.isIdle()) for (const done of this.idle.splice(0)) done();
    }
  }

  private nextSeq(year: number): number {
    let seq = this.sequences.get(year);
    if (seq === undefined) seq = (this.stmts.maxSeq.get(year) as { seq: number | null }).seq ?? 0;
    seq++;
    this.sequences.set(year, seq);
    return seq;
  }

  /** Writes a batch (not yet durable) and returns what answers its callers once it is. */
  private async commit(batch: Pending[]): Promise<() => void> {
    const now = this.options.clock.now();
    const receivedAt = now.toISOString();
    const year = this.numbering.yearOf(now);
    type Planned =
      { p: Pending; row: EntryRow } | { p: Pending; outcome: RegisterOutcome } | { p: Pending; sameAs: EntryRow };
    const planned: Planned[] = [];
    // Entries planned earlier in this batch count as registered: a copy in the same batch is a retry too.
    const inBatch = new Map<string, EntryRow>();
    for (const p of batch) {
      const e = p.entry;
      const byKey = e.idempotencyKey
        ? ((this.stmts.byKey.get(e.idempotencyKey) as EntryRow | undefined) ?? inBatch.get(`k:${e.idempotencyKey}`))
        : undefined;
      const byNonce =
        e.nonce && !byKey
          ? ((this.stmts.byNonce.get(e.nonce) as EntryRow | undefined) ?? inBatch.get(`n:${e.nonce}`))
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
      const seq = this.nextSeq(year);
      const row = newEntryRow(e, {
        year,
        seq,
        registryNumber: this.numbering.number(year, seq, e.channel),
        receivedAt,
      });
      if (e.idempotencyKey) inBatch.set(`k:${e.idempotencyKey}`, row);
      if (e.nonce) inBatch.set(`n:${e.nonce}`, row);
      planned.push({ p, row });
    }
    // Receipts are signed before the commit, so each one is stored with its entry.
    const entries = planned.map((x) => ('row' in x ? toEntry(x.row) : undefined));
    const receipts = await Promise.all(planned.map((x, i) => ('row' in x ? x.p.makeReceipt(entries[i]!) : undefined)));
    this.writeUnsynced(() => {
      planned.forEach((x, i) => {
        if (!('row' in x)) return;
        const { row, p } = x;
        const receipt = receipts[i]!;
        // Positional: binding seventeen values by name costs about a third more.
        this.stmts.insertEntry.run(
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
        );
        this.stmts.insertDocument.run(
          row.registry_number,
          p.entry.document.mediaType,
          p.entry.document.bytes,
          p.entry.signature ?? null,
          receipt.document,
          receipt.signature,
        );
        for (const a of p.entry.attachments)
          this.stmts.insertAttachment.run(row.registry_number, a.name, a.mediaType, a.size, a.sha256);
        this.stmts.enqueue.run(row.department, row.registry_number, receivedAt, now.getTime());
      });
    });
    const outcomes = planned.map((x, i): RegisterOutcome => {
      if ('outcome' in x) return x.outcome;
      if ('row' in x) return { status: 'created', entry: entries[i]!, receipt: receipts[i]! };
      const row = (this.stmts.byNumber.get(x.sameAs.registry_number) as EntryRow | undefined) ?? x.sameAs;
      const stored = this.storedFromRow(row)!;
      return { status: 'existing', entry: stored.entry, receipt: stored.receipt };
    });
    return () => planned.forEach((x, i) => x.p.resolve(outcomes[i]!));
  }

  async lookup(
    documentSha256: string,
    idempotencyKey: string | undefined,
    nonce: string,
  ): Promise<{ status: 'new' | 'replay' | 'idempotency-conflict' } | { status: 'existing'; stored: StoredDocument }> {
    const byKey = idempotencyKey ? (this.stmts.byKey.get(idempotencyKey) as EntryRow | undefined) : undefined;
    const seen = classifySubmission(
      documentSha256,
      byKey,
      byKey ? undefined : (this.stmts.byNonce.get(nonce) as EntryRow | undefined),
    );
    if (seen.status !== 'existing') return seen;
    const stored = this.storedFromRow(seen.row);
    if (!stored) return { status: 'new' };
    await this.wal.durable(); // it may be from a batch whose fsync has not finished
    return { status: 'existing', stored };
  }

  private storedFromRow(row: EntryRow): StoredDocument | undefined {
    const doc = this.stmts.document.get(row.registry_number) as
      | {
          media_type: string;
          document: Uint8Array;
          signature: Uint8Array | null;
          receipt_document: string;
          receipt_signature: Uint8Array;
        }
      | undefined;
    if (!doc) return undefined;
    const attachments = (
      this.stmts.attachments.all(row.registry_number) as Array<{
        name: string;
        media_type: string;
        size: number;
        sha256: string;
      }>
    ).map(toAttachment);
    return {
      entry: toEntry(row),
      mediaType: doc.media_type,
      document: new Uint8Array(doc.document),
      signature: doc.signature ? new Uint8Array(doc.signature) : null,
      receipt: { document: doc.receipt_document, signature: new Uint8Array(doc.receipt_signature) },
      attachments,
    };
  }

  async getDocument(registryNumber: string): Promise<StoredDocument | undefined> {
    const row = this.stmts.byNumber.get(registryNumber) as EntryRow | undefined;
    if (!row) return undefined;
    await this.wal.durable();
    return this.storedFromRow(row);
  }

  async listRegister(q: { year: number; after: number; limit: number }): Promise<RegisterEntry[]> {
    const rows = this.stmts.list.all(q.year, q.after, q.limit) as EntryRow[];
    await this.wal.durable(); // only what is on disk is shown
    return rows.map(toEntry);
  }
}
