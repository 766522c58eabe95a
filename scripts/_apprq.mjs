import { mkdtempSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
const signing = await import('../packages/forms-core/dist/signing.js');
const { CityCa, EC_ALGORITHM } = await import('../packages/forms-core/dist/pki/index.js');
const { createApp } = await import('../packages/server/dist/core/app.js');
const { loadConfig } = await import('../packages/server/dist/core/config.js');
const { procedureRegistry } = await import('../packages/server/dist/core/procedures.js');
const { SqliteStorage } = await import('../packages/server/dist/adapters/node/sqlite-storage.js');
const { FileBlobStore } = await import('../packages/server/dist/adapters/node/file-blobs.js');
const compiled = await import('@ebok/schemas');
const dir = mkdtempSync('/tmp/aq-');
const clock = { now: () => new Date() };
const storage = new SqliteStorage({
  path: dir + '/db',
  migrationsDir: 'packages/server/migrations',
  clock,
  registryFormat: 'RPW/{seq}/{year}',
  timeZone: 'Europe/Warsaw',
});
const { ca } = await CityCa.create({ organization: 'T' });
const sk = await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify']);
const sc = await ca.issueServiceCertificate(sk.publicKey, { commonName: 'i' });
const app = createApp({
  config: loadConfig({}),
  storage,
  blobs: new FileBlobStore(dir + '/f'),
  clock,
  logger: { info() {}, warn() {}, error() {} },
  procedures: procedureRegistry(compiled),
  ca,
  service: { privateKey: sk.privateKey, certificateDer: new Uint8Array(sc.rawData) },
  certificateCache: new signing.CertificateCache(),
});
const keys = await signing.generateResidentKeys();
const cert = await ca.issueResidentCertificate(await signing.createCertificateRequest(keys), {
  givenNames: 'J',
  surname: 'K',
  pesel: '44051401359',
});
const der = new Uint8Array(cert.rawData);
const ex = JSON.parse(readFileSync('schemas/examples/wgn-numer-porzadkowy/valid-existing-house-owner.json', 'utf8'));
const boundary = 'bnd123456789';
const bodies = [];
for (let i = 0; i < 8000; i++) {
  const doc = signing.canonicalJson({
    procedure: 'wgn-numer-porzadkowy',
    schemaVersion: '1.0.0',
    data: ex.data,
    attachments: [],
    submittedAt: new Date().toISOString(),
    nonce: 'n-' + i + '-' + randomBytes(4).toString('hex'),
  });
  const sig = await signing.signDetached(new TextEncoder().encode(doc), keys.privateKey, der);
  bodies.push(
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="d.json"\r\n\r\n${doc}\r\n--${boundary}\r\nContent-Disposition: form-data; name="signature"; filename="s"\r\n\r\n`,
      ),
      Buffer.from(sig),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  );
}
let i = 0,
  ok = 0;
const t0 = performance.now();
async function w() {
  while (i < bodies.length) {
    const r = await app.request('/v1/submissions', {
      method: 'POST',
      body: bodies[i++],
      headers: { 'content-type': 'multipart/form-data; boundary=' + boundary },
    });
    if (r.status === 201) ok++;
    else console.log(r.status, await r.text());
  }
}
await Promise.all(Array.from({ length: 64 }, w));
console.log('app.request rate', Math.round(ok / ((performance.now() - t0) / 1000)));
