import type { AuditStore } from '../../core/ports.js';
import { AUDIT_COLUMNS, auditValues, toAuditRecord, type AuditRow } from '../../core/sql-office-rows.js';

/** The audit log on D1: the same statements as on Node; the chain itself is core's (audit.ts). */
export function d1Audit(db: D1Database): AuditStore {
  return {
    async head() {
      return (
        (await db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').first<{
          seq: number;
          hash: string;
        }>()) ?? undefined
      );
    },
    async append(record) {
      const { meta } = await db
        .prepare(`INSERT OR IGNORE INTO audit_log (${AUDIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`)
        .bind(...auditValues(record))
        .run();
      return meta.changes === 1;
    },
    async list({ after, limit, before }) {
      const { results } = await (
        before === undefined
          ? db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2`).bind(after, limit)
          : db
              .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ?1 AND seq < ?3 ORDER BY seq DESC LIMIT ?2`)
              .bind(after, limit, before)
      ).all<AuditRow>();
      return results.map(toAuditRecord);
    },
  };
}
