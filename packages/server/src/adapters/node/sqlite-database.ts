import Database from 'better-sqlite3';
import { closeSync, fsync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Checkpoints, startCheckpoints } from './checkpoints.js';

export interface SqliteDatabaseOptions {
  readonly path: string;
  /** The numbered `*.sql` files to apply: by default the package's own (packages/server/migrations/). */
  readonly migrationsDir?: string;
  /**
   * Makes the write-ahead log durable (the default: fsync of the `-wal` file on libuv's thread
   * pool). Tests pass their own to see that nobody is answered before it has finished.
   */
  readonly syncWal?: () => Promise<void>;
  /**
   * Checkpoints on a worker thread with a connection of its own (the script: `checkpoint-worker.js`),
   * instead of inside commits on the event loop. SQLite's own checkpoints stay as a fallback: at
   * a much larger log while the worker runs, at SQLite's default if it stops.
   */
  readonly checkpointWorker?: URL;
  /** Told when the checkpoint worker stops unexpectedly. */
  readonly warn?: (message: string, fields: Record<string, unknown>) => void;
  /** The size the write-ahead log is cut back to when it starts again from its beginning (default WAL_SIZE_LIMIT). */
  readonly walSizeLimit?: number;
}

/** The package's migrations: three folders up from this file, in src/ and in dist/ alike. */
const MIGRATIONS = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** SQLite's default: a checkpoint when a commit leaves the log at 1000 pages or more. */
const INLINE_CHECKPOINT_PAGES = 1000;
/** While the worker checkpoints: only if it falls far behind (about 40 MB of log). */
const FALLBACK_CHECKPOINT_PAGES = 10_000;

/**
 * What the write-ahead log is cut back to, in bytes, each time it starts again from its beginning.
 * SQLite reuses the `-wal` file rather than shrinking it, so without a limit the file keeps the
 * size of the longest burst for as long as the server runs. 64 MiB is above the ~40 MB at which
 * commits checkpoint by themselves while the worker runs (FALLBACK_CHECKPOINT_PAGES), so a log the
 * worker keeps short is never cut and grown again; a longer burst (a backup pinning the log, a
 * slow disk) may grow it above, and it comes back down at the next start after that.
 */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

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
 * Durability of the write-ahead log, with the fsync off the event loop.
 *
 * Registration commits with `synchronous=NORMAL`: SQLite writes the transaction's frames to the
 * `-wal` file and returns without an fsync. Nobody is answered yet. `durable()` then resolves
 * once an fsync of that file, begun after the write, has finished; only then are the callers
 * answered. Why that is as durable as `synchronous=FULL`:
 * - fsync covers every write made to the file before it began, through any descriptor.
 * - The WAL is append-only between checkpoints, and its frames carry cumulative checksums: after
 *   a power loss SQLite keeps only the unbroken prefix. So the register after a crash is a prefix
 *   of what was written, and it holds every entry that was answered; the numbers lost with the
 *   rest were never given to anyone, so no answered number is missing or used twice.
 * - Checkpoints under NORMAL sync the WAL before copying it and the database after.
 * - SQLite never deletes the WAL while this connection is open, so the descriptor stays valid.
 * While an fsync runs, the next batch is already written; one fsync covers as many batches as
 * were written before it began.
 *
 * Checkpoints may run on another connection (SqliteDatabaseOptions.checkpointWorker), and keep these
 * guarantees: that connection runs them with `synchronous=NORMAL`, so a checkpoint fsyncs the log
 * before it copies any frame (frames not yet synced here are on disk before they reach the
 * database) and the database before it marks the frames copied; the log is started again from
 * its beginning only once every frame in it has been copied, as with SQLite's own checkpoints.
 */
class WalSync {
  private written = 0;
  private synced = 0;
  private running: Promise<void> | undefined;
  private runningUpTo = 0;
  private queued: Promise<void> | undefined;
  private fd: number | undefined;

  constructor(
    private readonly walPath: string,
    private readonly custom: (() => Promise<void>) | undefined,
  ) {}

  /** Notes that a transaction was written to the WAL without an fsync. */
  wrote(): void {
    this.written++;
  }

  /** Resolves when everything written so far is on disk (at once if it already is). */
  durable(): Promise<void> {
    if (this.synced === this.written) return Promise.resolve();
    if (!this.running) return this.start();
    if (this.runningUpTo === this.written) return this.running;
    // The running fsync began before the last write: the next one covers it.
    return (this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      }));
  }

  private start(): Promise<void> {
    const upTo = (this.runningUpTo = this.written);
    const run = (this.custom ? this.custom() : this.fsync()).then(() => {
      this.synced = Math.max(this.synced, upTo);
    });
    this.running = run;
    void run.then(
      () => this.running === run && (this.running = undefined),
      () => this.running === run && (this.running = undefined),
    );
    return run;
  }

  private fsync(): Promise<void> {
    this.fd ??= openSync(this.walPath, 'r+');
    const fd = this.fd;
    return new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * One SQLite database, the handle every port of the Node storage shares: WAL, synchronous=FULL, a
 * busy timeout, foreign keys, migrations from files, and commits made durable off the event loop.
 */
export interface SqliteDatabase {
  readonly db: Database.Database;
  /**
   * Runs `write` as one transaction whose commit is not yet durable: `durable()` must be awaited
   * before anyone is told of it.
   */
  writeUnsynced(write: () => void): void;
  /** Resolves when everything written so far is on disk (at once if it already is). */
  durable(): Promise<void>;
  /** Closes the database; with a checkpoint worker, its connection first, so this one is the last. */
  close(): Promise<void>;
}

export function openSqlite(options: SqliteDatabaseOptions): SqliteDatabase {
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk when it returns. Registration alone writes with NORMAL and syncs
  // the WAL itself, off the event loop (see WalSync).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Cut when this connection, the only writer, starts the log again (its first commit after a
  // checkpoint copied all of it), or closes it.
  const walSizeLimit = options.walSizeLimit ?? WAL_SIZE_LIMIT;
  db.pragma(`journal_size_limit = ${walSizeLimit}`);
  migrate(db, options.migrationsDir ?? MIGRATIONS);
  const wal = new WalSync(`${options.path}-wal`, options.syncWal);
  let checkpoints: Checkpoints | undefined;
  if (options.checkpointWorker) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
    checkpoints = startCheckpoints(options.checkpointWorker, options.path, walSizeLimit, (error) => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
      options.warn?.('checkpoints are back inside commits: the checkpoint worker stopped', { error: error.message });
    });
  }
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
  const syncFull = db.prepare('PRAGMA synchronous = FULL');
  const inTransaction = db.transaction((write: () => void) => write());
  const closeOwn = () => {
    wal.close();
    db.close();
  };
  return {
    db,
    writeUnsynced(write) {
      syncNormal.run();
      try {
        inTransaction(write);
      } finally {
        syncFull.run();
        wal.wrote();
      }
    },
    durable: () => wal.durable(),
    close() {
      if (!checkpoints) {
        closeOwn();
        return Promise.resolve();
      }
      return checkpoints.stop().then(closeOwn);
    },
  };
}
