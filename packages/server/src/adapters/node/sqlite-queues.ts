import type { QueueMessage, QueueResult } from '../../core/platform.js';
import { SqliteBase } from './sqlite-base.js';

/** Department queues: leases with a visibility timeout, acks, redelivery, dead letters. */
export class SqliteQueues extends SqliteBase {
  async lease(department: string, max: number, visibilitySeconds: number, now: Date): Promise<QueueMessage[]> {
    const t = now.getTime();
    const until = t + visibilitySeconds * 1000;
    type Row = {
      id: number;
      lease_id: string;
      department: string;
      registry_number: string;
      enqueued_at: string;
      deliveries: number;
    };
    const rows = this.db
      .prepare(
        `UPDATE queue SET lease_id = lower(hex(randomblob(16))), visible_at = ?, deliveries = deliveries + 1
         WHERE id IN (SELECT id FROM queue WHERE department = ? AND state = 'ready' AND visible_at <= ? ORDER BY id LIMIT ?)
         RETURNING id, lease_id, department, registry_number, enqueued_at, deliveries`,
      )
      .all(until, department, t, max) as Row[];
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id,
        leaseId: r.lease_id,
        department: r.department,
        registryNumber: r.registry_number,
        enqueuedAt: r.enqueued_at,
        deliveries: r.deliveries,
        leaseExpiresAt: new Date(until).toISOString(),
      }));
  }

  private leased(department: string, id: number, leaseId: string, now: Date): QueueResult | 'held' {
    const row = this.db
      .prepare('SELECT lease_id, visible_at, state FROM queue WHERE id = ? AND department = ?')
      .get(id, department) as { lease_id: string | null; visible_at: number; state: string } | undefined;
    if (!row) return 'not-found';
    if (row.state !== 'ready' || row.lease_id !== leaseId || row.visible_at <= now.getTime()) return 'lease-lost';
    return 'held';
  }

  async ack(department: string, id: number, leaseId: string, now: Date): Promise<QueueResult> {
    return this.db.transaction((): QueueResult => {
      const state = this.leased(department, id, leaseId, now);
      if (state !== 'held') return state;
      this.db
        .prepare("UPDATE queue SET state = 'acked', finished_at = ?, lease_id = NULL WHERE id = ?")
        .run(now.toISOString(), id);
      return 'ok';
    })();
  }

  async nack(
    department: string,
    id: number,
    leaseId: string,
    now: Date,
    delaySeconds: number,
    maxDeliveries: number,
  ): Promise<QueueResult> {
    return this.db.transaction((): QueueResult => {
      const state = this.leased(department, id, leaseId, now);
      if (state !== 'held') return state;
      this.db
        .prepare(
          `UPDATE queue SET lease_id = NULL, visible_at = ?,
             state = CASE WHEN deliveries >= ? THEN 'dead' ELSE 'ready' END,
             finished_at = CASE WHEN deliveries >= ? THEN ? ELSE NULL END
           WHERE id = ?`,
        )
        .run(now.getTime() + delaySeconds * 1000, maxDeliveries, maxDeliveries, now.toISOString(), id);
      return 'ok';
    })();
  }

  async deadLetters(department: string): Promise<Array<{ id: number; registryNumber: string; deliveries: number }>> {
    const rows = this.db
      .prepare("SELECT id, registry_number, deliveries FROM queue WHERE department = ? AND state = 'dead' ORDER BY id")
      .all(department) as Array<{ id: number; registry_number: string; deliveries: number }>;
    return rows.map((r) => ({ id: r.id, registryNumber: r.registry_number, deliveries: r.deliveries }));
  }
}
