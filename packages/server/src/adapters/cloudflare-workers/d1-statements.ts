/** Statements as core/sql-office-rows.ts writes them for every SQL backend. */
export type Statements = ReadonlyArray<{
  readonly sql: string;
  readonly params: ReadonlyArray<string | number | null>;
}>;

/** A key D1 refused (a number or an item taken meanwhile). */
export const isConstraint = (e: unknown): boolean =>
  /constraint failed/i.test(e instanceof Error ? e.message : String(e));

/** Runs statements as one batch (one transaction); false when a key refused it. */
export async function batchUnlessTaken(db: D1Database, statements: Statements): Promise<boolean> {
  try {
    await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
    return true;
  } catch (e) {
    if (isConstraint(e)) return false;
    throw e;
  }
}
