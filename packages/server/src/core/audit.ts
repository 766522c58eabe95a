/**
 * @module The audit log's hash chain, decided once for every backend: how a record's hash is
 * made, how a record is appended as the next number, and how the whole chain is checked.
 */
import { canonicalJson } from '@ebok/forms-core/signing';
import { sha256, toHex } from '@ebok/forms-core/pki';
import type { AuditInput, AuditRecord, AuditStore } from './ports.js';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** How many times an append tries the next number when other writers take it first. */
const APPEND_ATTEMPTS = 50;

/** Records read at a time when the chain is checked: memory stays the same however long the log. */
const VERIFY_PAGE = 500;

/**
 * A record's hash: SHA-256 over the canonical JSON (RFC 8785) of everything it says, the previous
 * record's hash included. `before` and `after` are hashed as the JSON values they are, so a
 * backend may store them as text in any spelling of the same value.
 */
export async function auditHash(record: Omit<AuditRecord, 'hash'>): Promise<string> {
  const { seq, at, actor, action, target, before, after, prevHash } = record;
  const text = canonicalJson({ seq, at, actor, action, target, before, after, prevHash });
  return toHex(await sha256(new TextEncoder().encode(text)));
}

/** Each store's appends in this process, one after another (see appendAudit). */
const queues = new WeakMap<AuditStore, Promise<unknown>>();

/**
 * Appends an action as the log's next record, chained to the last one. In one process, appends
 * to a store wait for each other, so they never race; instances that share a database (several
 * Node servers, Workers isolates) may still race for a number, which the store refuses to all
 * but one (its key is the number): the others read the new head and try again.
 */
export function appendAudit(store: AuditStore, input: AuditInput, now: Date): Promise<AuditRecord> {
  const previous = queues.get(store) ?? Promise.resolve();
  const appended = previous.then(
    () => appendNext(store, input, now),
    () => appendNext(store, input, now),
  );
  queues.set(store, appended);
  return appended;
}

async function appendNext(store: AuditStore, input: AuditInput, now: Date): Promise<AuditRecord> {
  for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
    const head = await store.head();
    const unsigned = {
      seq: (head?.seq ?? 0) + 1,
      at: now.toISOString(),
      actor: input.actor,
      action: input.action,
      target: input.target ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const record: AuditRecord = { ...unsigned, hash: await auditHash(unsigned) };
    if (await store.append(record)) return record;
  }
  throw new Error(`the audit log's next number was taken ${APPEND_ATTEMPTS} times in a row`);
}

/** The outcome of checking the chain: its length and last hash, or the first record that breaks it. */
export type AuditVerification =
  | { readonly ok: true; readonly records: number; readonly head: string }
  | {
      readonly ok: false;
      readonly records: number;
      readonly head: string;
      readonly brokenAt: number;
      readonly reason: 'gap' | 'previous-hash' | 'hash';
    };

/**
 * Checks the whole chain from the first record, a page at a time: every number follows the one
 * before, every record names the previous record's hash, and every hash is the hash of what the
 * record says. The first record that fails is named, with why. (Removing the newest records
 * cannot be seen from inside: compare `head` with one kept elsewhere.)
 */
export async function verifyAudit(store: AuditStore): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (;;) {
    const page = await store.list({ after: expectedSeq - 1, limit: VERIFY_PAGE });
    for (const r of page) {
      const broken = (reason: 'gap' | 'previous-hash' | 'hash', brokenAt = r.seq): AuditVerification => ({
        ok: false,
        records: expectedSeq - 1,
        head: prev,
        brokenAt,
        reason,
      });
      // A missing number (a record deleted) breaks the chain where it was.
      if (r.seq !== expectedSeq) return broken('gap', expectedSeq);
      if (r.prevHash !== prev) return broken('previous-hash');
      const { hash, ...unsigned } = r;
      if ((await auditHash(unsigned)) !== hash) return broken('hash');
      prev = hash;
      expectedSeq++;
    }
    if (page.length < VERIFY_PAGE) return { ok: true, records: expectedSeq - 1, head: prev };
  }
}
