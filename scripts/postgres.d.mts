// Types of postgres.mjs, for the tests that start a throwaway PostgreSQL.
export interface ThrowawayPostgres {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  psql(sql: string, database?: string): string;
  kill(): void;
  restart(): void;
  stop(): void;
}
export function findPostgres(): string | undefined;
export const POSTGRES_MISSING: string;
export function startPostgres(settings?: Record<string, string>): Promise<ThrowawayPostgres>;
