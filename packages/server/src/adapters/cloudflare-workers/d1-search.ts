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

/** The register searched on D1, with the statements core/sql-search.ts shares with SQLite. */
export function d1Search(db: D1Database): RegisterSearch {
  return {
    async search(q) {
      let plans;
      if (q.keys) {
        const keys = [...new Set(q.keys.flat())];
        const results = await db.batch<{ n: number }>(keys.map((k) => db.prepare(KEY_COUNT_SQL).bind(k)));
        plans = keyPlans(q.keys, new Map(keys.map((k, i) => [k, results[i]!.results[0]!.n])));
        if (plans === 'too-many') return 'too-many';
        if (plans.length === 0) return { found: [] };
      }
      const { sql, params } = searchQuery(q, plans);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<SearchRow>();
      let end: { year: number; seq: number; received_at: string } | null = null;
      if (q.registryNumber === undefined && !q.keys && results.length < q.limit) {
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
