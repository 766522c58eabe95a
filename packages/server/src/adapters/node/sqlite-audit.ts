import type { AuditStore } from '../../core/ports.js';
import { AUDIT_COLUMNS, auditValues, toAuditRecord, type AuditRow } from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The audit log on SQLite: one statement per call; the chain itself is core's (audit.ts). */
export function sqliteAudit({ db }: Pick<SqliteDatabase, 'db'>): AuditStore {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const append = db.prepare(`INSERT OR IGNORE INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const list = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`);
  const newest = db.prepare(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  );
  return {
    head: () => Promise.resolve(head.get() as { seq: number; hash: string } | undefined),
    append: (record) => Promise.resolve(append.run(...auditValues(record)).changes === 1),
    list: ({ after, limit, before }) =>
      Promise.resolve(
        ((before === undefined ? list.all(after, limit) : newest.all(after, before, limit)) as AuditRow[]).map(
          toAuditRecord,
        ),
      ),
  };
}
