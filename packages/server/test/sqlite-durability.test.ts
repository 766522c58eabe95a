import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterOutcome } from '../src/core/platform.js';
import type { SqliteStorage } from '../src/adapters/node/sqlite-storage.js';
import { newEntry, openStorage, receipt } from './sqlite-support.js';

// Registration writes with synchronous=NORMAL and makes the WAL durable itself, off the event
// loop. These tests hold that fsync back and check that nobody learns of an entry before it ends.

interface Gate {
  calls: number;
  release(): void;
  fail(error: Error): void;
}

function gatedSync(): { gate: Gate; syncWal: () => Promise<void> } {
  const waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const gate: Gate = {
    calls: 0,
    release: () => waiting.splice(0).forEach((w) => w.resolve()),
    fail: (e) => waiting.splice(0).forEach((w) => w.reject(e)),
  };
  const syncWal = () =>
    new Promise<void>((resolve, reject) => {
      gate.calls++;
      waiting.push({ resolve, reject });
    });
  return { gate, syncWal };
}

const open: SqliteStorage[] = [];
function storageWith(syncWal?: () => Promise<void>) {
  const opened = openStorage(syncWal && { syncWal });
  open.push(opened.storage);
  return opened;
}
afterEach(() => open.splice(0).forEach((s) => s.close()));

const entry = (n: number, idempotencyKey?: string) => newEntry(n, idempotencyKey ? { idempotencyKey } : {});
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};
const settled = <T>(p: Promise<T>) => {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
};

describe('SQLite registration durability', () => {
  it('answers a registration only after the fsync that follows its commit has finished', async () => {
    const { gate, syncWal } = gatedSync();
    const { storage, path } = storageWith(syncWal);
    const first = settled(storage.register.enter(entry(1), receipt));
    await turns();
    // Written and committed: another connection sees it; but its caller has no answer yet.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT registry_number FROM register').pluck().all()).toEqual(['RPW/1/2026']);
    reader.close();
    expect(gate.calls).toBe(1);
    expect(first.done).toBe(false);
    gate.release();
    await turns();
    expect(first.done).toBe(true);
    expect((first.value as RegisterOutcome & { status: 'created' }).entry.registryNumber).toBe('RPW/1/2026');
  });

  it('writes the next batch while an fsync runs, and answers it only after an fsync begun after it', async () => {
    const { gate, syncWal } = gatedSync();
    const { storage } = storageWith(syncWal);
    const a = settled(storage.register.enter(entry(1), receipt));
    await turns();
    expect(gate.calls).toBe(1);
    const b = settled(storage.register.enter(entry(2), receipt));
    const c = settled(storage.register.enter(entry(3), receipt));
    await turns();
    // b and c are written, but the running fsync may have begun before them: they wait for the next.
    gate.release();
    await turns();
    expect(a.done).toBe(true);
    expect(b.done).toBe(false);
    expect(gate.calls).toBe(2);
    gate.release();
    await turns();
    expect([b.done, c.done]).toEqual([true, true]);
    expect(gate.calls).toBe(2); // one fsync for both
  });

  it('answers a retry of an entry whose fsync has not finished only once it has', async () => {
    const { gate, syncWal } = gatedSync();
    const { storage } = storageWith(syncWal);
    const first = settled(storage.register.enter(entry(1, 'key-00000001'), receipt));
    await turns();
    const retry = settled(storage.register.lookup(entry(1).documentSha256!, 'key-00000001', entry(1).nonce!));
    const read = settled(storage.register.getDocument('RPW/1/2026'));
    const list = settled(storage.register.list({ year: 2026, after: 0, limit: 10 }));
    await turns();
    expect([first.done, retry.done, read.done, list.done]).toEqual([false, false, false, false]);
    gate.release();
    await turns();
    expect([first.done, retry.done, read.done, list.done]).toEqual([true, true, true, true]);
    expect((retry.value as { status: string }).status).toBe('existing');
  });

  it('tells the callers when the fsync fails, and a retry finds the entry once the disk answers', async () => {
    const { gate, syncWal } = gatedSync();
    const { storage } = storageWith(syncWal);
    const first = settled(storage.register.enter(entry(1, 'key-00000001'), receipt));
    await turns();
    gate.fail(new Error('EIO: i/o error, fsync'));
    await turns();
    expect(first.done).toBe(true);
    expect(String(first.error)).toContain('EIO');
    const retry = settled(storage.register.enter(entry(1, 'key-00000001'), receipt));
    await turns();
    gate.release();
    await turns();
    const outcome = retry.value as { status: string; entry: { registryNumber: string } };
    expect(outcome.status).toBe('existing');
    expect(outcome.entry.registryNumber).toBe('RPW/1/2026');
  });

  it('makes the WAL durable with a real fsync by default, and drains before it closes', async () => {
    const { storage } = storageWith();
    const outcomes = await Promise.all([1, 2, 3].map((n) => storage.register.enter(entry(n), receipt)));
    expect(outcomes.map((o) => ('entry' in o ? o.entry.sequence : 0))).toEqual([1, 2, 3]);
    const late = storage.register.enter(entry(4), receipt);
    await storage.drained();
    expect(((await late) as { status: string }).status).toBe('created');
  });
});
