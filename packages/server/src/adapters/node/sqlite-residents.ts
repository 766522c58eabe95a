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
    keyed: db.prepare(RESIDENT_SQL.keyed),
  };
  const create = db.transaction((hash: string, now: number, expiresAt: number) => {
    stmts.forget.run(now);
    stmts.insert.run(hash, expiresAt);
  });
  const use = db.transaction((hash: string, key: string, limit: number) => {
    const used = stmts.use.get(hash) as { expires_at: number } | undefined;
    if (!used) return undefined;
    const rows: ResidentRows = {
      entries: stmts.entries.all(key, limit) as ResidentRows['entries'],
      dispatches: stmts.dispatches.all(key, limit) as ResidentRows['dispatches'],
      cases: stmts.cases.all(key, limit) as ResidentRows['cases'],
      events: stmts.events.all(key, limit) as ResidentRows['events'],
    };
    return { expiresAt: used.expires_at, rows };
  });
  const useFor = db.transaction((hash: string, key: string, registryNumber: string) => {
    const used = stmts.use.get(hash) as { expires_at: number } | undefined;
    if (!used) return undefined;
    const { keyed } = stmts.keyed.get(key, registryNumber) as { keyed: number };
    return { expiresAt: new Date(used.expires_at), keyed: keyed === 1 };
  });
  return {
    async createChallenge(hash, now, expiresAt) {
      create(hash, now.getTime(), expiresAt.getTime());
    },
    async useChallenge(hash, key, limit) {
      const used = use(hash, key, limit);
      if (!used) return undefined;
      await database.durable(); // only registrations already on disk are shown
      return { expiresAt: new Date(used.expiresAt), applications: toResidentApplications(used.rows) };
    },
    async useChallengeFor(hash, key, registryNumber) {
      return useFor(hash, key, registryNumber);
    },
  };
}
