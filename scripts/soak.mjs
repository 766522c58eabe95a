// `npm run soak`: the intake under steady load for as long as asked (ten minutes by default,
// months if need be), with the load generator's memory flat whatever the duration: documents
// are signed as they are sent, by worker threads, into a queue of a few seconds' worth; nothing
// of a request is kept once answered but its latency in the current minute's histogram and its
// register number as one bit of a bitmap.
//
// The open model (the default) sends the i-th submission at t0 + i/rate whatever the answers,
// and counts its latency from that intended moment: a stall of the server (or of this
// generator) shows as latency, not as fewer requests. Each minute it prints and writes to a CSV
// the submissions answered 201 per second, latency percentiles, errors, and the server's memory,
// event-loop delay, WAL and database size and waiting queue messages (from GET /metrics, with
// /proc and file sizes where the server has none). At the end it stops the server, reads the
// register itself, and judges the targets: each minute's p99 < 30 ms, no errors, memory flat
// after the first 5 minutes, the WAL bounded, every acknowledged submission in the register
// under gapless numbers. `--help` lists the options.
// The JavaScript histogram alone: the package's index also loads its WebAssembly build (10 MB).
import int32Histogram from 'hdr-histogram-js/dist/Int32Histogram.js';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { fetch, Pool } from 'undici';
import {
  enrolResident,
  exampleData,
  loadSigning,
  memoryOf,
  newToken,
  startIntake,
  stopChild,
  SUBMISSION_CONTENT_TYPE,
  tokensEnv,
} from './intake-load.mjs';

const USAGE = `npm run soak -- [options]
  --seconds N        how long to send (default 600), after the warm-up
  --warmup N         seconds sent at the same rate first, while the server's code warms up
                     (V8 compiles it as it runs), shown as minute 0 and not judged (default 30)
  --fill N           SQLite: a register of N entries (and N/5 cases) generated before the
                     server starts, as an office's after years: its start time, memory and
                     latency against it (default 0)
  --rate N           submissions per second, open model (default 1000)
  --model open|closed  open: the i-th at t0 + i/rate whatever the answers (default);
                     closed: --connections clients, each sending as soon as answered
  --connections N    clients of the closed model (default 64); the open model's
                     requests in flight at most (default 512)
  --signers N        signing threads (default 1)
  --backend sqlite|postgres  postgres: two instances on a throwaway PostgreSQL (default sqlite)
  --csv FILE         the per-minute figures (default soak-<date>.csv here)
  --plot             also draw them, as an SVG next to the CSV
  --plot-only FILE   draw an existing CSV and stop`;

/** Targets. */
const P99_TARGET_MS = 30;
const SLOPE_TARGET_MB_PER_10_MIN = 1;
const SLOPE_SKIP_MINUTES = 5;
const WAL_GROWTH = 1.1;

/** A request sent this much after its intended moment is late (no signed body, or no free connection). */
const LATE_MS = 10;
/** A request that could not be sent within this much of its intended moment is dropped and counted an error. */
const DROP_AFTER_MS = 5000;
/** Requests in flight at most in the open model, unless --connections says otherwise. */
const MAX_IN_FLIGHT = 512;
/** The server's resources are read this often; a minute's row takes the last, or the worst, of its samples. */
const SAMPLE_MS = 10_000;
/** The register numbers' format, set so that numbers can be read back. */
const REGISTRY_FORMAT = 'RPW/{seq}/{year}';
const MB = 1024 * 1024;
/** Latencies above an hour are counted as an hour. */
const HIGHEST_US = 3_600_000_000;

// ---------------------------------------------------------------------------------------------
// Options

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '600' },
      warmup: { type: 'string', default: '30' },
      fill: { type: 'string', default: '0' },
      rate: { type: 'string', default: '1000' },
      model: { type: 'string', default: 'open' },
      connections: { type: 'string' },
      signers: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'sqlite' },
      csv: { type: 'string' },
      plot: { type: 'boolean', default: false },
      'plot-only': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (name, integer = true) => {
    const n = Number(values[name]);
    if (!(n > 0) || (integer && !Number.isInteger(n)))
      fail(`--${name} must be a positive ${integer ? 'integer' : 'number'}`);
    return n;
  };
  const notNegative = (name, integer) => (Number(values[name]) === 0 ? 0 : positive(name, integer));
  const oneOf = (name, allowed) => {
    if (!allowed.includes(values[name])) fail(`--${name} must be ${allowed.join(' or ')}`);
    return values[name];
  };
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  return {
    seconds: positive('seconds', false),
    warmup: notNegative('warmup', false),
    fill: notNegative('fill', true),
    rate: positive('rate', false),
    model: oneOf('model', ['open', 'closed']),
    connections:
      values.connections === undefined ? (values.model === 'closed' ? 64 : MAX_IN_FLIGHT) : positive('connections'),
    signers: positive('signers'),
    backend: oneOf('backend', ['sqlite', 'postgres']),
    csv: resolve(values.csv ?? `soak-${stamp}.csv`),
    plot: values.plot,
    plotOnly: values['plot-only'],
  };
}

function fail(message) {
  console.error(`soak: ${message}\n\n${USAGE}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The per-minute table: the CSV's columns, printed the same way

const COLUMNS = [
  ['minute', 'the minute of the run (from 1), or total', 6],
  ['seconds', "the row's length in seconds", 7],
  ['sent', 'submissions sent', 7],
  ['ok_per_s', 'submissions answered 201, per second', 8],
  ['p50_ms', 'latency percentiles, ms, from the intended send moment', 7],
  ['p99_ms', '', 7],
  ['p999_ms', '', 8],
  ['max_ms', '', 8],
  ['errors', 'answers other than 201, network errors, requests dropped or never answered', 6],
  ['late', 'requests sent more than 10 ms after their moment (no signed body or connection ready)', 6],
  ['server_rss_mb', "the server's resident memory (all instances)", 8],
  ['server_heap_mb', "the server's V8 heap in use, the minute's lowest sample", 8],
  ['loop_p99_ms', "the server's event-loop delay, p99 and max", 8],
  ['loop_max_ms', '', 8],
  ['wal_mb', 'the WAL (the largest seen in the minute)', 7],
  ['db_mb', 'the database', 8],
  ['queue_waiting', 'department queue messages waiting', 9],
  ['server_submissions', 'submissions the server counted (all results)', 9],
  ['generator_rss_mb', "this generator's resident memory (the total row: its peak)", 8],
];

const fmt = (v, digits = 1) =>
  typeof v !== 'number' ? (v ?? '') : Number.isNaN(v) ? '' : Number.isInteger(v) ? String(v) : v.toFixed(digits);

function csvLine(row) {
  return COLUMNS.map(([name]) => fmt(row[name], name.endsWith('_ms') ? 2 : 1)).join(',');
}

function tableLine(row) {
  return COLUMNS.map(([name, , width]) => fmt(row[name], name.endsWith('_ms') ? 2 : 1).padStart(width)).join(' ');
}

const tableHeader = () =>
  COLUMNS.map(([name, , width]) =>
    name
      .replace(/_mb$|_ms$|_per_s$/, '')
      .replace(/^server_|^generator_/, (p) => (p === 'server_' ? 's.' : 'g.'))
      .slice(0, width)
      .padStart(width),
  ).join(' ');

// ---------------------------------------------------------------------------------------------
// The plot: a small hand-written SVG, three panels against minutes

function readCsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v === '' ? NaN : Number(v)])))
    .filter((row) => !Number.isNaN(row.minute));
}

function niceMax(max) {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

const escapeXml = (s) =>
  String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

function plotSvg(rows, title) {
  const width = 760;
  const panelHeight = 170;
  const left = 70;
  const right = 20;
  const top = 50;
  const gap = 50;
  const panels = [
    { title: 'Submissions answered 201 per second', unit: '/s', lines: [['ok_per_s', 'answered 201 /s', '#1f77b4']] },
    {
      title: 'Latency, ms (from the intended send moment)',
      unit: 'ms',
      lines: [
        ['p99_ms', 'p99', '#d62728'],
        ['p50_ms', 'p50', '#ff7f0e'],
      ],
      target: P99_TARGET_MS,
    },
    {
      title: 'Resident memory, MB',
      unit: 'MB',
      lines: [
        ['server_rss_mb', 'server', '#2ca02c'],
        ['server_heap_mb', 'server heap', '#98df8a'],
        ['generator_rss_mb', 'load generator', '#9467bd'],
      ],
    },
  ];
  const height = top + panels.length * (panelHeight + gap) + 10;
  const plotWidth = width - left - right;
  const xMax = Math.max(1, rows.length);
  const x = (i) => left + (plotWidth * i) / xMax;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  panels.forEach((panel, p) => {
    const y0 = top + p * (panelHeight + gap) + 20;
    const values = panel.lines.flatMap(([key]) => rows.map((r) => r[key])).filter((v) => Number.isFinite(v));
    const yMax = niceMax(Math.max(panel.target ?? 0, ...values) * 1.05);
    const y = (v) => y0 + panelHeight - (panelHeight * v) / yMax;
    out.push(`<text x="${left}" y="${y0 - 8}" font-weight="bold">${escapeXml(panel.title)}</text>`);
    // The legend, right of the title.
    let lx = width - right;
    for (const [, label, colour] of [...panel.lines].reverse()) {
      const w = label.length * 7 + 26;
      lx -= w;
      out.push(
        `<line x1="${lx}" y1="${y0 - 12}" x2="${lx + 16}" y2="${y0 - 12}" stroke="${colour}" stroke-width="2.5"/>`,
      );
      out.push(`<text x="${lx + 20}" y="${y0 - 8}">${escapeXml(label)}</text>`);
    }
    // Axes, grid and ticks.
    for (let t = 0; t <= 4; t++) {
      const v = (yMax * t) / 4;
      out.push(`<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="#e5e5e5"/>`);
      out.push(
        `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeXml(`${+v.toPrecision(3)} ${panel.unit}`)}</text>`,
      );
    }
    const xStep = Math.max(1, Math.ceil(xMax / 12));
    for (let i = 0; i <= xMax; i += xStep) {
      out.push(`<line x1="${x(i)}" y1="${y0 + panelHeight}" x2="${x(i)}" y2="${y0 + panelHeight + 4}" stroke="#333"/>`);
      out.push(`<text x="${x(i)}" y="${y0 + panelHeight + 16}" text-anchor="middle">${i}</text>`);
    }
    out.push(`<text x="${width - right}" y="${y0 + panelHeight + 30}" text-anchor="end">minutes</text>`);
    out.push(
      `<polyline points="${left},${y0} ${left},${y0 + panelHeight} ${width - right},${y0 + panelHeight}" fill="none" stroke="#333"/>`,
    );
    if (panel.target !== undefined)
      out.push(
        `<line x1="${left}" y1="${y(panel.target)}" x2="${width - right}" y2="${y(panel.target)}" stroke="#d62728" stroke-dasharray="4 4"/>`,
        `<text x="${width - right - 4}" y="${y(panel.target) - 4}" text-anchor="end" fill="#d62728">target ${panel.target} ${panel.unit}</text>`,
      );
    // A row's value is drawn at the end of its minute.
    for (const [key, , colour] of panel.lines) {
      const points = rows
        .map((r, i) => [x(i + Math.min(1, (r.seconds || 60) / 60)), r[key]])
        .filter(([, v]) => Number.isFinite(v))
        .map(([px, v]) => `${px.toFixed(1)},${y(v).toFixed(1)}`);
      if (points.length === 1) {
        const [px, py] = points[0].split(',');
        out.push(`<circle cx="${px}" cy="${py}" r="3" fill="${colour}"/>`);
      } else if (points.length > 1)
        out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

function writePlot(csvFile) {
  const svgFile = csvFile.replace(/\.csv$/i, '') + '.svg';
  writeFileSync(svgFile, plotSvg(readCsv(csvFile), `ebok soak: ${csvFile.split('/').pop()}`));
  return svgFile;
}

// ---------------------------------------------------------------------------------------------
// Signed bodies: signer threads fill a bounded queue of fixed slots in shared memory

/** Bytes of a slot: a signed body is about 2 kB. */
const SLOT = 4096;
/** Slots handed to a signer at a time. */
const BATCH = 16;

/**
 * The bodies live in one SharedArrayBuffer of slots, written by the signers and sent from
 * there: a slot is given back once its request is answered, so the generator's memory for
 * bodies is this buffer, allocated once, not garbage left for the collector to find.
 */
class BodyQueue {
  constructor({ capacity, inFlight, signers, pkcs8, der, data, label }) {
    const slots = capacity + inFlight + BATCH * signers;
    this.capacity = capacity;
    this.bytes = new SharedArrayBuffer(slots * SLOT);
    this.lengths = new Int32Array(new SharedArrayBuffer(slots * 4));
    this.free = Array.from({ length: slots }, (_, i) => i);
    this.ready = [];
    this.waiters = [];
    this.onBody = () => {};
    this.workers = Array.from({ length: signers }, (_, i) => {
      const worker = new Worker(new URL('./soak-signer.mjs', import.meta.url), {
        workerData: {
          pkcs8,
          der,
          data,
          label: `${label}-${i}`,
          bytes: this.bytes,
          lengths: this.lengths,
          slotSize: SLOT,
        },
      });
      const entry = { worker, credit: 0 };
      worker.on('message', (m) => {
        for (const slot of m.filled) {
          entry.credit--;
          const waiter = this.waiters.shift();
          if (waiter) waiter(slot);
          else this.ready.push(slot);
        }
        this.topUp();
        this.onBody();
      });
      worker.on('error', (e) => {
        console.error(`soak: a signer failed: ${e.stack ?? e}`);
        process.exit(1);
      });
      return entry;
    });
    this.topUp();
  }

  /** Gives the signers free slots, as many as the queue has room for, the least busy first. */
  topUp() {
    for (;;) {
      const asked = this.workers.reduce((n, w) => n + w.credit, 0);
      if (this.ready.length + asked + BATCH > this.capacity || this.free.length < BATCH) return;
      const w = this.workers.reduce((a, b) => (b.credit < a.credit ? b : a));
      w.credit += BATCH;
      w.worker.postMessage({ slots: this.free.splice(-BATCH) });
    }
  }

  /** A signed body's slot now, or undefined when none is ready. */
  take() {
    const slot = this.ready.shift();
    if (slot !== undefined) this.topUp();
    return slot;
  }

  /** A signed body's slot, as soon as there is one. */
  next() {
    const slot = this.take();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((r) => this.waiters.push(r));
  }

  /** The body in a slot, as a view (no copy). */
  body(slot) {
    return Buffer.from(this.bytes, slot * SLOT, this.lengths[slot]);
  }

  /** A slot whose request is over, for the signers again. */
  release(slot) {
    this.free.push(slot);
    this.topUp();
  }

  async filled() {
    while (this.ready.length + BATCH <= this.capacity) await new Promise((r) => setTimeout(r, 50));
  }

  async stop() {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

// ---------------------------------------------------------------------------------------------
// Acknowledged register numbers: one bit each

class Bitmap {
  constructor() {
    this.bits = new Uint8Array(1 << 16);
    this.count = 0;
    this.max = 0;
  }

  /** Sets `n`'s bit; false when it was set already. */
  add(n) {
    if (n >> 3 >= this.bits.length) {
      let size = this.bits.length;
      while (n >> 3 >= size) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.bits);
      this.bits = bigger;
    }
    const mask = 1 << (n & 7);
    if (this.bits[n >> 3] & mask) return false;
    this.bits[n >> 3] |= mask;
    this.count++;
    if (n > this.max) this.max = n;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The server's figures: GET /metrics, else /proc and file sizes

/** Prometheus' text format: the sum of a metric's series whose labels match, or undefined. */
function metric(text, name, labels = {}) {
  let sum;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (!Object.entries(labels).every(([k, v]) => have[k] === v)) continue;
    sum = (sum ?? 0) + Number(m[3]);
  }
  return sum;
}

const sizeOf = (file) => (existsSync(file) ? statSync(file).size : 0);

// ---------------------------------------------------------------------------------------------
// The run

const opts = options();
if (opts.plotOnly) {
  console.log(`plot: ${writePlot(resolve(opts.plotOnly))}`);
  process.exit(0);
}

const registrar = newToken();
const monitor = newToken();
// GET /metrics needs a token of the `monitoring` role; a server that does not know the role
// refuses to start with it, and is started again without.
let hasMetrics = true;
const envWith = (more = {}) => ({
  EBOK_TOKENS: tokensEnv([[registrar, ['registrar']], ...(hasMetrics ? [[monitor, ['monitoring']]] : [])]),
  EBOK_REGISTRY_FORMAT: REGISTRY_FORMAT,
  ...more,
});
async function startServer(more, dataDir) {
  try {
    return await startIntake({ env: envWith(more), dataDir });
  } catch (e) {
    if (!hasMetrics || !/EBOK_TOKENS/.test(e.message)) throw e;
    hasMetrics = false;
    return startIntake({ env: envWith(more), dataDir });
  }
}

/** Starts a server and says how long it took to listen and its memory a second later. */
async function startedTimed(start) {
  const t = performance.now();
  const server = await start();
  const seconds = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  console.log(
    `server started in ${seconds.toFixed(2)} s (to listening); RSS a second later ${fmt(memoryOf(server.child.pid).rss / MB)} MB`,
  );
  return server;
}

/** The server(s) under test, how to read their figures, and their register once stopped. */
async function startTarget() {
  if (opts.backend === 'sqlite') {
    let dataDir;
    if (opts.fill > 0) {
      // The server makes the database and its tables; it is filled while the server is stopped.
      const made = await startServer();
      await stopChild(made.child);
      dataDir = made.dataDir;
      const t = performance.now();
      const { fillOffice } = await import('./fill-office.mjs');
      fillOffice(join(dataDir, 'ebok.sqlite'), {
        entries: opts.fill,
        cases: Math.floor(opts.fill / 5),
        departments: ['USC', 'WAP', 'WGN', 'WK', 'WSL', 'WSO'],
        year: new Date().getUTCFullYear(),
      });
      console.log(
        `register of ${opts.fill.toLocaleString('en')} entries generated in ${((performance.now() - t) / 1000).toFixed(1)} s: database ${fmt(sizeOf(join(dataDir, 'ebok.sqlite')) / MB)} MB`,
      );
    }
    const server = await startedTimed(() => startServer(undefined, dataDir));
    const file = join(server.dataDir, 'ebok.sqlite');
    return {
      instances: [server],
      files: () => ({ wal: sizeOf(`${file}-wal`), db: sizeOf(file) }),
      async register() {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(file, { readonly: true });
        try {
          return db
            .prepare('SELECT year, count(*) AS n, min(seq) AS min, max(seq) AS max FROM register GROUP BY year')
            .all();
        } finally {
          db.close();
        }
      },
      cleanup: () => rmSync(server.dataDir, { recursive: true, force: true }),
    };
  }
  const { findPostgres, startPostgres, POSTGRES_MISSING } = await import('./postgres.mjs');
  if (!findPostgres()) fail(POSTGRES_MISSING);
  const cluster = await startPostgres();
  const { default: pg } = await import('pg');
  // The first creates the CA's files and the schema; the second finds both.
  const first = await startedTimed(() => startServer({ EBOK_DATABASE_URL: cluster.url }));
  const second = await startedTimed(() => startServer({ EBOK_DATABASE_URL: cluster.url }, first.dataDir));
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  return {
    instances: [first, second],
    async files() {
      const { rows } = await client.query(
        'SELECT pg_database_size(current_database())::bigint AS db, (SELECT coalesce(sum(size), 0) FROM pg_ls_waldir())::bigint AS wal',
      );
      return { wal: Number(rows[0].wal), db: Number(rows[0].db) };
    },
    async register() {
      const { rows } = await client.query(
        'SELECT year::int, count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max FROM register GROUP BY year',
      );
      return rows;
    },
    async cleanup() {
      await client.end();
      cluster.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    },
  };
}

console.log(
  `soak: ${opts.model === 'open' ? `${opts.rate} submissions/s (open model)` : `${opts.connections} connections (closed model)`}` +
    ` for ${opts.seconds} s on ${opts.backend === 'postgres' ? 'two instances on PostgreSQL' : 'SQLite'}, ${opts.signers} signer${opts.signers > 1 ? 's' : ''}`,
);
const target = await startTarget();
const signing = await loadSigning();
const resident = await enrolResident(target.instances[0].url, registrar, signing, fetch);
const pkcs8 = await crypto.subtle.exportKey('pkcs8', resident.keys.privateKey);
// A few seconds' worth of signed bodies at most.
const capacity = opts.model === 'open' ? Math.max(64, Math.ceil(opts.rate * 2)) : Math.max(256, opts.connections * 8);
const queue = new BodyQueue({
  capacity,
  inFlight: opts.connections,
  signers: opts.signers,
  pkcs8,
  der: resident.certDer,
  data: exampleData(),
  label: `soak-${Date.now().toString(36)}`,
});
// Each instance its own pool: request i goes to instance i mod n, a round-robin of this process
// (a balancer in between would take the cores the instances and this generator need).
const pools = target.instances.map(
  (s) =>
    new Pool(s.url, {
      connections: Math.ceil(opts.connections / target.instances.length),
      pipelining: 1,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    }),
);
await queue.filled();

// What a minute keeps: counters and one histogram (µs), reset at its end.
const Histogram = int32Histogram.default ?? int32Histogram;
const histogramOf = () => new Histogram(1, HIGHEST_US, 3);
const minute = { histogram: histogramOf(), sent: 0, ok: 0, errors: 0, late: 0, samples: [] };
const total = { histogram: histogramOf(), sent: 0, ok: 0, errors: 0, late: 0, duplicates: 0 };
const acknowledged = new Map(); // year → Bitmap of its sequence numbers
const rows = [];
writeFileSync(opts.csv, `${COLUMNS.map(([name]) => name).join(',')}\n`);

function answered(start, status, text) {
  const us = Math.min(HIGHEST_US, Math.max(1, Math.round((performance.now() - start) * 1000)));
  minute.histogram.recordValue(us);
  if (!warming) total.histogram.recordValue(us);
  const m = status === 201 && /"registryNumber":"RPW\/(\d+)\/(\d+)"/.exec(text);
  if (!m) {
    minute.errors++;
    total.errors++;
    return;
  }
  minute.ok++;
  total.ok++;
  const year = Number(m[2]);
  let bitmap = acknowledged.get(year);
  if (!bitmap) acknowledged.set(year, (bitmap = new Bitmap()));
  if (!bitmap.add(Number(m[1]))) total.duplicates++;
}

function failed() {
  minute.errors++;
  total.errors++;
}

let inFlight = 0;
function send(i, slot, start, done) {
  inFlight++;
  minute.sent++;
  total.sent++;
  pools[i % pools.length]
    .request({
      path: '/v1/submissions',
      method: 'POST',
      headers: { 'content-type': SUBMISSION_CONTENT_TYPE },
      body: queue.body(slot),
    })
    .then(
      async (answer) => {
        answered(start, answer.statusCode, await answer.body.text());
        queue.release(slot);
      },
      () => {
        failed();
        // The connection is being torn down: its slot is written to again only once it is gone.
        setTimeout(() => queue.release(slot), 1000);
      },
    )
    .finally(() => {
      inFlight--;
      done();
    });
}

// Resources: sampled every SAMPLE_MS; a row takes what its minute sampled.
let metricsWanted = hasMetrics;
async function sample() {
  const each = await Promise.all(
    target.instances.map(async (s) => {
      let text = '';
      if (metricsWanted) {
        try {
          const answer = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${monitor}` } });
          if (answer.status === 404) metricsWanted = false;
          text = answer.ok ? await answer.text() : '';
        } catch {
          // Not answered this time: the fallbacks speak for it.
        }
      }
      let rss = metric(text, 'process_resident_memory_bytes');
      if (rss === undefined) {
        try {
          rss = memoryOf(s.child.pid).rss;
        } catch {
          rss = NaN;
        }
      }
      return {
        rss,
        heap: metric(text, 'nodejs_heap_size_used_bytes') ?? NaN,
        loopP99: (metric(text, 'nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
        loopMax: (metric(text, 'nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
        wal: metric(text, 'ebok_wal_bytes'),
        db: metric(text, 'ebok_database_bytes'),
        queue: metric(text, 'ebok_queue_messages', { state: 'waiting' }) ?? NaN,
        submissions: metric(text, 'ebok_submissions_total') ?? NaN,
      };
    }),
  );
  const files = each.some((e) => e.wal === undefined || e.db === undefined)
    ? await Promise.resolve()
        .then(target.files)
        .catch(() => ({}))
    : {};
  const max = (key) => Math.max(...each.map((e) => e[key]));
  const sum = (key) => each.reduce((n, e) => n + e[key], 0);
  minute.samples.push({
    rss: sum('rss'),
    heap: sum('heap'),
    loopP99: max('loopP99'),
    loopMax: max('loopMax'),
    // One database for all instances.
    wal: Math.max(...each.map((e) => e.wal ?? files.wal ?? NaN)),
    db: Math.max(...each.map((e) => e.db ?? files.db ?? NaN)),
    queue: max('queue'),
    submissions: sum('submissions'),
  });
}

const ms = (us) => us / 1000;
let lastSubmissions = 0;
function closeMinute(seconds) {
  const s = minute.samples;
  const last = s.at(-1) ?? {};
  const worst = (key) => (s.length ? Math.max(...s.map((x) => x[key])) : NaN);
  const row = {
    minute: warming ? 0 : rows.filter((r) => r.minute !== 0).length + 1,
    seconds: Math.round(seconds),
    sent: minute.sent,
    ok_per_s: minute.ok / seconds,
    p50_ms: ms(minute.histogram.getValueAtPercentile(50)),
    p99_ms: ms(minute.histogram.getValueAtPercentile(99)),
    p999_ms: ms(minute.histogram.getValueAtPercentile(99.9)),
    max_ms: ms(minute.histogram.maxValue),
    errors: minute.errors,
    late: minute.late,
    server_rss_mb: last.rss / MB,
    // The heap in use rises and falls with every collection: its lowest sample of the minute
    // (what survived the collections) is what a leak would grow.
    server_heap_mb: (s.length ? Math.min(...s.map((x) => x.heap)) : NaN) / MB,
    loop_p99_ms: worst('loopP99'),
    loop_max_ms: worst('loopMax'),
    wal_mb: worst('wal') / MB,
    db_mb: last.db / MB,
    queue_waiting: last.queue,
    server_submissions: last.submissions - lastSubmissions,
    generator_rss_mb: process.memoryUsage.rss() / MB,
  };
  if (Number.isFinite(last.submissions)) lastSubmissions = last.submissions;
  rows.push(row);
  appendFileSync(opts.csv, `${csvLine(row)}\n`);
  console.log(tableLine(row));
  minute.histogram.reset();
  Object.assign(minute, { sent: 0, ok: 0, errors: 0, late: 0, samples: [] });
}

// The clock of samples and minutes, on its own timer: never waits for the load.
let stopping = false;
const t0 = performance.now() + 50;
let end = t0 + (opts.warmup + opts.seconds) * 1000;
/** Until the warm-up's seconds have passed: its answers make minute 0, judged by nothing. */
let warming = opts.warmup > 0;
let minuteStart = t0;
let sampling = Promise.resolve();
const clock = setInterval(() => {
  const now = performance.now();
  if (now < t0 || stopping) return;
  sampling = sampling.then(async () => {
    await sample();
    // The run's last minute takes its end and the answers still awaited with it.
    const at = performance.now();
    if (warming && at - t0 >= opts.warmup * 1000 - SAMPLE_MS / 2) {
      closeMinute((at - minuteStart) / 1000);
      warming = false;
      minuteStart = at;
    } else if (!warming && at - minuteStart >= 60_000 - SAMPLE_MS / 2 && at < end - SAMPLE_MS / 2) {
      const now2 = performance.now();
      closeMinute((now2 - minuteStart) / 1000);
      minuteStart = now2;
    }
  });
}, SAMPLE_MS);

console.log(
  `signed bodies ready: ${queue.ready.length}; server ${hasMetrics ? 'figures from GET /metrics' : 'without GET /metrics: RSS from /proc, WAL and database from their sizes'}\n`,
);
console.log(tableHeader());

// A first Ctrl-C ends the run early, with its checks; a second stops at once.
process.once('SIGINT', () => {
  end = Math.min(end, performance.now());
  process.once('SIGINT', () => process.exit(130));
});

await new Promise((finished) => {
  if (opts.model === 'open') {
    const interval = 1000 / opts.rate;
    let next = 0;
    let timer;
    const count = () => Math.round(((end - t0) * opts.rate) / 1000);
    const tick = () => {
      clearTimeout(timer);
      const now = performance.now();
      const last = count();
      const due = Math.min(last, Math.floor((now - t0) / interval) + 1);
      while (next < due) {
        const intended = t0 + next * interval;
        if (now - intended > DROP_AFTER_MS) {
          // Never sent: its moment is long past.
          failed();
          next++;
          continue;
        }
        if (inFlight >= opts.connections) break;
        const slot = queue.take();
        if (slot === undefined) break;
        if (now - intended > LATE_MS) {
          minute.late++;
          total.late++;
        }
        send(next, slot, intended, wake);
        next++;
      }
      if (next >= last) {
        if (inFlight === 0) finished();
        return;
      }
      // Waiting for a body or a connection: their arrival wakes it. Otherwise the next moment.
      if (next < due) return;
      timer = setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    // An answer or a new body lets a waiting request go.
    let woken = false;
    const wake = () => {
      if (woken) return;
      woken = true;
      queueMicrotask(() => {
        woken = false;
        tick();
      });
    };
    queue.onBody = wake;
    tick();
  } else {
    let running = opts.connections;
    const client = async (c) => {
      let i = c;
      while (performance.now() < end) {
        let slot = queue.take();
        if (slot === undefined) {
          // The signers did not keep up: this client waited.
          minute.late++;
          total.late++;
          slot = await queue.next();
        }
        const start = performance.now();
        await new Promise((done) => send(i, slot, start, done));
        i += opts.connections;
      }
      if (--running === 0) finished();
    };
    for (let c = 0; c < opts.connections; c++) void client(c);
  }
});
stopping = true;
clearInterval(clock);
await sampling;
const runSeconds = (performance.now() - t0) / 1000;
await sample();
closeMinute((performance.now() - minuteStart) / 1000);
await queue.stop();
await Promise.all(pools.map((p) => p.close()));

const peakGenerator = memoryOf(process.pid).peak;
const worstOf = (key) => {
  const values = rows.map((r) => r[key]).filter((v) => Number.isFinite(v));
  return values.length ? Math.max(...values) : NaN;
};
const totalRow = {
  minute: 'total',
  seconds: Math.round(runSeconds),
  sent: total.sent,
  ok_per_s: total.ok / runSeconds,
  p50_ms: ms(total.histogram.getValueAtPercentile(50)),
  p99_ms: ms(total.histogram.getValueAtPercentile(99)),
  p999_ms: ms(total.histogram.getValueAtPercentile(99.9)),
  max_ms: ms(total.histogram.maxValue),
  errors: total.errors,
  late: total.late,
  server_rss_mb: worstOf('server_rss_mb'),
  server_heap_mb: worstOf('server_heap_mb'),
  loop_p99_ms: worstOf('loop_p99_ms'),
  loop_max_ms: worstOf('loop_max_ms'),
  wal_mb: worstOf('wal_mb'),
  db_mb: rows.at(-1).db_mb,
  queue_waiting: rows.at(-1).queue_waiting,
  server_submissions: rows.reduce((n, r) => n + r.server_submissions, 0),
  generator_rss_mb: peakGenerator / MB,
};
appendFileSync(opts.csv, `${csvLine(totalRow)}\n`);
console.log(tableLine(totalRow));

// The register, read directly once the server has stopped.
for (const s of target.instances) await stopChild(s.child);
const register = await target.register();
await target.cleanup();

// ---------------------------------------------------------------------------------------------
// The targets

const results = [];
const judge = (name, pass, detail) => results.push({ name, pass, detail });

// The warm-up (minute 0) is shown, not judged.
const judged = rows.filter((r) => r.minute !== 0);
const worstP99 = judged.reduce((a, r) => (r.p99_ms > a.p99_ms ? r : a), judged[0]);
judge(
  `p99 < ${P99_TARGET_MS} ms in every minute`,
  judged.every((r) => r.p99_ms < P99_TARGET_MS),
  `worst ${fmt(worstP99.p99_ms, 2)} ms (minute ${worstP99.minute})`,
);
judge('no errors', total.errors === 0, `${total.errors} errors, ${total.late} late`);

/** Least-squares slope of `key` over the full minutes after the first five, in MB per 10 minutes. */
function slope(key) {
  const points = rows
    .filter((r) => r.minute > SLOPE_SKIP_MINUTES && r.seconds >= 59)
    .map((r) => [r.minute, r[key]])
    .filter(([, v]) => Number.isFinite(v));
  if (rows.filter((r) => r.seconds >= 59).length < 10 || points.length < 2) return undefined;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return (sxy / sxx) * 10;
}
for (const [key, label] of [
  ['server_rss_mb', 'server RSS'],
  ['server_heap_mb', 'server heap'],
]) {
  const s = slope(key);
  if (s === undefined)
    judge(
      `${label} flat after minute ${SLOPE_SKIP_MINUTES}`,
      undefined,
      rows.length < 10 ? 'skipped: the run is shorter than 10 minutes' : 'skipped: no figures (GET /metrics missing)',
    );
  else
    judge(
      `${label} flat after minute ${SLOPE_SKIP_MINUTES}`,
      s < SLOPE_TARGET_MB_PER_10_MIN,
      `slope ${s.toFixed(2)} MB per 10 minutes (target < ${SLOPE_TARGET_MB_PER_10_MIN})`,
    );
}

{
  const wal = judged.map((r) => r.wal_mb);
  const half = Math.floor(wal.length / 2);
  if (opts.backend === 'postgres')
    // PostgreSQL keeps WAL up to its max_wal_size between checkpoints (1 GB by default): it grows
    // towards that in any run shorter than a few checkpoints, which is no sign of a leak.
    judge(
      'WAL bounded',
      undefined,
      `skipped on PostgreSQL: its WAL is bounded by its own max_wal_size (largest seen ${Math.max(...wal).toFixed(0)} MB)`,
    );
  else if (half < 1 || wal.some((v) => !Number.isFinite(v)))
    judge('WAL bounded', undefined, 'skipped: fewer than two minutes');
  else {
    const first = Math.max(...wal.slice(0, half));
    const second = Math.max(...wal.slice(half));
    judge(
      'WAL bounded',
      second <= first * WAL_GROWTH,
      `largest ${second.toFixed(1)} MB in the second half, ${first.toFixed(1)} MB in the first`,
    );
  }
}

{
  const problems = [];
  const years = new Set([...acknowledged.keys(), ...register.map((r) => Number(r.year))]);
  // Entries generated before the run (--fill), this year's 1…N: the run's own come after them.
  const fillYear = new Date().getUTCFullYear();
  const before = (year) => (year === fillYear ? opts.fill : 0);
  let entries = 0;
  for (const year of [...years].sort()) {
    const acked = acknowledged.get(year) ?? new Bitmap();
    const row = register.find((r) => Number(r.year) === year) ?? { n: 0, min: 0, max: 0 };
    entries += Number(row.n) - before(year);
    if (Number(row.n) !== acked.count + before(year))
      problems.push(`${year}: ${row.n} entries in the register, ${acked.count} acknowledged after ${before(year)}`);
    if (acked.count > 0 && Number(row.max) !== acked.max)
      problems.push(`${year}: highest number ${row.max} in the register, ${acked.max} acknowledged`);
    if (acked.count > 0 && acked.count !== acked.max - before(year))
      problems.push(`${year}: ${acked.count} numbers acknowledged after ${before(year)} up to ${acked.max}: gaps`);
    if (Number(row.n) > 0 && (Number(row.min) !== 1 || Number(row.n) !== Number(row.max)))
      problems.push(`${year}: numbers ${row.min}…${row.max} for ${row.n} entries: gaps`);
  }
  if (total.duplicates > 0) problems.push(`${total.duplicates} numbers acknowledged twice`);
  judge(
    'register complete and gapless',
    problems.length === 0 && entries === total.ok,
    problems.length
      ? problems.join('; ')
      : `${entries} entries, numbers ${register.map((r) => `1…${r.max}/${r.year}`).join(', ') || 'none'}, all acknowledged`,
  );
}

console.log(`\nCSV: ${opts.csv}`);
if (opts.plot) console.log(`plot: ${writePlot(opts.csv)}`);
console.log(`load generator: peak RSS ${fmt(peakGenerator / MB)} MB\n`);
for (const r of results)
  console.log(`${r.pass === undefined ? 'SKIP' : r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`);
process.exit(results.some((r) => r.pass === false) ? 1 : 0);
