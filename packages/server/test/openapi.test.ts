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
import { FileBlobStore } from '../src/adapters/node/file-blobs.js';
import { SqliteStorage } from '../src/adapters/node/sqlite-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'ebok-openapi-'));
const clock = { now: () => new Date() };
const storage = new SqliteStorage({
  path: join(dir, 'db.sqlite'),
  migrationsDir: resolve(import.meta.dirname, '../migrations'),
  clock,
  registryFormat: 'RPW/{seq}/{year}',
  timeZone: 'Europe/Warsaw',
});
afterAll(() => storage.close());

it('describes exactly the routes the app serves, so the OpenAPI document cannot drift', async () => {
  const { ca } = await CityCa.create({ organization: 'Test' });
  const keys = (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const service = await ca.issueServiceCertificate(keys.publicKey, { commonName: 'intake' });
  const app = createApp({
    config: loadConfig({}),
    storage,
    blobs: new FileBlobStore(join(dir, 'files')),
    clock,
    logger: { info() {}, warn() {}, error() {} },
    procedures: procedureRegistry(compiled),
    ca,
    service: { privateKey: keys.privateKey, certificateDer: new Uint8Array(service.rawData) },
    certificateCache: new CertificateCache(),
  });
  const served = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  const described = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
  expect([...new Set(served)]).toEqual(described);
});
