// The audit log's hash chain on SQLite: appended in one line however many write at once, checked
// a page at a time, and broken, at the record concerned, by any edit, deletion or re-hashing.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, auditHash, GENESIS_HASH, verifyAudit } from '../src/core/audit.js';
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createStorage, type SqliteStorage } from '../src/adapters/node/sqlite-storage.js';
import { openStorage } from './sqlite-support.js';

const NOW = new Date('2026-12-07T09:00:00Z');
const CLI = resolve(import.meta.dirname, '../bin/ebok-audit.js');
let storage: SqliteStorage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

/** A fresh log with `n` records appended one after another. */
async function logOf(n: number): Promise<SqliteStorage> {
  storage = openStorage().storage;
  for (let i = 1; i <= n; i++)
    await appendAudit(
      storage.audit,
      { actor: 'token:registrar#0123456789ab', action: 'enrolment.create', target: `PNOPL-${i}`, after: { i } },
      NOW,
    );
  return storage;
}

describe('the audit chain', () => {
  it('chains each record to the one before, from 64 zeros', async () => {
    const s = await logOf(3);
    const records = await s.audit.list({ after: 0, limit: 10 });
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    expect(records[2]).toMatchObject({ target: 'PNOPL-3', before: null, after: { i: 3 }, at: NOW.toISOString() });
    const { hash, ...unsigned } = records[2]!;
    expect(await auditHash(unsigned)).toBe(hash);
    expect(await verifyAudit(s.audit)).toEqual({ ok: true, records: 3, head: hash });
  });

  it('gives 100 actions appended at once 100 consecutive numbers in one chain', async () => {
    storage = openStorage().storage;
    const s = storage;
    const appended = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        appendAudit(s.audit, { actor: `token:admin#${String(i).padStart(12, '0')}`, action: 'test.parallel' }, NOW),
      ),
    );
    expect(appended.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: true, records: 100 });
  });

  it('keeps one chain when two servers share the database and race for the same numbers', async () => {
    const first = openStorage();
    storage = first.storage;
    const second = createStorage({
      path: first.path,
      migrationsDir: resolve(import.meta.dirname, '../migrations'),
      clock: { now: () => NOW },
      registryFormat: 'RPW/{seq}/{year}',
      timeZone: 'Europe/Warsaw',
    });
    try {
      const appended = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          appendAudit(
            (i % 2 ? second : first.storage).audit,
            { actor: 'token:admin#000000000000', action: `race.${i}` },
            NOW,
          ),
        ),
      );
      expect(new Set(appended.map((r) => r.seq)).size).toBe(60);
      expect(await verifyAudit(first.storage.audit)).toMatchObject({ ok: true, records: 60 });
    } finally {
      await second.close();
    }
  });

  it('checks a log longer than a page, and finds a break after the first page', async () => {
    const s = await logOf(1203);
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: true, records: 1203 });
    s.db.prepare("UPDATE audit_log SET actor = 'token:admin#ffffffffffff' WHERE seq = 1101").run();
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: false, records: 1100, brokenAt: 1101, reason: 'hash' });
  }, 60_000);

  it('names the record an intruder edits, re-hashes or deletes', async () => {
    const s = await logOf(5);
    const [third] = await s.audit.list({ after: 2, limit: 1 });
    const row = s.db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;
    const restore = () =>
      s.db
        .prepare(
          'INSERT OR REPLACE INTO audit_log VALUES (@seq, @at, @actor, @action, @target, @before, @after, @prev_hash, @hash)',
        )
        .run(row);

    s.db.prepare(`UPDATE audit_log SET after = '{"i":33}' WHERE seq = 3`).run();
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash', records: 2 });

    // The intruder also recomputes the edited record's hash: the next record no longer names it.
    const forged = await auditHash({ ...third!, after: { i: 33 } });
    s.db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(forged);
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: false, brokenAt: 4, reason: 'previous-hash', records: 3 });
    restore();
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: true, records: 5 });

    s.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: false, brokenAt: 3, reason: 'gap', records: 2 });
    restore();

    // The same value spelt differently in the database is the same record.
    s.db.prepare(`UPDATE audit_log SET after = '{ "i" : 3 }' WHERE seq = 3`).run();
    expect(await verifyAudit(s.audit)).toMatchObject({ ok: true, records: 5 });
  });

  it('is checked offline by ebok-audit verify, from a data folder, read-only', async () => {
    const opened = openStorage();
    storage = opened.storage;
    for (let i = 0; i < 3; i++) await appendAudit(storage.audit, { actor: 'staff:anna', action: 'case.open' }, NOW);
    const head = (await storage.audit.head())!.hash;
    await storage.close();
    storage = undefined;
    const run = async (...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args]);
        return { code: 0, out: stdout };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, out: err.stdout + err.stderr };
      }
    };
    expect(await run('verify', dirname(opened.path))).toEqual({
      code: 0,
      out: `${JSON.stringify({ ok: true, records: 3, head })}\n`,
    });
    const db = new Database(opened.path);
    db.prepare("UPDATE audit_log SET action = 'case.close' WHERE seq = 2").run();
    db.close();
    const broken = await run('verify', opened.path);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' });
    expect(await run('verify', '/nonexistent/ebok')).toMatchObject({
      code: 2,
      out: expect.stringMatching(/no database at/) as unknown,
    });
    expect((await run('check')).code).toBe(2);
  });
});
