import type { SessionStore } from '../../core/ports.js';
import {
  createSessionStatements,
  SESSION_COLUMNS,
  toStaffSession,
  type SessionRow,
} from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { transactionOf } from './sqlite-statements.js';

/** Staff sessions on SQLite, with the statements core/sql-office-rows.ts shares with D1. */
export function sqliteSessions({ db }: Pick<SqliteDatabase, 'db'>): SessionStore {
  const find = db.prepare(`SELECT ${SESSION_COLUMNS} FROM staff_sessions WHERE id_hash = ?`);
  const touch = db.prepare('UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?');
  const create = transactionOf(db);
  return {
    create: (session, now) => Promise.resolve(create(createSessionStatements(session, now))),
    find: (idHash) => {
      const row = find.get(idHash) as SessionRow | undefined;
      return Promise.resolve(row && toStaffSession(row));
    },
    touch: (idHash, at) => Promise.resolve(void touch.run(at, idHash)),
    remove: (idHash) => Promise.resolve(void remove.run(idHash)),
  };
}
