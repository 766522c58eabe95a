import type { MailStore } from '../../core/ports.js';
import { claimStatement, failedStatement, type MailRow, sentStatement, toMailMessage } from '../../core/sql-mail.js';

/** The mail outbox on D1: the statements core/sql-mail.ts shares with SQLite. */
export function d1Mail(db: D1Database): MailStore {
  return {
    async claim(now, leaseMs, limit) {
      const { sql, params } = claimStatement(now, leaseMs, limit);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<MailRow>();
      return results.map(toMailMessage);
    },
    async sent(id, now) {
      const { sql, params } = sentStatement(id, now);
      await db
        .prepare(sql)
        .bind(...params)
        .run();
    },
    async failed(id, error, retryAt, now) {
      const { sql, params } = failedStatement(id, error, retryAt, now);
      await db
        .prepare(sql)
        .bind(...params)
        .run();
    },
  };
}
