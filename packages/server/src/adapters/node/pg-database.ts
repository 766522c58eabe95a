/**
 * @module PostgreSQL for the Node adapter (EBOK_DATABASE_URL=postgres://…): a pool of connections
 * (node-postgres), the shared SQL's `?` placeholders written as PostgreSQL's `$n`, transactions,
 * the package's PostgreSQL migrations applied once however many instances start at once, and a
 * database that cannot be reached reported as StorageUnavailable (503 with Retry-After), never as
 * a write that happened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { StorageUnavailable } from '../../core/platform.js';

// BIGINT (ids, milliseconds) and COUNT(*) as numbers: every value the schema keeps is below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** The package's PostgreSQL migrations: three folders up from this file, in src/ and in dist/ alike. */
const MIGRATIONS = fileURLToPath(new URL('../../../migrations-postgres/', import.meta.url));

/** The advisory lock migrating instances take in turn (any constant; "ebok" in ASCII). */
const MIGRATION_LOCK = 0x65626f6b;

export type Param = string | number | boolean | null | Uint8Array;

/** What runs SQL: the pool, or one connection inside a transaction. */
export interface Sql {
  /** The rows of a query (the shared SQL's `?` placeholders, or PostgreSQL's own `$n`). */
  rows<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The number of rows a statement changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface PgDatabase extends Sql {
  readonly pool: pg.Pool;
  /** Runs `work` in one transaction (READ COMMITTED), committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const converted = new Map<string, string>();

/** `?` placeholders (outside quotes) as `$1`, `$2` …; SQL already in PostgreSQL's form is left as it is. */
export function toPostgres(sql: string): string {
  let done = converted.get(sql);
  if (done !== undefined) return done;
  let n = 0;
  let out = '';
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === '?' ? `$${++n}` : ch;
  }
  done = out
    // SQLite's spellings the shared SQL uses, in PostgreSQL's.
    .replace(/\bjson_each\(([^)]+)\)\s+r\b/g, 'json_array_elements_text($1::json) AS r(value)');
  if (converted.size < 10_000) converted.set(sql, done);
  return done;
}

/** Values as node-postgres sends them: bytes as Buffers (BYTEA). */
const values = (params: readonly unknown[]): unknown[] =>
  params.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p,
  );

/** Error codes of a database that cannot answer now: connections refused or lost, shutting down, too many clients. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** A key PostgreSQL refused (unique, foreign key, check). */
export const isPgConstraint = (e: unknown): boolean => /^23/.test(String((e as { code?: unknown }).code ?? ''));

/** A transaction PostgreSQL could not serialize, or a deadlock: it may be run again. */
const isRetryable = (e: unknown): boolean => ['40001', '40P01'].includes(String((e as { code?: unknown }).code ?? ''));

function unavailable(e: unknown): never {
  const code = String((e as { code?: unknown }).code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  if (UNAVAILABLE.has(code) || /timeout|terminat|Connection terminated|connect/i.test(message))
    throw new StorageUnavailable(`database: ${message}`);
  throw e;
}

function sqlOf(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async rows<T>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query(toPostgres(sql), values(params))).rows as T[];
      } catch (e) {
        return unavailable(e);
      }
    },
    async run(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query(toPostgres(sql), values(params))).rowCount ?? 0;
      } catch (e) {
        return unavailable(e);
      }
    },
  };
}

export interface PgDatabaseOptions {
  /** `postgres://user:password@host:port/database` (EBOK_DATABASE_URL). */
  readonly url: string;
  /** Connections this instance keeps at most (EBOK_DATABASE_POOL, default 10). */
  readonly poolSize?: number;
  /** The numbered `*.sql` files to apply: by default the package's own (migrations-postgres/). */
  readonly migrationsDir?: string;
  /** False: the schema is used as it is (a read-only tool); by default the missing migrations are applied. */
  readonly migrate?: boolean;
}

/** Connects, applies the migrations not yet applied (one instance at a time), and returns the database. */
export async function openPostgres(options: PgDatabaseOptions): Promise<PgDatabase> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A request waits a few seconds for a connection, then is told to come back (503).
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // No statement may hold a connection (and its locks) for long.
    statement_timeout: 15_000,
    application_name: 'ebok',
  });
  // A connection lost is the pool's to replace, not a reason to stop: the query on it fails
  // (StorageUnavailable), and the event each client also emits must find a listener.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const base = sqlOf(pool);
  const database: PgDatabase = {
    pool,
    ...base,
    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (e) {
          return unavailable(e);
        }
        let broken = false;
        // A connection lost mid-transaction also says so as an event: without a listener it would end the process.
        const lost = (): void => void (broken = true);
        client.on('error', lost);
        try {
          await client.query('BEGIN');
          const result = await work(sqlOf(client));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true; // the connection is gone: the pool drops it
          }
          if (isRetryable(e) && attempt < 5) continue;
          if (e instanceof StorageUnavailable) throw e;
          return unavailable(e);
        } finally {
          client.off('error', lost);
          client.release(broken);
        }
      }
    },
    close: () => pool.end(),
  };
  if (options.migrate !== false) await migrate(database, options.migrationsDir ?? MIGRATIONS);
  return database;
}

/** Applies the numbered `*.sql` files not yet applied, each in its own transaction, under an advisory lock. */
export async function migrate(database: PgDatabase, dir: string): Promise<number[]> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const done: number[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n))
      .sort()) {
      const version = Number(name.slice(0, 4));
      if (applied.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, name), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          version,
          name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      done.push(version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
