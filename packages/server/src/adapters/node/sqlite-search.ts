import type Database from 'better-sqlite3';
import type { RegisterSearch } from '../../core/ports.js';
import {
  KEY_COUNT_SQL,
  keyPlans,
  nextPosition,
  searchQuery,
  stretchEndQuery,
  toFound,
  type SearchRow,
} from '../../core/sql-search.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The register searched on SQLite, with the statements core/sql-search.ts shares with D1 (prepared once each). */
export function sqliteSearch({ db }: Pick<SqliteDatabase, 'db'>): RegisterSearch {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    search(q) {
      let plans;
      if (q.keys) {
        const keys = [...new Set(q.keys.flat())];
        const counts = new Map(keys.map((k) => [k, (statement(KEY_COUNT_SQL).get(k) as { n: number }).n]));
        plans = keyPlans(q.keys, counts);
        if (plans === 'too-many') return Promise.resolve('too-many');
        if (plans.length === 0) return Promise.resolve({ found: [] });
      }
      const { sql, params } = searchQuery(q, plans);
      const found = statement(sql).all(...params) as SearchRow[];
      const end =
        q.registryNumber === undefined && !q.keys && found.length < q.limit
          ? (statement(stretchEndQuery(q).sql).get(...stretchEndQuery(q).params) as
              { year: number; seq: number; received_at: string } | undefined)
          : undefined;
      const next = nextPosition(q, found, end);
      return Promise.resolve({ found: found.map(toFound), ...(next && { next }) });
    },
  };
}
