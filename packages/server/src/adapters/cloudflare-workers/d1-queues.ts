import type { QueueMessage, QueueResult } from '../../core/platform.js';
import { D1Pki } from './d1-pki.js';

/** The departments' inboxes on D1. */
export class D1Queues extends D1Pki {
  // ---- department inboxes: the same lease/ack semantics as on Node, one statement each ----

  async lease(department: string, max: number, visibilitySeconds: number, now: Date): Promise<QueueMessage[]> {
    const t = now.getTime();
    const until = t + visibilitySeconds * 1000;
    const { results } = await this.db
      .prepare(
        `UPDATE queue SET lease_id = lower(hex(randomblob(16))), visible_at = ?1, deliveries = deliveries + 1
         WHERE id IN (SELECT id FROM queue WHERE department = ?2 AND state = 'ready' AND visible_at <= ?3 ORDER BY id LIMIT ?4)
         RETURNING id, lease_id, department, registry_number, enqueued_at, deliveries`,
      )
      .bind(until, department, t, max)
      .all<{
        id: number;
        lease_id: string;
        department: string;
        registry_number: string;
        enqueued_at: string;
        deliveries: number;
      }>();
    return results
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

  /** Why a conditional update on a leased message changed nothing. */
  private async leaseFailure(department: string, id: number): Promise<QueueResult> {
    const row = await this.db
      .prepare('SELECT 1 AS found FROM queue WHERE id = ?1 AND department = ?2')
      .bind(id, department)
      .first('found');
    return row ? 'lease-lost' : 'not-found';
  }

  async ack(department: string, id: number, leaseId: string, now: Date): Promise<QueueResult> {
    const { meta } = await this.db
      .prepare(
        `UPDATE queue SET state = 'acked', finished_at = ?1, lease_id = NULL
         WHERE id = ?2 AND department = ?3 AND state = 'ready' AND lease_id = ?4 AND visible_at > ?5`,
      )
      .bind(now.toISOString(), id, department, leaseId, now.getTime())
      .run();
    return meta.changes === 1 ? 'ok' : this.leaseFailure(department, id);
  }

  async nack(
    department: string,
    id: number,
    leaseId: string,
    now: Date,
    delaySeconds: number,
    maxDeliveries: number,
  ): Promise<QueueResult> {
    const { meta } = await this.db
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
    return meta.changes === 1 ? 'ok' : this.leaseFailure(department, id);
  }

  async deadLetters(department: string): Promise<Array<{ id: number; registryNumber: string; deliveries: number }>> {
    const { results } = await this.db
      .prepare("SELECT id, registry_number, deliveries FROM queue WHERE department = ?1 AND state = 'dead' ORDER BY id")
      .bind(department)
      .all<{ id: number; registry_number: string; deliveries: number }>();
    return results.map((r) => ({ id: r.id, registryNumber: r.registry_number, deliveries: r.deliveries }));
  }
}
