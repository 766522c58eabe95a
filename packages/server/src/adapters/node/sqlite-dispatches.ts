import type { DispatchStore } from '../../core/ports.js';
import { DISPATCH_COLUMNS, dispatchStatements, toDispatch, type DispatchRow } from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Dispatches on SQLite: each step one transaction of the statements core/sql-rows.ts shares with D1. */
export function sqliteDispatches({ db }: Pick<SqliteDatabase, 'db'>): DispatchStore {
  const history = db.prepare(`SELECT ${DISPATCH_COLUMNS} FROM dispatches WHERE registry_number = ? ORDER BY seq`);
  const holder = db.prepare('SELECT department FROM dispatches WHERE registry_number = ? ORDER BY seq DESC LIMIT 1');
  const run = db.transaction((statements: ReturnType<typeof dispatchStatements>) => {
    for (const s of statements) db.prepare(s.sql).run(...s.params);
  });
  return {
    history: (registryNumber) => Promise.resolve((history.all(registryNumber) as DispatchRow[]).map(toDispatch)),
    holder: (registryNumber) =>
      Promise.resolve((holder.get(registryNumber) as { department: string } | undefined)?.department),
    record(registryNumber, d, now) {
      try {
        run(dispatchStatements(registryNumber, d, now));
        return Promise.resolve('ok');
      } catch (e) {
        if (String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) return Promise.resolve('conflict');
        throw e;
      }
    },
  };
}
