import type { QueueResult, QueueStore } from '../../core/ports.js';
import { type DeadLetterRow, type LeasedRow, toDeadLetter, toQueueMessages } from '../../core/sql-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Department queues on SQLite: leases with a visibility timeout, acks, redelivery, dead letters. */
export function sqliteQueues({ db }: SqliteDatabase): QueueStore {
  const lease = db.prepare(
    `UPDATE queue SET lease_id = lower(hex(randomblob(16))), visible_at = ?, deliveries = deliveries + 1
     WHERE id IN (SELECT id FROM queue WHERE department = ? AND state = 'ready' AND visible_at <= ? ORDER BY id LIMIT ?)
     RETURNING id, lease_id, department, registry_number, enqueued_at, deliveries`,
  );
  const leaseOf = db.prepare('SELECT lease_id, visible_at, state FROM queue WHERE id = ? AND department = ?');
  const ack = db.prepare("UPDATE queue SET state = 'acked', finished_at = ?, lease_id = NULL WHERE id = ?");
  const nack = db.prepare(
    `UPDATE queue SET lease_id = NULL, visible_at = ?,
       state = CASE WHEN deliveries >= ? THEN 'dead' ELSE 'ready' END,
       finished_at = CASE WHEN deliveries >= ? THEN ? ELSE NULL END
     WHERE id = ?`,
  );
  const deadLetters = db.prepare(
    "SELECT id, registry_number, deliveries FROM queue WHERE department = ? AND state = 'dead' ORDER BY id",
  );

  const leased = (department: string, id: number, leaseId: string, now: Date): QueueResult | 'held' => {
    const row = leaseOf.get(id, department) as
      { lease_id: string | null; visible_at: number; state: string } | undefined;
    if (!row) return 'not-found';
    if (row.state !== 'ready' || row.lease_id !== leaseId || row.visible_at <= now.getTime()) return 'lease-lost';
    return 'held';
  };
  // Read and write in one transaction: nobody takes the lease in between.
  const ackHeld = db.transaction((department: string, id: number, leaseId: string, now: Date): QueueResult => {
    const state = leased(department, id, leaseId, now);
    if (state !== 'held') return state;
    ack.run(now.toISOString(), id);
    return 'ok';
  });
  const nackHeld = db.transaction(
    (department: string, id: number, leaseId: string, now: Date, delaySeconds: number, maxDeliveries: number) => {
      const state = leased(department, id, leaseId, now);
      if (state !== 'held') return state;
      nack.run(now.getTime() + delaySeconds * 1000, maxDeliveries, maxDeliveries, now.toISOString(), id);
      return 'ok' as const;
    },
  );

  return {
    async lease(department, max, visibilitySeconds, now) {
      const t = now.getTime();
      const until = t + visibilitySeconds * 1000;
      return toQueueMessages(lease.all(until, department, t, max) as LeasedRow[], until);
    },
    ack: async (department, id, leaseId, now) => ackHeld(department, id, leaseId, now),
    nack: async (department, id, leaseId, now, delaySeconds, maxDeliveries) =>
      nackHeld(department, id, leaseId, now, delaySeconds, maxDeliveries),
    async deadLetters(department) {
      return (deadLetters.all(department) as DeadLetterRow[]).map(toDeadLetter);
    },
  };
}
