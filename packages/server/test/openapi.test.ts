import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CityCa, EC_ALGORITHM } from '@ebok/forms-core/pki';
import { CertificateCache } from '@ebok/forms-core/signing';
import * as compiled from '@ebok/schemas';
import { createApp } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import { ROUTES } from '../src/core/openapi.js';
import { procedureRegistry } from '../src/core/procedures.js';
import { readEnvelope } from '../src/core/submission.js';
import { createBlobStore } from '../src/adapters/node/file-blobs.js';
import { createStorage } from '../src/adapters/node/sqlite-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'ebok-openapi-'));
const clock = { now: () => new Date() };
const storage = createStorage({
  path: join(dir, 'db.sqlite'),
  migrationsDir: resolve(import.meta.dirname, '../migrations'),
  clock,
  registryFormat: 'RPW/{seq}/{year}',
  timeZone: 'Europe/Warsaw',
});
afterAll(() => storage.close());

async function testApp() {
  const { ca } = await CityCa.create({ organization: 'Test' });
  const keys = (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const service = await ca.issueServiceCertificate(keys.publicKey, { commonName: 'intake' });
  return createApp({
    config: loadConfig({
      EBOK_TOKENS: JSON.stringify({ [createHash('sha256').update(TOKEN).digest('hex')]: ['department:WSO'] }),
    }),
    storage,
    blobs: createBlobStore(join(dir, 'files')),
    clock,
    logger: { info() {}, warn() {}, error() {} },
    procedures: procedureRegistry(compiled),
    ca,
    service: { privateKey: keys.privateKey, certificateDer: new Uint8Array(service.rawData) },
    certificateCache: new CertificateCache(),
  });
}
const TOKEN = 'department-token-for-the-test';

it('describes exactly the routes the app serves, so the OpenAPI document cannot drift', async () => {
  const app = await testApp();
  const served = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  const described = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
  expect([...new Set(served)]).toEqual(described);
});

it('gives the same limits the handlers keep: a lease and a nonce at and past their edges', async () => {
  const app = await testApp();
  const doc = (await (await app.request('/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>;
    components: { schemas: Record<string, { properties: Record<string, { minLength: number; maxLength: number }> }> };
  };
  const lease = doc.paths['/v1/departments/{code}/queue/lease']!['post']!.requestBody.content['application/json']!
    .schema as { properties: { visibilitySeconds: { maximum: number }; max: { maximum: number } } };
  const leaseWith = (body: unknown) =>
    app.request('/v1/departments/WSO/queue/lease', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { maximum } = lease.properties.visibilitySeconds;
  expect(maximum).toBeTypeOf('number');
  expect((await leaseWith({ max: 1, visibilitySeconds: maximum })).status).toBe(200);
  expect((await leaseWith({ max: 1, visibilitySeconds: maximum + 1 })).status).toBe(400);
  expect((await leaseWith({ max: lease.properties.max.maximum + 1 })).status).toBe(400);
  const { minLength, maxLength } = doc.components.schemas['SubmittedDocument']!.properties['nonce']!;
  const envelope = (nonce: string) => ({
    procedure: 'usc-odpis-aktu',
    schemaVersion: '1.0.0',
    data: {},
    attachments: [],
    submittedAt: new Date().toISOString(),
    nonce,
  });
  expect(() => readEnvelope(envelope('n'.repeat(minLength)))).not.toThrow();
  expect(() => readEnvelope(envelope('n'.repeat(maxLength)))).not.toThrow();
  expect(() => readEnvelope(envelope('n'.repeat(minLength - 1)))).toThrow();
  expect(() => readEnvelope(envelope('n'.repeat(maxLength + 1)))).toThrow();
});
