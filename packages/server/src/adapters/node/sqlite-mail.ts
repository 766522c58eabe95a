import type { MailStore } from '../../core/ports.js';
import { claimStatement, failedStatement, type MailRow, sentStatement, toMailMessage } from '../../core/sql-mail.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The mail outbox on SQLite: the statements core/sql-mail.ts shares with D1. */
export function sqliteMail({ db }: Pick<SqliteDatabase, 'db'>): MailStore {
  return {
    claim(now, leaseMs, limit) {
      const { sql, params } = claimStatement(now, leaseMs, limit);
      return Promise.resolve((db.prepare(sql).all(...params) as MailRow[]).map(toMailMessage));
    },
    sent(id, now) {
      const { sql, params } = sentStatement(id, now);
      db.prepare(sql).run(...params);
      return Promise.resolve();
    },
    failed(id, error, retryAt, now) {
      const { sql, params } = failedStatement(id, error, retryAt, now);
      db.prepare(sql).run(...params);
      return Promise.resolve();
    },
  };
}
