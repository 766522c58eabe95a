import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/platform.js';

export interface SqliteOptions {
  readonly path: string;
  readonly migrationsDir: string;
  readonly clock: Clock;
  readonly registryFormat: string;
  readonly timeZone: string;
  /** Most submissions committed together in one transaction (one fsync). */
  readonly maxBatch?: number;
}

/** Applies the numbered `*.sql` files not yet applied, each in its own transaction. */
export function migrate(db: Database.Database, dir: string): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const done: number[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n))
    .sort()) {
    const version = Number(name.slice(0, 4));
    if (applied.has(version)) continue;
    const sql = readFileSync(join(dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        name,
        new Date().toISOString(),
      );
    })();
    done.push(version);
  }
  return done;
}

/**
 * The SQLite database: WAL, synchronous=FULL, a busy timeout, foreign keys, migrations from
 * files. The storage classes below build on it, one responsibility each.
 */
export class SqliteBase {
  readonly db: Database.Database;

  constructor(protected readonly options: SqliteOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk when it returns. Group commit makes that one fsync per batch.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db, options.migrationsDir);
  }

  close(): void {
    this.db.close();
  }
}
