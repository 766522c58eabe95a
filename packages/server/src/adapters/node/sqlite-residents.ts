import type { ResidentStore } from '../../core/ports.js';
import { RESIDENT_SQL, type ResidentRows, toResidentApplications } from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Residents' challenges and the applications they find, on SQLite: a challenge is used up in the transaction that reads. */
export function sqliteResidents(database: Pick<SqliteDatabase, 'db' | 'durable'>): ResidentStore {
  const { db } = database;
  const stmts = {
    forget: db.prepare(RESIDENT_SQL.forgetChallenges),
    insert: db.prepare(RESIDENT_SQL.insertChallenge),
    use: db.prepare(RESIDENT_SQL.useChallenge),
    entries: db.prepare(RESIDENT_SQL.entries),
    dispatches: db.prepare(RESIDENT_SQL.dispatches),
    cases: db.prepare(RESIDENT_SQL.cases),
    events: db.prepare(RESIDENT_SQL.events),
  };
  const create = db.transaction((hash: string, now: number, expiresAt: number) => {
    stmts.forget.run(now);
    stmts.insert.run(hash, expiresAt);
  });
  const use = db.transaction((hash: string, now: number, key: string, limit: number) => {
    const used = stmts.use.get(hash) as { expires_at: number } | undefined;
    if (!used) return 'unknown' as const;
    if (used.expires_at <= now) return 'expired' as const;
    return {
      entries: stmts.entries.all(key, limit),
      dispatches: stmts.dispatches.all(key, limit),
      cases: stmts.cases.all(key, limit),
      events: stmts.events.all(key, limit),
    } as ResidentRows;
  });
  return {
    async createChallenge(hash, now, expiresAt) {
      create(hash, now.getTime(), expiresAt.getTime());
    },
    async useChallenge(hash, now, key, limit) {
      const rows = use(hash, now.getTime(), key, limit);
      if (typeof rows === 'string') return { status: rows };
      await database.durable(); // only registrations already on disk are shown
      return { status: 'ok', applications: toResidentApplications(rows) };
    },
  };
}
