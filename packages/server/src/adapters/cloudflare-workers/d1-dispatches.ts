import type { DispatchStore } from '../../core/ports.js';
import { DISPATCH_COLUMNS, dispatchStatements, toDispatch, type DispatchRow } from '../../core/sql-office-rows.js';
import { batchUnlessTaken } from './d1-statements.js';

/**
 * Dispatches on D1: each step one batch of the statements core/sql-rows.ts shares with SQLite. An
 * item that moves also gets an outbox row for its new department, which the cron trigger puts on
 * that department's Cloudflare Queue (outbox.ts).
 */
export function d1Dispatches(db: D1Database): DispatchStore {
  return {
    async history(registryNumber) {
      const { results } = await db
        .prepare(`SELECT ${DISPATCH_COLUMNS} FROM dispatches WHERE registry_number = ? ORDER BY seq`)
        .bind(registryNumber)
        .all<DispatchRow>();
      return results.map(toDispatch);
    },
    async holder(registryNumber) {
      const row = await db
        .prepare('SELECT department FROM dispatches WHERE registry_number = ? ORDER BY seq DESC LIMIT 1')
        .bind(registryNumber)
        .first<{ department: string }>();
      return row?.department;
    },
    async record(registryNumber, d, now) {
      const statements = dispatchStatements(registryNumber, d, now);
      if (d.department !== d.fromDepartment)
        statements.push({
          sql: 'INSERT INTO outbox (department, registry_number, created_at) VALUES (?, ?, ?)',
          params: [d.department, registryNumber, now.getTime()],
        });
      return (await batchUnlessTaken(db, statements)) ? 'ok' : 'conflict';
    },
  };
}
