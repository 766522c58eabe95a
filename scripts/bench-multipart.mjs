// Multipart benchmark: whole-body (already buffered) parses per second of realistic submission
// bodies, the server's own parser against @remix-run/multipart-parser (which runs on Web streams).
// The intake server handles ≥ 4,000 submissions/s on an event loop that is its scarce resource,
// so a parse's CPU time is what counts. Each parser's result is read the way the server reads it:
// every part's name, media type, file-or-not and bytes as one Uint8Array.
//
// Each figure is parses per second of this process's CPU time (not of the clock: other work on the
// machine takes the clock's time, not its CPU time), the median of rounds taken in turns.
//
// Build first (`npx tsc -b packages/server`), then: node scripts/bench-multipart.mjs [other.js …]
// where each other.js is another build of the module (an older one, say) to measure beside.
// BENCH_SECONDS (CPU time per round, default 0.5) and BENCH_ROUNDS (default 9).
import { getMultipartBoundary, parseMultipart } from '@remix-run/multipart-parser';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const load = async (path) => (await import(pathToFileURL(resolve(root, path)).href)).readParts;
const readParts = await load('packages/server/dist/core/multipart.js');
const others = await Promise.all(process.argv.slice(2).map(async (path) => [path, await load(path)]));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 0.5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 9));
const MAX_PART_BYTES = 10 * 1024 * 1024;
const MAX_PARTS = 64;

/** Bytes from a fixed-seed generator: the same bodies on every run. */
function noise(length, seed) {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A ~2 kB JSON document, like those the forms SDK submits. */
function documentJson() {
  const fields = {};
  for (let i = 0; JSON.stringify(fields).length < 1900; i++) {
    fields[`pole${String(i).padStart(2, '0')}`] = `Wartość ${i}: ul. Żółkiewskiego ${i}, 00-${100 + i} Kraków`;
  }
  return JSON.stringify({ procedure: 'ZGL-ZAM', schemaVersion: '1.2.0', fields });
}

/** A submission body as undici's FormData encoder writes it, with its content type. */
async function submission(attachments) {
  const form = new FormData();
  form.append('document', new Blob([documentJson()], { type: 'application/json' }), 'document.json');
  form.append('signature', new Blob([noise(800, 7)], { type: 'application/pkcs7-signature' }), 'document.json.p7s');
  for (let i = 0; i < attachments; i++) {
    form.append(
      `zalacznik-${i + 1}`,
      new Blob([noise(100 * 1024, 11 + i)], { type: 'application/pdf' }),
      `skan-${i}.pdf`,
    );
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { contentType: request.headers.get('content-type'), body: new Uint8Array(await request.arrayBuffer()) };
}

const ours =
  (read) =>
  ({ contentType, body }) => {
    let sink = 0;
    for (const p of read(contentType, body, MAX_PART_BYTES, MAX_PARTS))
      sink += p.name.length + (p.mediaType?.length ?? 0) + (p.isFile ? 1 : 0) + p.bytes.length;
    return sink;
  };

const parsers = {
  ours: ours(readParts),
  '@remix-run/multipart-parser'({ contentType, body }) {
    const boundary = getMultipartBoundary(contentType);
    const options = { boundary, maxFileSize: MAX_PART_BYTES, maxParts: MAX_PARTS, maxHeaderSize: 8 * 1024 };
    let sink = 0;
    for (const p of parseMultipart(body, options)) {
      // One contiguous view without a copy when the part came in one chunk (it does here).
      const bytes = p.content.length === 1 ? p.content[0] : p.bytes;
      sink += p.name.length + (p.mediaType?.length ?? 0) + (p.isFile ? 1 : 0) + bytes.length;
    }
    return sink;
  },
  ...Object.fromEntries(others.map(([path, read]) => [path, ours(read)])),
};

/** Parses per CPU second over `seconds` of CPU time, in batches so the clock is read rarely. */
function measure(parse, input, seconds) {
  let ops = 0;
  let sink = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < seconds * 1e6) {
    for (let i = 0; i < 50; i++) sink += parse(input);
    ops += 50;
    const { user, system } = process.cpuUsage(start);
    used = user + system;
  }
  if (sink === -1) console.log('');
  return ops / (used / 1e6);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = [
  ['document + signature', await submission(0)],
  ['document + signature + 2 × 100 kB', await submission(2)],
];
console.log(
  `Node ${process.version}, ${ROUNDS} rounds of ${SECONDS} CPU s each, the median round (parses per CPU second):`,
);
const rows = [];
for (const [label, input] of cases) {
  const row = { body: `${label} (${(input.body.length / 1024).toFixed(1)} kB)` };
  // All give the same parts (by a checksum of their sizes), else the comparison means nothing.
  const sinks = new Set(Object.values(parsers).map((parse) => parse(input)));
  if (sinks.size !== 1) throw new Error('the parsers disagree');
  for (const parse of Object.values(parsers)) measure(parse, input, SECONDS); // warm up
  const rounds = Object.fromEntries(Object.keys(parsers).map((name) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so drift in the machine's speed falls on all alike.
    const names = Object.keys(parsers);
    for (const name of r % 2 ? names.reverse() : names) rounds[name].push(measure(parsers[name], input, SECONDS));
  }
  for (const [name, xs] of Object.entries(rounds)) row[name] = Math.round(median(xs));
  row['library / ours'] = `${((row['@remix-run/multipart-parser'] / row.ours) * 100).toFixed(0)} %`;
  rows.push(row);
}
console.table(rows);
