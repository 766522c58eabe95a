// The "hostile" line of `npm run bench`: how long any single malformed request holds the intake
// server's event loop. Each request below is one an attacker can send (most without any key).
// The server runs in this process, measured by Node's event-loop delay monitor; the requests come
// from another process, so sending them costs this event loop nothing. Target: a few milliseconds.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const signing = await import(pathToFileURL(join(root, 'packages/forms-core/dist/signing.js')).href);
const { startNodeServer } = await import(
  pathToFileURL(join(root, 'packages/server/dist/adapters/node/server.js')).href
);

const token = randomBytes(24).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'ebok-bench-hostile-'));
const quiet = () => {};
const server = await startNodeServer({
  env: {
    ...process.env,
    EBOK_DATA_DIR: dataDir,
    EBOK_PORT: '0',
    EBOK_TOKENS: JSON.stringify({ [createHash('sha256').update(token).digest('hex')]: ['registrar'] }),
  },
  logger: { info: quiet, warn: quiet, error: quiet },
});
const { url } = server;
const { port } = new URL(url);

const post = async (path, body, headers = {}) =>
  fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

// A resident, and one valid submission to mangle.
const keys = await signing.generateResidentKeys();
const { activationCode } = await (
  await post('/v1/enrolments', JSON.stringify({ givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401359' }), {
    authorization: `Bearer ${token}`,
  })
).json();
const issued = await (
  await post('/v1/certificates', JSON.stringify({ activationCode, csr: await signing.createCertificateRequest(keys) }))
).json();
const der = new Uint8Array(Buffer.from(issued.certificate.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
const example = JSON.parse(
  readFileSync(join(root, 'schemas/examples/wgn-numer-porzadkowy/valid-existing-house-owner.json'), 'utf8'),
);
const documentText = signing.canonicalJson({
  procedure: 'wgn-numer-porzadkowy',
  schemaVersion: '1.0.0',
  data: example.data,
  attachments: [],
  submittedAt: new Date().toISOString(),
  nonce: randomBytes(8).toString('hex'),
});
const signature = await signing.signDetached(new TextEncoder().encode(documentText), keys.privateKey, der);

/** The signature with `extra` appended inside its certificates set (a forged, longer set). */
function withCertificates(sig, extra) {
  const read = (at) => {
    let length = sig[at + 1];
    let body = at + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + sig[body + i];
      body += n;
    }
    return { tag: sig[at], start: at, body, end: body + length };
  };
  const tlv = (tag, content) => {
    const n = content.length;
    const len = n < 0x80 ? [n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...len]), content]);
  };
  const info = read(0);
  const oid = read(info.body);
  const explicit = read(oid.end);
  const sd = read(explicit.body);
  const fields = [];
  for (let at = sd.body; at < sd.end;) {
    const f = read(at);
    fields.push(
      f.tag === 0xa0 ? tlv(0xa0, Buffer.concat([sig.subarray(f.body, f.end), extra])) : sig.subarray(f.start, f.end),
    );
    at = f.end;
  }
  return tlv(0x30, Buffer.concat([sig.subarray(oid.start, oid.end), tlv(0xa0, tlv(0x30, Buffer.concat(fields)))]));
}
const emptyEntries = (count) => Buffer.from(new Uint8Array(count * 2).map((_, i) => (i % 2 ? 0 : 0x30)));

function multipart(parts) {
  const boundary = 'ebokhostile7MA4YWxkTrZu0gW';
  const chunks = [];
  for (const [disposition, type, bytes] of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: ${type}\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}
const submission = (doc, sig) =>
  multipart([
    ['name="document"; filename="d.json"', 'application/json', doc],
    ['name="signature"; filename="d.p7s"', 'application/pkcs7-signature', sig],
  ]);

const hostile = {
  'signature with 30,000 empty certificates (60 kB)': () =>
    submission(documentText, withCertificates(signature, emptyEntries(30_000))),
  'signature with 500,000 empty certificates (1 MB)': () =>
    submission(documentText, withCertificates(signature, emptyEntries(500_000))),
  'document nested 100,000 deep (200 kB)': () =>
    submission(`{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, signature),
  'document nested 2,400,000 deep (4.8 MB)': () =>
    submission(`{"data":${'['.repeat(2_400_000)}${']'.repeat(2_400_000)}}`, signature),
  'a part named document inside a filename': () =>
    multipart([
      ['filename="x; name=document"; name="photo"', 'application/json', documentText],
      ['name="signature"', 'application/pkcs7-signature', signature],
    ]),
  '8 MB of one-byte parts': () => {
    const parts = [];
    for (let i = 0; i < 100; i++) parts.push([`name="p${i}"`, 'text/plain', 'x'.repeat(80_000)]);
    return multipart(parts);
  },
};

// The sender: another process, which sends what it is told (a file as a body, or raw bytes) and
// says the status it got back.
const sender = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
const raw = (head, body) => new Promise((resolve, reject) => {
  const socket = connect(${port}, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => {
    answer += d.toString('latin1');
    const m = /^HTTP\\/1\\.1 (\\d{3})/.exec(answer);
    if (m) { socket.destroy(); resolve(Number(m[1])); }
  });
  socket.on('error', (e) => (answer ? undefined : reject(e)));
  socket.write(head);
  if (body) socket.write(body);
});
for await (const line of createInterface({ input: process.stdin })) {
  const job = JSON.parse(line);
  const body = job.file ? readFileSync(job.file) : undefined;
  const status = job.head
    ? await raw(job.head, body)
    : (await fetch('${url}' + job.path, { method: 'POST', body, headers: { 'content-type': job.type } })).status;
  process.stdout.write(JSON.stringify({ status }) + '\\n');
}
`,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const replies = [];
sender.stdout.setEncoding('utf8').on('data', (d) =>
  replies.push(
    ...d
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ),
);
let files = 0;
/**
 * Sends one request from the other process, five times; the longest the event loop was held
 * while it was handled, the median of the five (a collection of garbage an earlier request left
 * can fall in any window).
 */
async function held(job) {
  if (job.body) {
    job.file = join(dataDir, `body-${files++}`);
    writeFileSync(job.file, job.body);
    delete job.body;
  }
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await once(job));
  runs.sort((a, b) => a.hold - b.hold);
  return runs[2];
}

async function once(job) {
  await new Promise((r) => setTimeout(r, 50));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const n = replies.length;
  sender.stdin.write(`${JSON.stringify(job)}\n`);
  while (replies.length === n) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setTimeout(r, 50)); // what it left behind (garbage, a commit) shows too
  delay.disable();
  // The monitor's own timer fires every millisecond: beyond that, the loop was busy.
  return { status: replies[n].status, hold: Math.max(0, delay.max / 1e6 - 1) };
}

const rows = [];
for (const [name, build] of Object.entries(hostile)) {
  const { body, type } = build();
  rows.push([name, await held({ path: '/v1/submissions', body, type })]);
}
rows.push([
  'certificate request declaring 150 MB',
  await held({
    head: `POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${150 * 2 ** 20}\r\n\r\n`,
  }),
]);
rows.push([
  'certificate request of 1 MB, chunked',
  await held({
    head: 'POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    body: Buffer.concat(
      Array.from({ length: 16 }, () =>
        Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(65536, 32), Buffer.from('\r\n')]),
      ),
    ),
  }),
]);
rows.push([
  'garbage certificate request with a wrong code',
  await held({
    path: '/v1/certificates',
    type: 'application/json',
    body: JSON.stringify({ activationCode: '7K3M-Q9XD-2HNB-R', csr: 'x'.repeat(7000) }),
  }),
]);

console.log("\n## Hostile requests (the longest the server's event loop was held while each was handled, median of 5)");
for (const [name, { status, hold }] of rows)
  console.log(`${name.padEnd(50)} ${String(status).padStart(3)}  ${hold.toFixed(1).padStart(6)} ms`);
const worst = rows.reduce((a, b) => (a[1].hold >= b[1].hold ? a : b));
console.log(`hostile: worst hold ${worst[1].hold.toFixed(1)} ms (${worst[0]}); target: a few milliseconds`);

sender.kill();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
