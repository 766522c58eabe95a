import type Database from 'better-sqlite3';

/** Statements as core/sql-office-rows.ts writes them for every SQL backend. */
export type Statements = ReadonlyArray<{
  readonly sql: string;
  readonly params: ReadonlyArray<string | number | null>;
}>;

/** A key SQLite refused (a number or an item taken meanwhile). */
export const isConstraint = (e: unknown): boolean =>
  typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('SQLITE_CONSTRAINT');

/** Runs statements as one transaction (each prepared once and kept). */
export function transactionOf(db: Database.Database): (statements: Statements) => void {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return db.transaction((statements: Statements) => {
    for (const s of statements) statement(s.sql).run(...s.params);
  });
}

/** What `write` returns, or `taken` when a key refused it. */
export function unlessTaken<T>(write: () => T, taken: T): T {
  try {
    return write();
  } catch (e) {
    if (isConstraint(e)) return taken;
    throw e;
  }
}
