/** An outbox row: one per registration, committed with it, sent to the department's queue after. */
export interface OutboxRow {
  readonly id: number;
  readonly department: string;
  readonly registry_number: string;
}

export interface OutboxState extends OutboxRow {
  readonly state: 'pending' | 'delivered' | 'dead';
  readonly attempts: number;
}

/** The outbox table on D1: what was sent, delivered or given up on. */
export class D1Outbox {
  constructor(private readonly db: D1Database) {}

  /** Rows committed before `createdBefore` (ms) and never put on a queue. */
  async unsent(createdBefore: number, limit: number): Promise<OutboxRow[]> {
    const { results } = await this.db
      .prepare(
        'SELECT id, department, registry_number FROM outbox WHERE sent_at IS NULL AND created_at <= ?1 ORDER BY id LIMIT ?2',
      )
      .bind(createdBefore, limit)
      .all<OutboxRow>();
    return results;
  }

  async markSent(ids: readonly number[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.batch(
      ids.map((id) =>
        this.db.prepare('UPDATE outbox SET sent_at = ?1, sends = sends + 1 WHERE id = ?2').bind(now.getTime(), id),
      ),
    );
  }

  async get(id: number): Promise<OutboxState | null> {
    return this.db
      .prepare('SELECT id, department, registry_number, state, attempts FROM outbox WHERE id = ?1')
      .bind(id)
      .first<OutboxState>();
  }

  async delivered(id: number, attempts: number, now: Date): Promise<void> {
    await this.db
      .prepare(
        "UPDATE outbox SET state = 'delivered', attempts = ?2, finished_at = ?3, last_error = NULL WHERE id = ?1 AND state = 'pending'",
      )
      .bind(id, attempts, now.toISOString())
      .run();
  }

  async failed(id: number, attempts: number, error: string): Promise<void> {
    await this.db
      .prepare("UPDATE outbox SET attempts = ?2, last_error = ?3 WHERE id = ?1 AND state = 'pending'")
      .bind(id, attempts, error.slice(0, 500))
      .run();
  }

  async dead(id: number, now: Date): Promise<void> {
    await this.db
      .prepare("UPDATE outbox SET state = 'dead', finished_at = ?2 WHERE id = ?1 AND state = 'pending'")
      .bind(id, now.toISOString())
      .run();
  }

  /**
   * The department's inbox message for a registration: it commits with the entry, so this only
   * puts back one that is missing (a row removed by hand, say). Never a second one.
   */
  async ensureInboxMessage(row: OutboxRow, now: Date): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO queue (department, registry_number, enqueued_at, visible_at)
         SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM queue WHERE department = ?1 AND registry_number = ?2)`,
      )
      .bind(row.department, row.registry_number, now.toISOString(), now.getTime())
      .run();
  }
}
