/**
 * @module The register on PostgreSQL, shared by several instances. Each instance commits the
 * submissions waiting at that moment in one transaction (group commit), which locks the year's
 * counter row first: instances number one after another, so numbers stay gapless and unique
 * however many register at once, and a retried or replayed submission is recognized under the
 * same lock. Nobody is answered before the transaction committed.
 */
import type { BlobStore } from '../../core/platform.js';
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
import type { PgDatabase, Sql } from './pg-database.js';

export type PgRegisterOptions = BatchingRegisterOptions;
export type PgRegister = BatchingRegister;
type Pending = PendingRegistration;

const bytes = (b: Uint8Array) => new Uint8Array(b);

const ENTRY_COLUMNS = [
  'year',
  'seq',
  'registry_number',
  'received_at',
  'channel',
  'procedure_id',
  'procedure_version',
  'department',
  'subject',
  'sender',
  'sender_reference',
  'document_date',
  'document_sha256',
  'idempotency_key',
  'nonce',
  'attachment_count',
  'notes',
  'signature_kind',
  'verification',
  'details',
  'not_fully_scanned',
] as const;

/** One INSERT of many rows: `$n` placeholders numbered across them. */
function insertMany(table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>, suffix = '') {
  let n = 0;
  const tuples = rows.map((r) => `(${r.map(() => `$${++n}`).join(', ')})`);
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`,
    params: rows.flat(),
  };
}

async function storedFromRows(sql: Sql, rows: readonly EntryRow[]): Promise<Map<string, StoredDocument>> {
  const out = new Map<string, StoredDocument>();
  if (rows.length === 0) return out;
  const numbers = rows.map((r) => r.registry_number);
  const docs = await sql.rows<DocumentRow<Uint8Array> & { registry_number: string }>(
    'SELECT * FROM documents WHERE registry_number = ANY($1)',
    [numbers],
  );
  const attachments = await sql.rows<AttachmentRow & { registry_number: string }>(
    'SELECT registry_number, name, media_type, size, sha256 FROM attachments WHERE registry_number = ANY($1) ORDER BY name',
    [numbers],
  );
  for (const row of rows) {
    const doc = docs.find((d) => d.registry_number === row.registry_number);
    if (!doc) continue;
    const receipt = { document: doc.receipt_document, signature: bytes(doc.receipt_signature) };
    out.set(
      row.registry_number,
      toStoredDocument(
        row,
        doc,
        receipt,
        attachments.filter((a) => a.registry_number === row.registry_number),
        bytes,
      ),
    );
  }
  return out;
}

export function pgRegister(db: PgDatabase, options: PgRegisterOptions): PgRegister {
  const maxBatch = options.maxBatch ?? 256;
  const numbering = registerNumbering(options);
  const pending: Pending[] = [];
  let flushing = false;
  let scheduled = false;
  const idle: Array<() => void> = [];
  const isIdle = () => !flushing && pending.length === 0;

  const schedule = (): void => {
    if (scheduled || flushing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  const flush = async (): Promise<void> => {
    flushing = true;
    const batch = pending.splice(0, maxBatch);
    try {
      const outcomes = await db.transaction((sql) => commit(sql, batch));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      flushing = false;
      if (pending.length > 0) schedule();
      else if (isIdle()) for (const done of idle.splice(0)) done();
    }
  };

  /** One batch, in the transaction: the year's counter locked, retries found, numbers given, rows written. */
  const commit = async (sql: Sql, batch: readonly Pending[]): Promise<RegisterOutcome[]> => {
    const now = options.clock.now();
    const receivedAt = now.toISOString();
    const year = numbering.yearOf(now);
    await sql.run(
      `INSERT INTO register_counters (year, seq) VALUES ($1, COALESCE((SELECT max(seq) FROM register WHERE year = $1), 0))
       ON CONFLICT (year) DO NOTHING`,
      [year],
    );
    // Held to the commit: the next instance's batch waits here, and numbers after this one's.
    let seq = (
      await sql.rows<{ seq: number }>('SELECT seq FROM register_counters WHERE year = $1 FOR UPDATE', [year])
    )[0]!.seq;
    const keys = batch.map((p) => p.entry.idempotencyKey).filter((k): k is string => !!k);
    const nonces = batch.map((p) => p.entry.nonce).filter((k): k is string => !!k);
    const known = [
      ...(keys.length
        ? await sql.rows<EntryRow>('SELECT * FROM register WHERE idempotency_key = ANY($1)', [keys])
        : []),
      ...(nonces.length ? await sql.rows<EntryRow>('SELECT * FROM register WHERE nonce = ANY($1)', [nonces]) : []),
    ];
    const byKey = new Map(known.filter((r) => r.idempotency_key).map((r) => [`k:${r.idempotency_key}`, r]));
    for (const r of known) if (r.nonce) byKey.set(`n:${r.nonce}`, r);

    type Planned =
      { p: Pending; row: EntryRow } | { p: Pending; outcome: RegisterOutcome } | { p: Pending; sameAs: EntryRow };
    const planned: Planned[] = [];
    for (const p of batch) {
      const e = p.entry;
      const k = e.idempotencyKey ? byKey.get(`k:${e.idempotencyKey}`) : undefined;
      const n = e.nonce && !k ? byKey.get(`n:${e.nonce}`) : undefined;
      const seen = classifySubmission(e.documentSha256, k, n);
      if (seen.status === 'existing') planned.push({ p, sameAs: seen.row });
      else if (seen.status !== 'new') planned.push({ p, outcome: seen });
      else {
        const row = newEntryRow(e, {
          year,
          seq: ++seq,
          registryNumber: numbering.number(year, seq, e.channel),
          receivedAt,
        });
        // A copy later in this batch is a retry of this one.
        if (e.idempotencyKey) byKey.set(`k:${e.idempotencyKey}`, row);
        if (e.nonce) byKey.set(`n:${e.nonce}`, row);
        planned.push({ p, row });
      }
    }
    const fresh = planned.filter((x): x is { p: Pending; row: EntryRow } => 'row' in x);
    const entries = fresh.map((x) => toEntry(x.row));
    // Signed under the lock: the receipt names the number, and is stored with its entry.
    const receipts = await Promise.all(fresh.map((x, i) => x.p.makeReceipt(entries[i]!)));
    if (fresh.length > 0) {
      const write = async (s: { sql: string; params: unknown[] }) => void (await sql.run(s.sql, s.params));
      await write(
        insertMany(
          'register',
          ENTRY_COLUMNS,
          fresh.map(({ row }) => ENTRY_COLUMNS.map((c) => row[c])),
        ),
      );
      await write(
        insertMany(
          'documents',
          [
            'registry_number',
            'media_type',
            'document',
            'signature',
            'receipt_document',
            'receipt_signature',
            'language',
          ],
          fresh.map(({ row, p }, i) => [
            row.registry_number,
            p.entry.document.mediaType,
            p.entry.document.bytes,
            p.entry.signature ?? null,
            receipts[i]!.document,
            receipts[i]!.signature,
            p.entry.language ?? null,
          ]),
        ),
      );
      const attachments = fresh.flatMap(({ row, p }) =>
        p.entry.attachments.map((a) => [row.registry_number, a.name, a.mediaType, a.size, a.sha256]),
      );
      if (attachments.length)
        await write(
          insertMany('attachments', ['registry_number', 'name', 'media_type', 'size', 'sha256'], attachments),
        );
      const registerKeys = fresh.flatMap(({ row, p }) =>
        [...new Set(p.entry.keys ?? [])].map((k) => [k, row.registry_number]),
      );
      if (registerKeys.length)
        await write(insertMany('register_keys', ['key', 'registry_number'], registerKeys, ' ON CONFLICT DO NOTHING'));
      await write(
        insertMany(
          'queue',
          ['department', 'registry_number', 'enqueued_at', 'visible_at'],
          fresh.map(({ row }) => [row.department, row.registry_number, receivedAt, now.getTime()]),
        ),
      );
      await sql.run('UPDATE register_counters SET seq = $1 WHERE year = $2', [seq, year]);
    }
    const same = await storedFromRows(
      sql,
      planned.flatMap((x) => ('sameAs' in x ? [x.sameAs] : [])),
    );
    let f = 0;
    return planned.map((x): RegisterOutcome => {
      if ('outcome' in x) return x.outcome;
      if ('row' in x) {
        const i = f++;
        return { status: 'created', entry: entries[i]!, receipt: receipts[i]! };
      }
      const stored = same.get(x.sameAs.registry_number);
      // Written earlier in this very batch: its receipt is this batch's.
      if (!stored) {
        const i = fresh.findIndex((y) => y.row.registry_number === x.sameAs.registry_number);
        return { status: 'existing', entry: entries[i]!, receipt: receipts[i]! };
      }
      return { status: 'existing', entry: stored.entry, receipt: stored.receipt };
    });
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
      const byKey = idempotencyKey
        ? (await db.rows<EntryRow>('SELECT * FROM register WHERE idempotency_key = ?', [idempotencyKey]))[0]
        : undefined;
      const byNonce = byKey
        ? undefined
        : (await db.rows<EntryRow>('SELECT * FROM register WHERE nonce = ?', [nonce]))[0];
      const seen = classifySubmission(documentSha256, byKey, byNonce);
      if (seen.status !== 'existing') return seen;
      const stored = (await storedFromRows(db, [seen.row])).get(seen.row.registry_number);
      return stored ? { status: 'existing', stored } : { status: 'new' };
    },
    async getDocument(registryNumber) {
      const [row] = await db.rows<EntryRow>('SELECT * FROM register WHERE registry_number = ?', [registryNumber]);
      return row && (await storedFromRows(db, [row])).get(row.registry_number);
    },
    async list(q) {
      const rows = await db.rows<EntryRow>(
        `SELECT * FROM register WHERE year = ? AND seq > ?${q.notFullyScanned ? ' AND not_fully_scanned = 1' : ''} ORDER BY seq LIMIT ?`,
        [q.year, q.after, q.limit],
      );
      return rows.map(toEntry);
    },
  };
}

/** The size of a file's parts in the database: each decoded in about a millisecond. */
export const BLOB_PART_BYTES = 256 * 1024;

/**
 * Attachment files and signed files in the database, by their SHA-256: every instance reads what
 * any wrote. Written and read part by part (BLOB_PART_BYTES), so that a file of several megabytes
 * never holds the event loop in one piece; a file exists once its `blobs` row does, written last.
 */
export function pgBlobs(db: PgDatabase): BlobStore {
  return {
    async put(sha256, data) {
      if ((await db.rows('SELECT 1 FROM blobs WHERE sha256 = ?', [sha256])).length > 0) return;
      const parts = Math.max(1, Math.ceil(data.length / BLOB_PART_BYTES));
      await db.transaction(async (sql) => {
        for (let i = 0; i < parts; i++)
          await sql.run('INSERT INTO blob_parts (sha256, part, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
            sha256,
            i,
            data.subarray(i * BLOB_PART_BYTES, (i + 1) * BLOB_PART_BYTES),
          ]);
        await sql.run('INSERT INTO blobs (sha256, size, parts) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
          sha256,
          data.length,
          parts,
        ]);
      });
    },
    async get(sha256) {
      const [blob] = await db.rows<{ size: number; parts: number }>('SELECT size, parts FROM blobs WHERE sha256 = ?', [
        sha256,
      ]);
      if (!blob) return undefined;
      const out = new Uint8Array(blob.size);
      let offset = 0;
      for (let i = 0; i < blob.parts; i++) {
        const [part] = await db.rows<{ bytes: Uint8Array }>(
          'SELECT bytes FROM blob_parts WHERE sha256 = ? AND part = ?',
          [sha256, i],
        );
        if (!part) throw new Error(`file ${sha256}: part ${i} of ${blob.parts} is missing`);
        out.set(part.bytes, offset);
        offset += part.bytes.length;
      }
      return out;
    },
  };
}
