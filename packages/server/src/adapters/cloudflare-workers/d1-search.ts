import type { RegisterSearch } from '../../core/ports.js';
import { nextPosition, searchQuery, stretchEndQuery, toFound, type SearchRow } from '../../core/sql-search.js';

/** The register searched on D1, with the statements core/sql-search.ts shares with SQLite. */
export function d1Search(db: D1Database): RegisterSearch {
  return {
    async search(q) {
      const { sql, params } = searchQuery(q);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<SearchRow>();
      let end: { year: number; seq: number; received_at: string } | null = null;
      if (q.registryNumber === undefined && results.length < q.limit) {
        const e = stretchEndQuery(q);
        end = await db
          .prepare(e.sql)
          .bind(...e.params)
          .first<{ year: number; seq: number; received_at: string }>();
      }
      const next = nextPosition(q, results, end ?? undefined);
      return { found: results.map(toFound), ...(next && { next }) };
    },
  };
}
