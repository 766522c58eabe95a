import type { HandOffKind, HandOffStore } from '../../core/ports.js';
import {
  failedQuery,
  HAND_OFF_SQL,
  retryStatement,
  toFailedHandOff,
  type HandOffRow,
} from '../../core/sql-hand-offs.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Failed hand-offs on SQLite (the queue's dead letters; the outbox stays empty on Node). */
export function sqliteHandOffs({ db }: Pick<SqliteDatabase, 'db'>): HandOffStore {
  // Read and put back in one transaction: two retries of one hand-off put it back once.
  const retry = db.transaction((kind: HandOffKind, id: number, now: Date) => {
    const row = db.prepare(HAND_OFF_SQL[kind]).get(id) as (HandOffRow & { state: string }) | undefined;
    if (!row) return 'not-found' as const;
    const { sql, params } = retryStatement(kind, id, now);
    if (db.prepare(sql).run(...params).changes !== 1) return 'not-failed' as const;
    return toFailedHandOff(row);
  });
  return {
    failed(q) {
      const { sql, params } = failedQuery(q);
      return Promise.resolve((db.prepare(sql).all(...params) as HandOffRow[]).map(toFailedHandOff));
    },
    retry: (kind, id, now) => Promise.resolve(retry(kind, id, now)),
  };
}
