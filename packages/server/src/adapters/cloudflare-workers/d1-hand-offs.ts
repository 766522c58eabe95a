import type { HandOffStore } from '../../core/ports.js';
import {
  failedQuery,
  HAND_OFF_SQL,
  retryStatement,
  toFailedHandOff,
  type HandOffRow,
} from '../../core/sql-hand-offs.js';
import type { OutboxRow } from './outbox.js';

/**
 * Failed hand-offs on D1: the queue's dead letters and the outbox's dead webhook pushes. An
 * outbox row put back is sent at once (`send`); if that fails, the cron relay sends it, as it
 * sends every unsent row.
 */
export function d1HandOffs(db: D1Database, send?: (row: OutboxRow) => Promise<void>): HandOffStore {
  return {
    async failed(q) {
      const { sql, params } = failedQuery(q);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<HandOffRow>();
      return results.map(toFailedHandOff);
    },
    async retry(kind, id, now) {
      const row = await db.prepare(HAND_OFF_SQL[kind]).bind(id).first<HandOffRow & { state: string }>();
      if (!row) return 'not-found';
      const { sql, params } = retryStatement(kind, id, now);
      // The update only passes a dead row: of two retries at once, one puts it back.
      const { meta } = await db
        .prepare(sql)
        .bind(...params)
        .run();
      if (meta.changes !== 1) return 'not-failed';
      if (kind === 'webhook') await send?.({ id, department: row.department, registry_number: row.registry_number });
      return toFailedHandOff(row);
    },
  };
}
