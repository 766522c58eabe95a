/**
 * @module The Node adapter's metrics for operators (Prometheus, served at GET /metrics): the
 * process's own (memory, heap, event-loop lag, from prom-client's default metrics), the filings
 * and answers the app counts, and the database's gauges. The names are a contract with the
 * office's monitoring and its load tests: they do not change.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock, Logger, Metrics, SubmissionResult } from '../../core/platform.js';
import type { DatabaseGauges } from './database-gauges.js';

/** How long the database's gauges are kept: a scraper that asks more often gets them again, and the database does no more work. */
export const GAUGES_TTL_MS = 5000;

/** Filing times, in seconds: a filing takes some milliseconds; the upper buckets are for a loaded server. */
const SUBMISSION_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const RESULTS: readonly SubmissionResult[] = ['registered', 'repeated', 'refused', 'failed'];
const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
const QUEUE_STATES = ['waiting', 'leased', 'dead'] as const;

export interface MetricsOptions {
  /** The database's gauges (absent: none are reported, as for storage the server was given). */
  readonly database?: {
    /** Reads them, `now` by the app's clock. */
    readonly read: (now: Date) => Promise<DatabaseGauges>;
    /** Whether there is a write-ahead log of the server's own to report (SQLite). */
    readonly wal: boolean;
  };
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * One registry for one server (not prom-client's global one: a process may run several servers,
 * as the tests do), with the Metrics the app tells.
 */
export function prometheusMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const submissions = new Counter({
    name: 'ebok_submissions_total',
    help: 'Filings (POST /v1/submissions) by how they were answered: registered (a new entry), repeated (a retry answered with its first entry), refused (4xx), failed (5xx).',
    labelNames: ['result'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ebok_submission_duration_seconds',
    help: "Time from a filing's request coming in to its answer, in seconds.",
    buckets: SUBMISSION_BUCKETS,
    registers: [registry],
  });
  const responses = new Counter({
    name: 'ebok_http_responses_total',
    help: 'Every answer, by its status class.',
    labelNames: ['class'],
    registers: [registry],
  });
  // Every series from the start at 0: a rate over a series that appears later misses its first increase.
  for (const result of RESULTS) submissions.inc({ result }, 0);
  for (const cls of CLASSES) responses.inc({ class: cls }, 0);

  const { database } = options;
  if (database) {
    const read = cachedGauges(database.read, options.clock, options.logger);
    new Gauge({
      name: 'ebok_database_bytes',
      help: "The database's size in bytes (SQLite: its main file; PostgreSQL: pg_database_size).",
      registers: [registry],
      async collect() {
        const g = await read();
        if (g) this.set(g.databaseBytes);
      },
    });
    new Gauge({
      name: 'ebok_queue_messages',
      help: 'Department queue messages: waiting to be delivered, leased, dead.',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const g = await read();
        if (g) for (const state of QUEUE_STATES) this.set({ state }, g.queue[state]);
      },
    });
    // SQLite only: PostgreSQL's write-ahead log is its server's, watched there.
    if (database.wal)
      new Gauge({
        name: 'ebok_wal_bytes',
        help: "The SQLite write-ahead log's size in bytes.",
        registers: [registry],
        async collect() {
          const g = await read();
          if (g?.walBytes !== undefined) this.set(g.walBytes);
        },
      });
    new Gauge({
      name: 'ebok_register_entries',
      help: 'Entries in the register, all years.',
      registers: [registry],
      async collect() {
        const g = await read();
        if (g) this.set(g.registerEntries);
      },
    });
  }

  return {
    response(status) {
      responses.inc({ class: `${Math.min(Math.max(Math.floor(status / 100), 1), 5)}xx` });
    },
    submission(result, seconds) {
      submissions.inc({ result });
      duration.observe(seconds);
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * The gauges read at most once every GAUGES_TTL_MS, however many scrapes ask (those that ask
 * while a read runs wait for it). A read that fails is logged, and the last values stay.
 */
function cachedGauges(
  gauges: (now: Date) => Promise<DatabaseGauges>,
  clock: Clock,
  logger: Logger,
): () => Promise<DatabaseGauges | undefined> {
  let at = -Infinity;
  let last: Promise<DatabaseGauges | undefined> = Promise.resolve(undefined);
  let previous: DatabaseGauges | undefined;
  return () => {
    const now = performance.now();
    if (now - at < GAUGES_TTL_MS) return last;
    at = now;
    last = gauges(clock.now()).then(
      (g) => (previous = g),
      (e: unknown) => {
        logger.warn('metrics: the database gauges could not be read', { error: (e as Error).message });
        return previous;
      },
    );
    return last;
  };
}
