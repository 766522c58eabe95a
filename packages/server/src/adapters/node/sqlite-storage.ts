import type Database from 'better-sqlite3';
import type { Storage } from '../../core/ports.js';
import { sqliteAudit } from './sqlite-audit.js';
import { sqliteCases } from './sqlite-cases.js';
import { sqliteDepartments } from './sqlite-departments.js';
import { sqliteDispatches } from './sqlite-dispatches.js';
import { sqliteMail } from './sqlite-mail.js';
import { sqliteHandOffs } from './sqlite-hand-offs.js';
import { type DatabaseGauges, sqliteGauges } from './database-gauges.js';
import { openSqlite, type SqliteDatabaseOptions } from './sqlite-database.js';
import { sqlitePki } from './sqlite-pki.js';
import { sqliteQueues } from './sqlite-queues.js';
import { sqliteResidents } from './sqlite-residents.js';
import { sqliteRegister, type SqliteRegisterOptions } from './sqlite-register.js';
import { sqliteSearch } from './sqlite-search.js';
import { sqliteSessions } from './sqlite-sessions.js';

export type SqliteStorageOptions = SqliteDatabaseOptions & SqliteRegisterOptions;

/** The storage ports on one SQLite database, and its lifecycle. */
export interface SqliteStorage extends Storage {
  /** The connection the ports share (for its pragmas; write through the ports). */
  readonly db: Database.Database;
  /** What operators watch of the database (GET /metrics), `now` by the app's clock. */
  gauges(now: Date): Promise<DatabaseGauges>;
  /** Resolves when no registration is waiting to be written or synced (for a clean shutdown). */
  drained(): Promise<void>;
  /** Closes the database (after its checkpoint worker, if any). */
  close(): Promise<void>;
}

/**
 * The Node adapter's storage: every port over one SQLite database (better-sqlite3) in WAL mode,
 * migrated from the package's migrations when opened.
 */
export function createStorage(options: SqliteStorageOptions): SqliteStorage {
  const database = openSqlite(options);
  const register = sqliteRegister(database, options);
  return {
    register,
    queues: sqliteQueues(database),
    pki: sqlitePki(database),
    audit: sqliteAudit(database),
    cases: sqliteCases(database),
    dispatches: sqliteDispatches(database),
    sessions: sqliteSessions(database),
    search: sqliteSearch(database),
    residents: sqliteResidents(database),
    handOffs: sqliteHandOffs(database),
    mail: sqliteMail(database),
    departments: sqliteDepartments(database),
    db: database.db,
    gauges: sqliteGauges(database.db, options.path),
    drained: () => register.drained(),
    close: () => database.close(),
  };
}
