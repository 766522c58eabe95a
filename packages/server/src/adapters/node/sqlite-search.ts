import type Database from 'better-sqlite3';
import type { RegisterSearch } from '../../core/ports.js';
import { nextPosition, searchQuery, stretchEndQuery, toFound, type SearchRow } from '../../core/sql-search.js';
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
      const { sql, params } = searchQuery(q);
      const found = statement(sql).all(...params) as SearchRow[];
      const end =
        q.registryNumber === undefined && found.length < q.limit
          ? (statement(stretchEndQuery(q).sql).get(...stretchEndQuery(q).params) as
              { year: number; seq: number; received_at: string } | undefined)
          : undefined;
      const next = nextPosition(q, found, end);
      return Promise.resolve({ found: found.map(toFound), ...(next && { next }) });
    },
  };
}
