import type { BlobStore, Clock, Storage } from '../../core/platform.js';
import { type DatabaseGauges, pgGauges } from './database-gauges.js';
import { openPostgres, type PgDatabase, type PgDatabaseOptions } from './pg-database.js';
import { pgPki, pgQueues } from './pg-intake.js';
import {
  pgAudit,
  pgCases,
  pgDepartments,
  pgDispatches,
  pgHandOffs,
  pgMail,
  pgResidents,
  pgSearch,
  pgSessions,
} from './pg-office.js';
import { pgBlobs, pgRegister } from './pg-register.js';

export interface PgStorageOptions extends PgDatabaseOptions {
  readonly clock: Clock;
  readonly registryFormat: string;
  readonly timeZone: string;
}

/** The storage ports on PostgreSQL, the attachment files in it too, and its lifecycle. */
export interface PgStorage extends Storage {
  readonly database: PgDatabase;
  readonly blobs: BlobStore;
  /** What operators watch of the database (GET /metrics), `now` by the app's clock. */
  gauges(now: Date): Promise<DatabaseGauges>;
  /** Resolves when no registration is waiting to be committed. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Node adapter's storage on PostgreSQL (EBOK_DATABASE_URL): every port over one pool,
 * migrated from the package's PostgreSQL migrations when opened. Several instances may share it.
 */
export async function createPgStorage(options: PgStorageOptions): Promise<PgStorage> {
  const database = await openPostgres(options);
  const register = pgRegister(database, options);
  return {
    register,
    queues: pgQueues(database),
    pki: pgPki(database),
    audit: pgAudit(database),
    cases: pgCases(database),
    dispatches: pgDispatches(database),
    sessions: pgSessions(database),
    search: pgSearch(database),
    residents: pgResidents(database),
    handOffs: pgHandOffs(database),
    mail: pgMail(database),
    departments: pgDepartments(database),
    database,
    blobs: pgBlobs(database),
    gauges: pgGauges(database),
    drained: () => register.drained(),
    close: () => database.close(),
  };
}
