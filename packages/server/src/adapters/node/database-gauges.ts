/**
 * @module What operators watch of the database, read at a scrape: its size, the SQLite
 * write-ahead log's, the department queues' messages by state and the register's entries. Every
 * query seeks in an index or reads a fixed place, so it costs the same with a million entries
 * as with ten.
 */
import type Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import type { Sql } from './pg-database.js';

export interface DatabaseGauges {
  /** The database's size: SQLite's main file (pages × page size), PostgreSQL's whole database. */
  readonly databaseBytes: number;
  /** The SQLite write-ahead log's size (no log: 0); absent on PostgreSQL, whose log is its own server's. */
  readonly walBytes?: number;
  /** Department queue messages: due or waiting to be leased, leased now, dead (given up after their deliveries). */
  readonly queue: { readonly waiting: number; readonly leased: number; readonly dead: number };
  /** Entries in the register, every year's. */
  readonly registerEntries: number;
}

/** Messages counted at most in one department's state: a backlog past it is shown as this many. */
export const QUEUE_COUNT_CAP = 10_000;

/**
 * The queues' messages by state, in SQL that SQLite and PostgreSQL both run. Acknowledged
 * messages stay in the table for ever, so nothing may scan it: the departments that have messages
 * are found by skipping from one to the next in `queue_ready (department, state, visible_at)`
 * (a recursive seek, one per department), each department's ready messages are counted in that
 * index's `(department, 'ready')` range, and the dead ones are the partial index `queue_dead`.
 * A department that takes nothing for days can have a backlog of any length, so each count stops
 * at QUEUE_COUNT_CAP (a few milliseconds of index at most): a scrape costs the same whatever the
 * backlog, and an alert on far fewer messages has fired long before. A ready message leased now
 * has a lease and is invisible until its lease ends; only those rows (at most the leased ones,
 * capped the same) are read from the table, for the lease.
 */
export const QUEUE_COUNTS = `WITH RECURSIVE departments (code) AS (
    SELECT (SELECT min(department) FROM queue)
    UNION ALL
    SELECT (SELECT min(department) FROM queue WHERE department > code) FROM departments WHERE code IS NOT NULL
  )
  SELECT
    coalesce(sum((SELECT count(*) FROM (SELECT 1 FROM queue WHERE department = code AND state = 'ready'
      LIMIT ${QUEUE_COUNT_CAP}) AS q)), 0) AS ready,
    coalesce(sum((SELECT count(*) FROM (SELECT 1 FROM queue WHERE department = code AND state = 'ready'
      AND visible_at > ? AND lease_id IS NOT NULL LIMIT ${QUEUE_COUNT_CAP}) AS q)), 0) AS leased,
    (SELECT count(*) FROM (SELECT 1 FROM queue WHERE state = 'dead' LIMIT ${QUEUE_COUNT_CAP}) AS q) AS dead
  FROM departments WHERE code IS NOT NULL`;

interface QueueCounts {
  readonly ready: number | string;
  readonly leased: number | string;
  readonly dead: number | string;
}

const queueGauges = (row: QueueCounts | undefined): DatabaseGauges['queue'] => {
  const ready = Number(row?.ready ?? 0);
  const leased = Number(row?.leased ?? 0);
  return { waiting: ready - leased, leased, dead: Number(row?.dead ?? 0) };
};

/**
 * SQLite: sizes from the database header and the log file's size; the register's entries as the
 * sum of each year's last number (numbers are gapless from 1 every year), each the last key of
 * its year in the primary key (year, seq), the years found by skipping through it.
 */
export function sqliteGauges(db: Database.Database, path: string): (now: Date) => Promise<DatabaseGauges> {
  const queue = db.prepare(QUEUE_COUNTS);
  const entries = db
    .prepare(
      `WITH RECURSIVE years (year) AS (
       SELECT (SELECT min(year) FROM register)
       UNION ALL
       SELECT (SELECT min(year) FROM register WHERE year > years.year) FROM years WHERE years.year IS NOT NULL
     )
     SELECT coalesce(sum((SELECT max(seq) FROM register WHERE register.year = years.year)), 0) AS n
     FROM years WHERE years.year IS NOT NULL`,
    )
    .pluck();
  const pageCount = db.prepare('PRAGMA page_count').pluck();
  const pageSize = db.prepare('PRAGMA page_size').pluck();
  return async (now) => {
    const walBytes = await stat(`${path}-wal`).then(
      (s) => s.size,
      () => 0,
    );
    return {
      databaseBytes: (pageCount.get() as number) * (pageSize.get() as number),
      walBytes,
      queue: queueGauges(queue.get(now.getTime()) as QueueCounts | undefined),
      registerEntries: entries.get() as number,
    };
  };
}

/**
 * PostgreSQL: the database's size as the server keeps it (a look at its files, not at its rows),
 * and the register's entries from the yearly counters registration keeps (one row a year).
 */
export function pgGauges(sql: Sql): (now: Date) => Promise<DatabaseGauges> {
  return async (now) => {
    // One after another: a scrape takes one of the pool's connections, not three.
    const size = await sql.rows<{ bytes: number | string }>('SELECT pg_database_size(current_database()) AS bytes');
    const queue = await sql.rows<QueueCounts>(QUEUE_COUNTS, [now.getTime()]);
    const entries = await sql.rows<{ n: number | string }>('SELECT coalesce(sum(seq), 0) AS n FROM register_counters');
    return {
      databaseBytes: Number(size[0]?.bytes ?? 0),
      queue: queueGauges(queue[0]),
      registerEntries: Number(entries[0]?.n ?? 0),
    };
  };
}
