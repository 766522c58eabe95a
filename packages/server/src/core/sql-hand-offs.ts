/**
 * @module Failed hand-offs in the SQL every database backend shares: the queue's dead letters, the
 * outbox's dead webhook pushes and the mail outbox's dead e-mail as one list, most recent first, and each put back for delivery
 * by an update that only a failed one passes, so that a retry happens once however often it is asked.
 */
import type { FailedHandOff, HandOffKind, HandOffPosition } from './ports.js';

export interface HandOffRow {
  readonly kind: HandOffKind;
  readonly id: number;
  readonly department: string;
  readonly registry_number: string;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly failed_at: string;
}

export const toFailedHandOff = (r: HandOffRow): FailedHandOff => ({
  kind: r.kind,
  id: r.id,
  department: r.department,
  registryNumber: r.registry_number,
  attempts: r.attempts,
  lastError: r.last_error,
  failedAt: r.failed_at,
});

// Both read through the partial indexes on dead rows (migration 0016): delivered rows are never scanned.
const DEAD_QUEUE = `SELECT 'queue' AS kind, id, department, registry_number, deliveries AS attempts, NULL AS last_error,
  COALESCE(finished_at, enqueued_at) AS failed_at FROM queue WHERE state = 'dead'`;
const DEAD_OUTBOX = `SELECT 'webhook' AS kind, id, department, registry_number, attempts, last_error,
  COALESCE(finished_at, '') AS failed_at FROM outbox WHERE state = 'dead'`;
const DEAD_MAIL = `SELECT 'email' AS kind, id, department, registry_number, attempts, last_error,
  COALESCE(finished_at, '') AS failed_at FROM mail_outbox WHERE state = 'dead'`;

/** A page of failed hand-offs: most recent first, then by kind and id, after the position given. */
export function failedQuery(q: { department?: string; after?: HandOffPosition; limit: number }): {
  sql: string;
  params: unknown[];
} {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.department !== undefined) {
    where.push('department = ?');
    params.push(q.department);
  }
  if (q.after) {
    const { failedAt, kind, id } = q.after;
    where.push('(failed_at < ? OR (failed_at = ? AND (kind > ? OR (kind = ? AND id < ?))))');
    params.push(failedAt, failedAt, kind, kind, id);
  }
  params.push(q.limit);
  return {
    sql: `SELECT * FROM (${DEAD_QUEUE} UNION ALL ${DEAD_OUTBOX} UNION ALL ${DEAD_MAIL}) AS dead
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY failed_at DESC, kind, id DESC LIMIT ?`,
    params,
  };
}

/** One hand-off of a kind by its id, failed or not, with its state. */
export const HAND_OFF_SQL: Readonly<Record<HandOffKind, string>> = {
  email: `SELECT 'email' AS kind, id, department, registry_number, attempts, last_error,
    COALESCE(finished_at, '') AS failed_at, state FROM mail_outbox WHERE id = ?`,
  queue: `SELECT 'queue' AS kind, id, department, registry_number, deliveries AS attempts, NULL AS last_error,
    COALESCE(finished_at, enqueued_at) AS failed_at, state FROM queue WHERE id = ?`,
  webhook: `SELECT 'webhook' AS kind, id, department, registry_number, attempts, last_error,
    COALESCE(finished_at, '') AS failed_at, state FROM outbox WHERE id = ?`,
};

/**
 * Puts a failed hand-off back with fresh tries: a queue message becomes visible to its
 * department's next lease; an outbox row is pending and unsent again, for the sender (or its
 * relay) to push; a message to a resident is due now, with fresh tries. A row that is not dead is
 * left alone.
 */
export function retryStatement(kind: HandOffKind, id: number, now: Date): { sql: string; params: unknown[] } {
  if (kind === 'email')
    return {
      sql: `UPDATE mail_outbox SET state = 'pending', attempts = 0, next_at = ?, lease_until = NULL, last_error = NULL,
        finished_at = NULL WHERE id = ? AND state = 'dead'`,
      params: [now.getTime(), id],
    };
  return kind === 'queue'
    ? {
        sql: `UPDATE queue SET state = 'ready', deliveries = 0, visible_at = ?, lease_id = NULL, finished_at = NULL
          WHERE id = ? AND state = 'dead'`,
        params: [now.getTime(), id],
      }
    : {
        sql: `UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL, finished_at = NULL, sent_at = NULL
          WHERE id = ? AND state = 'dead'`,
        params: [id],
      };
}
