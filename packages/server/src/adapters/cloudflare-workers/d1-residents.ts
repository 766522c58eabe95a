import type { ResidentStore } from '../../core/ports.js';
import {
  type CaseEventRow,
  type CaseRow,
  type DispatchRow,
  RESIDENT_SQL,
  toResidentApplications,
} from '../../core/sql-office-rows.js';
import type { EntryRow } from '../../core/sql-rows.js';

/**
 * Residents' challenges and the applications they find, on D1: the challenge is used up and the
 * applications read in one batch (one transaction), whose reads are dropped when the challenge
 * was not there to use.
 */
export function d1Residents(db: D1Database): ResidentStore {
  return {
    async createChallenge(hash, now, expiresAt) {
      await db.batch([
        db.prepare(RESIDENT_SQL.forgetChallenges).bind(now.getTime()),
        db.prepare(RESIDENT_SQL.insertChallenge).bind(hash, expiresAt.getTime()),
      ]);
    },
    async useChallenge(hash, key, limit) {
      const [used, entries, dispatches, cases, events] = await db.batch([
        db.prepare(RESIDENT_SQL.useChallenge).bind(hash),
        db.prepare(RESIDENT_SQL.entries).bind(key, limit),
        db.prepare(RESIDENT_SQL.dispatches).bind(key, limit),
        db.prepare(RESIDENT_SQL.cases).bind(key, limit),
        db.prepare(RESIDENT_SQL.events).bind(key, limit),
      ]);
      const row = used!.results[0] as { expires_at: number } | undefined;
      if (!row) return undefined;
      return {
        expiresAt: new Date(row.expires_at),
        applications: toResidentApplications({
          entries: entries!.results as EntryRow[],
          dispatches: dispatches!.results as Array<DispatchRow & { registry_number: string }>,
          cases: cases!.results as Array<CaseRow & { registry_number: string }>,
          events: events!.results as Array<CaseEventRow & { case_number: string }>,
        }),
      };
    },
    async useChallengeFor(hash, key, registryNumber) {
      const [used, keyed] = await db.batch([
        db.prepare(RESIDENT_SQL.useChallenge).bind(hash),
        db.prepare(RESIDENT_SQL.keyed).bind(key, registryNumber),
      ]);
      const row = used!.results[0] as { expires_at: number } | undefined;
      if (!row) return undefined;
      return { expiresAt: new Date(row.expires_at), keyed: (keyed!.results[0] as { keyed: number }).keyed === 1 };
    },
  };
}
