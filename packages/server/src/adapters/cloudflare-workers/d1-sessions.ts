import type { SessionStore } from '../../core/ports.js';
import {
  createSessionStatements,
  SESSION_COLUMNS,
  toStaffSession,
  type SessionRow,
} from '../../core/sql-office-rows.js';

/** Staff sessions on D1, with the statements core/sql-office-rows.ts shares with SQLite. */
export function d1Sessions(db: D1Database): SessionStore {
  return {
    async create(session, now) {
      await db.batch(createSessionStatements(session, now).map((s) => db.prepare(s.sql).bind(...s.params)));
    },
    async find(idHash) {
      const row = await db
        .prepare(`SELECT ${SESSION_COLUMNS} FROM staff_sessions WHERE id_hash = ?`)
        .bind(idHash)
        .first<SessionRow>();
      return row ? toStaffSession(row) : undefined;
    },
    async touch(idHash, at) {
      await db.prepare('UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?').bind(at, idHash).run();
    },
    async remove(idHash) {
      await db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?').bind(idHash).run();
    },
  };
}
