// GET /metrics on a real server (npm start's), on SQLite and on PostgreSQL: the Prometheus text
// format, the names operators' monitoring and the soak test rely on, filings counted as they
// were answered, the database's gauges, and who may read it.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_COUNT_CAP } from '../src/adapters/node/database-gauges.js';
import { findPostgres, startPostgres } from '../../../scripts/postgres.mjs';
import { formData, prepare, signerFor, submit } from './contract/client.js';
import { type NodeTarget, startNodeTarget } from './node-target.js';
import { testApp } from './app-support.js';
import { newEntry, openStorage, receipt } from './sqlite-support.js';

/** The contract: these names, exactly (the default Node metrics among them that the soak test reads). */
const CONTRACT = [
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_eventloop_lag_max_seconds',
  'ebok_submissions_total',
  'ebok_submission_duration_seconds',
  'ebok_http_responses_total',
  'ebok_database_bytes',
  'ebok_queue_messages',
  'ebok_register_entries',
];

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const VALUE = '(?:NaN|[+-]Inf|[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)';
const HELP = new RegExp(`^# HELP (${NAME}) (?:[^\\\\\\n]|\\\\[\\\\n])*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(`^(${NAME})(\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})? (${VALUE})(?: -?\\d+)?$`);

interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  /** Each sample's value by its name and labels as written, e.g. `ebok_queue_messages{state="dead"}`. */
  readonly samples: ReadonlyMap<string, number>;
}

/** Parses the text format (0.0.4) strictly: every line is a HELP, a TYPE or a sample of a declared family. */
function parse(text: string): Exposition {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const help = HELP.exec(line);
    const type = TYPE.exec(line);
    if (help) {
      expect(helps.has(help[1]!), `one HELP for ${help[1]}`).toBe(false);
      helps.add(help[1]!);
    } else if (type) {
      expect(types.has(type[1]!), `one TYPE for ${type[1]}`).toBe(false);
      types.set(type[1]!, type[2]!);
    } else {
      const sample = SAMPLE.exec(line);
      expect(sample, `a sample line: ${line}`).not.toBeNull();
      const name = sample![1]!;
      const family = [name, name.replace(/_(bucket|sum|count)$/, '')].find((n) => types.has(n));
      expect(family, `${name} has a TYPE before it`).toBeDefined();
      if (family !== name) expect(types.get(family!)).toMatch(/histogram|summary/);
      samples.set(`${name}${sample![2] ?? ''}`, Number(sample![3]));
    }
  }
  for (const name of types.keys()) expect(helps.has(name), `HELP for ${name}`).toBe(true);
  return { types, samples };
}

const backends: Array<[string, boolean]> = [
  ['SQLite', true],
  ['PostgreSQL', !!findPostgres()],
];

describe.each(backends)('GET /metrics on %s', (backend, available) => {
  let target: NodeTarget;
  let stopPostgres: (() => void) | undefined;
  const scrape = (token: string | null = target.monitoringToken, init: RequestInit = {}) =>
    fetch(`${target.baseUrl}/metrics`, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const metrics = async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    return parse(await res.text());
  };

  beforeAll(async () => {
    if (!available) return;
    let env: Record<string, string> = {};
    if (backend === 'PostgreSQL') {
      const postgres = await startPostgres();
      stopPostgres = () => postgres.stop();
      env = { EBOK_DATABASE_URL: postgres.url };
    }
    target = await startNodeTarget(env);
  }, 60_000);
  afterAll(async () => {
    await target?.stop();
    stopPostgres?.();
  });

  it.skipIf(!available)(
    'counts a filing registered and its retry repeated, times it, and reads the register and the queue',
    async () => {
      const resident = await signerFor(target, 'wgn-numer-porzadkowy');
      const filing = await prepare(resident, 'wgn-numer-porzadkowy');
      expect((await submit(target, formData(filing))).status).toBe(201);

      const first = await metrics();
      for (const name of CONTRACT) expect(first.types.has(name), name).toBe(true);
      expect(first.types.get('ebok_submissions_total')).toBe('counter');
      expect(first.types.get('ebok_submission_duration_seconds')).toBe('histogram');
      expect(first.types.get('ebok_http_responses_total')).toBe('counter');
      for (const gauge of ['ebok_database_bytes', 'ebok_queue_messages', 'ebok_register_entries'])
        expect(first.types.get(gauge), gauge).toBe('gauge');
      // The write-ahead log is SQLite's own; PostgreSQL's is its server's.
      expect(first.types.get('ebok_wal_bytes')).toBe(backend === 'SQLite' ? 'gauge' : undefined);

      const s = first.samples;
      expect(s.get('ebok_submissions_total{result="registered"}')).toBe(1);
      expect(s.get('ebok_submissions_total{result="repeated"}')).toBe(0);
      expect(s.get('ebok_submissions_total{result="refused"}')).toBe(0);
      expect(s.get('ebok_submissions_total{result="failed"}')).toBe(0);
      expect(s.get('ebok_submission_duration_seconds_count')).toBe(1);
      expect(s.get('ebok_submission_duration_seconds_sum')).toBeGreaterThan(0);
      expect(s.get('ebok_submission_duration_seconds_bucket{le="2.5"}')).toBe(1);
      expect(s.get('ebok_submission_duration_seconds_bucket{le="+Inf"}')).toBe(1);
      const buckets = [...s.keys()].filter((k) => k.startsWith('ebok_submission_duration_seconds_bucket'));
      expect(buckets.map((k) => /le="([^"]+)"/.exec(k)![1])).toEqual([
        '0.001',
        '0.002',
        '0.005',
        '0.01',
        '0.02',
        '0.03',
        '0.05',
        '0.1',
        '0.25',
        '0.5',
        '1',
        '2.5',
        '+Inf',
      ]);
      // The enrolment and the filing were answered 201; nothing failed.
      expect(s.get('ebok_http_responses_total{class="2xx"}')).toBeGreaterThanOrEqual(3);
      expect(s.get('ebok_http_responses_total{class="5xx"}')).toBe(0);
      expect(s.get('ebok_register_entries')).toBe(1);
      expect(s.get('ebok_queue_messages{state="waiting"}')).toBe(1);
      expect(s.get('ebok_queue_messages{state="leased"}')).toBe(0);
      expect(s.get('ebok_queue_messages{state="dead"}')).toBe(0);
      expect(s.get('ebok_database_bytes')).toBeGreaterThan(10_000);
      if (backend === 'SQLite') expect(s.get('ebok_wal_bytes')).toBeGreaterThan(0);
      expect(s.get('process_resident_memory_bytes')).toBeGreaterThan(1_000_000);
      expect(s.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
      expect(s.get('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);

      // The same filing sent again: its first entry, counted as repeated; a refused one as refused.
      expect((await submit(target, formData(filing))).status).toBe(200);
      const refused = (await submit(target, new FormData())).status;
      expect(refused >= 400 && refused < 500, String(refused)).toBe(true);
      const second = (await metrics()).samples;
      expect(second.get('ebok_submissions_total{result="registered"}')).toBe(1);
      expect(second.get('ebok_submissions_total{result="repeated"}')).toBe(1);
      expect(second.get('ebok_submissions_total{result="refused"}')).toBe(1);
      expect(second.get('ebok_submission_duration_seconds_count')).toBe(3);
      expect(second.get('ebok_http_responses_total{class="4xx"}')).toBeGreaterThanOrEqual(1);

      // The database's gauges are read once in a few seconds, however often the scraper asks.
      const another = await prepare(resident, 'wgn-numer-porzadkowy');
      expect((await submit(target, formData(another))).status).toBe(201);
      const third = (await metrics()).samples;
      expect(third.get('ebok_submissions_total{result="registered"}')).toBe(2);
      expect(third.get('ebok_register_entries')).toBe(1);
    },
    60_000,
  );

  it.skipIf(!available)(
    'is for the monitoring role and admins: 401 without a token, 403 for another role, GET and HEAD only',
    async () => {
      const none = await scrape(null);
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await none.json()) as { type: string }).type).toBe('urn:ebok:problem:unauthorized');
      const registrar = await scrape(target.registrarToken);
      expect(registrar.status).toBe(403);
      expect(((await registrar.json()) as { type: string }).type).toBe('urn:ebok:problem:forbidden');
      expect((await scrape(target.departmentToken('WGN'))).status).toBe(403);
      expect((await scrape('an-unknown-token-of-some-length')).status).toBe(401);

      for (const [role, token] of [
        ['monitoring', target.monitoringToken],
        ['admin', target.adminToken],
      ]) {
        const res = await scrape(token);
        expect(res.status, role).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(await res.text()).toMatch(/^ebok_register_entries \d+$/m);
      }
      const head = await scrape(target.monitoringToken, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');

      const post = await scrape(target.monitoringToken, { method: 'POST', body: 'x'.repeat(1000) });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      expect(((await post.json()) as { type: string }).type).toBe('urn:ebok:problem:method-not-allowed');

      // The scraper's token reads the metrics and nothing else.
      const register = await fetch(`${target.baseUrl}/v1/register?year=2026`, {
        headers: { authorization: `Bearer ${target.monitoringToken}` },
      });
      expect(register.status).toBe(403);
    },
    30_000,
  );
});

it('is not offered where the adapter keeps no metrics (as on Workers): 404, as any unknown address', async () => {
  const built = await testApp({ tokens: { admin: 'an-admin-token-for-this-test' } });
  try {
    const res = await built.app.request('/metrics', {
      headers: { authorization: 'Bearer an-admin-token-for-this-test' },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toBe('urn:ebok:problem:not-found');
    expect((await built.app.request('/metrics', { method: 'POST' })).status).toBe(404);
  } finally {
    await built.close();
  }
});

it('counts the queues by state and the register by its numbers, on SQLite', async () => {
  const { storage } = openStorage();
  try {
    const now = new Date('2026-03-02T10:00:00Z');
    for (let n = 1; n <= 5; n++) expect((await storage.register.enter(newEntry(n), receipt)).status).toBe('created');
    expect(await storage.gauges(now)).toMatchObject({
      registerEntries: 5,
      queue: { waiting: 5, leased: 0, dead: 0 },
    });
    const leased = await storage.queues.lease('WGN', 3, 60, now);
    expect(leased).toHaveLength(3);
    // One given up (its last delivery), one back in the queue after a delay: waiting, not leased.
    expect(await storage.queues.nack('WGN', leased[0]!.id, leased[0]!.leaseId, now, 0, 1)).toBe('ok');
    expect(await storage.queues.nack('WGN', leased[1]!.id, leased[1]!.leaseId, now, 30, 5)).toBe('ok');
    expect(await storage.gauges(now)).toMatchObject({ queue: { waiting: 3, leased: 1, dead: 1 } });
    // A lease that has run out is waiting again.
    expect(await storage.gauges(new Date(now.getTime() + 61_000))).toMatchObject({
      queue: { waiting: 4, leased: 0, dead: 1 },
    });
  } finally {
    await storage.close();
  }
});

it("counts a department's backlog up to a cap, so a scrape costs the same however long it is", async () => {
  const { storage, path } = openStorage();
  try {
    expect((await storage.register.enter(newEntry(1), receipt)).status).toBe('created');
    // A department that took nothing for days: its messages, written straight (the one entry for each).
    const db = new Database(path);
    const add = db.prepare(
      "INSERT INTO queue (department, registry_number, enqueued_at, visible_at) VALUES ('WSO', 'RPW/1/2026', '2026-03-02', 0)",
    );
    db.transaction(() => {
      for (let i = 0; i < QUEUE_COUNT_CAP + 50; i++) add.run();
    })();
    db.close();
    expect(await storage.gauges(new Date('2026-03-02T10:00:00Z'))).toMatchObject({
      queue: { waiting: QUEUE_COUNT_CAP + 1, leased: 0, dead: 0 },
    });
  } finally {
    await storage.close();
  }
});
