import type { QueueResult, QueueStore } from '../../core/ports.js';
import { type DeadLetterRow, type LeasedRow, toDeadLetter, toQueueMessages } from '../../core/sql-rows.js';

/** The departments' inboxes on D1: the same lease/ack semantics as on Node, one statement each. */
export function d1Queues(db: D1Database): QueueStore {
  /** Why a conditional update on a leased message changed nothing. */
  const leaseFailure = async (department: string, id: number): Promise<QueueResult> => {
    const row = await db
      .prepare('SELECT 1 AS found FROM queue WHERE id = ?1 AND department = ?2')
      .bind(id, department)
      .first('found');
    return row ? 'lease-lost' : 'not-found';
  };

  return {
    async lease(department, max, visibilitySeconds, now) {
      const t = now.getTime();
      const until = t + visibilitySeconds * 1000;
      const { results } = await db
        .prepare(
          `UPDATE queue SET lease_id = lower(hex(randomblob(16))), visible_at = ?1, deliveries = deliveries + 1
           WHERE id IN (SELECT id FROM queue WHERE department = ?2 AND state = 'ready' AND visible_at <= ?3 ORDER BY id LIMIT ?4)
           RETURNING id, lease_id, department, registry_number, enqueued_at, deliveries`,
        )
        .bind(until, department, t, max)
        .all<LeasedRow>();
      return toQueueMessages(results, until);
    },

    async ack(department, id, leaseId, now) {
      const { meta } = await db
        .prepare(
          `UPDATE queue SET state = 'acked', finished_at = ?1, lease_id = NULL
           WHERE id = ?2 AND department = ?3 AND state = 'ready' AND lease_id = ?4 AND visible_at > ?5`,
        )
        .bind(now.toISOString(), id, department, leaseId, now.getTime())
        .run();
      return meta.changes === 1 ? 'ok' : leaseFailure(department, id);
    },

    async nack(department, id, leaseId, now, delaySeconds, maxDeliveries) {
      const { meta } = await db
        .prepare(
          `UPDATE queue SET lease_id = NULL, visible_at = ?1,
             state = CASE WHEN deliveries >= ?2 THEN 'dead' ELSE 'ready' END,
             finished_at = CASE WHEN deliveries >= ?2 THEN ?3 ELSE NULL END
           WHERE id = ?4 AND department = ?5 AND state = 'ready' AND lease_id = ?6 AND visible_at > ?7`,
        )
        .bind(
          now.getTime() + delaySeconds * 1000,
          maxDeliveries,
          now.toISOString(),
          id,
          department,
          leaseId,
          now.getTime(),
        )
        .run();
      return meta.changes === 1 ? 'ok' : leaseFailure(department, id);
    },

    async deadLetters(department) {
      const { results } = await db
        .prepare(
          "SELECT id, registry_number, deliveries FROM queue WHERE department = ?1 AND state = 'dead' ORDER BY id",
        )
        .bind(department)
        .all<DeadLetterRow>();
      return results.map(toDeadLetter);
    },
  };
}
