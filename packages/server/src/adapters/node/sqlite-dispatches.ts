import type { DispatchStore } from '../../core/ports.js';
import { DISPATCH_COLUMNS, dispatchStatements, toDispatch, type DispatchRow } from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { transactionOf, unlessTaken } from './sqlite-statements.js';

/** Dispatches on SQLite: each step one transaction of the statements core/sql-rows.ts shares with D1. */
export function sqliteDispatches({ db }: Pick<SqliteDatabase, 'db'>): DispatchStore {
  const history = db.prepare(`SELECT ${DISPATCH_COLUMNS} FROM dispatches WHERE registry_number = ? ORDER BY seq`);
  const holder = db.prepare('SELECT department FROM dispatches WHERE registry_number = ? ORDER BY seq DESC LIMIT 1');
  const run = transactionOf(db);
  return {
    history: (registryNumber) => Promise.resolve((history.all(registryNumber) as DispatchRow[]).map(toDispatch)),
    holder: (registryNumber) =>
      Promise.resolve((holder.get(registryNumber) as { department: string } | undefined)?.department),
    record: (registryNumber, d, now) =>
      Promise.resolve(
        unlessTaken<'ok' | 'conflict'>(() => (run(dispatchStatements(registryNumber, d, now)), 'ok'), 'conflict'),
      ),
  };
}
