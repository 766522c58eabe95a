// The "hostile" line of `npm run bench`: how long any single malformed request holds the intake
// server's event loop. Each request below is one an attacker can send (most without any key);
// while it is handled, a second connection asks /healthz back to back, and the longest answer
// beyond the quiet median is the time the event loop was not free. Target: a few milliseconds.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const signing = await import(pathToFileURL(join(root, 'packages/forms-core/dist/signing.js')).href);

const token = randomBytes(24).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'ebok-bench-hostile-'));
const child = spawn(process.execPath, [join(root, 'packages/server/dist/adapters/node/main.js')], {
  env: {
    ...process.env,
    EBOK_DATA_DIR: dataDir,
    EBOK_PORT: '0',
    EBOK_TOKENS: JSON.stringify({ [createHash('sha256').update(token).digest('hex')]: ['registrar'] }),
  },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const url = await new Promise((resolve, reject) => {
  let buffer = '';
  child.once('exit', (code) => reject(new Error(`the server exited ${code}`)));
  child.stdout.on('data', (d) => {
    buffer += d;
    const m = /"message":"listening","url":"([^"]+)"/.exec(buffer);
    if (m) resolve(m[1]);
  });
});
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

// The pinger is a process of its own, so the load generator's work here does not count.
const pinger = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `
import { Agent, request } from 'node:http';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const ping = () => new Promise((resolve) => {
  const t0 = performance.now();
  request({ host: '127.0.0.1', port: ${port}, path: '/healthz', agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(performance.now() - t0));
  }).end();
});
let worst = 0;
let quiet = [];
process.stdin.setEncoding('utf8');
process.stdin.on('data', (line) => {
  if (line.startsWith('reset')) worst = 0;
  else process.stdout.write(JSON.stringify({ worst, median: [...quiet].sort((a, b) => a - b)[quiet.length >> 1] }) + '\\n');
});
for (;;) {
  const t = await ping();
  worst = Math.max(worst, t);
  if (quiet.length < 500) quiet.push(t);
}
`,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const answers = [];
pinger.stdout.setEncoding('utf8').on('data', (d) =>
  answers.push(
    ...d
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ),
);
const ask = async () => {
  const n = answers.length;
  pinger.stdin.write('report\n');
  while (answers.length === n) await new Promise((r) => setTimeout(r, 5));
  return answers[answers.length - 1];
};
await new Promise((r) => setTimeout(r, 1000)); // a quiet second: the pings' median

/** The worst ping while `send` runs (and just after), beyond the quiet median. */
async function held(send) {
  pinger.stdin.write('reset\n');
  await new Promise((r) => setTimeout(r, 20));
  const status = await send();
  await new Promise((r) => setTimeout(r, 50)); // what it left behind (garbage, a commit) shows too
  const { worst, median } = await ask();
  return { status, hold: Math.max(0, worst - median) };
}

/** A raw request: the status line of the answer, whatever of the body is still unsent. */
const raw = (head, body) =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (m) {
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on('error', (e) => (answer ? undefined : reject(e)));
    socket.write(head);
    if (body) socket.write(body);
  });

const rows = [];
for (const [name, build] of Object.entries(hostile)) {
  const { body, type } = build();
  rows.push([name, await held(async () => (await post('/v1/submissions', body, { 'content-type': type })).status)]);
}
rows.push([
  'certificate request declaring 150 MB',
  await held(() =>
    raw(
      `POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${150 * 2 ** 20}\r\n\r\n`,
    ),
  ),
]);
rows.push([
  'certificate request of 1 MB, chunked',
  await held(() =>
    raw(
      'POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      Buffer.concat(
        Array.from({ length: 16 }, () =>
          Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(65536, 32), Buffer.from('\r\n')]),
        ),
      ),
    ),
  ),
]);
rows.push([
  'garbage certificate request with a wrong code',
  await held(
    async () =>
      (await post('/v1/certificates', JSON.stringify({ activationCode: '7K3M-Q9XD-2HNB-R', csr: 'x'.repeat(7000) })))
        .status,
  ),
]);

console.log('\n## Hostile requests (the event loop held, beyond a quiet /healthz)');
for (const [name, { status, hold }] of rows)
  console.log(`${name.padEnd(50)} ${String(status).padStart(3)}  ${hold.toFixed(1).padStart(6)} ms`);
const worst = rows.reduce((a, b) => (a[1].hold >= b[1].hold ? a : b));
console.log(`hostile: worst hold ${worst[1].hold.toFixed(1)} ms (${worst[0]}); target: a few milliseconds`);

pinger.kill();
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
