// An app in this process, on a fresh SQLite register, for tests that call it with app.request():
// no server, no network.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CityCa, EC_ALGORITHM } from '@ebok/forms-core/pki';
import { CertificateCache } from '@ebok/forms-core/signing';
import * as compiled from '@ebok/schemas';
import { createApp } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import type { Clock, Logger } from '../src/core/platform.js';
import { procedureRegistry } from '../src/core/procedures.js';
import { createBlobStore } from '../src/adapters/node/file-blobs.js';
import { createStorage } from '../src/adapters/node/sqlite-storage.js';

export interface TestAppOptions {
  /** Bearer tokens by role; each becomes an EBOK_TOKENS entry. */
  readonly tokens?: Readonly<Record<string, string>>;
  /** More environment for loadConfig. */
  readonly env?: Readonly<Record<string, string>>;
  /** The app's clock (the storage keeps the real one). */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** The app with a fresh CA and service certificate, and a register that is closed with `close()`. */
export async function testApp(options: TestAppOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ebok-app-'));
  const clock = { now: () => new Date() };
  const storage = createStorage({
    path: join(dir, 'db.sqlite'),
    migrationsDir: resolve(import.meta.dirname, '../migrations'),
    clock,
    registryFormat: 'RPW/{seq}/{year}',
    timeZone: 'Europe/Warsaw',
  });
  const { ca } = await CityCa.create({ organization: 'Test' });
  const keys = (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const service = await ca.issueServiceCertificate(keys.publicKey, { commonName: 'intake' });
  const tokens = Object.fromEntries(
    Object.entries(options.tokens ?? {}).map(([role, token]) => [
      createHash('sha256').update(token).digest('hex'),
      [role],
    ]),
  );
  const app = createApp({
    config: loadConfig({ EBOK_TOKENS: JSON.stringify(tokens), ...options.env }),
    storage,
    blobs: createBlobStore(join(dir, 'files')),
    clock: options.clock ?? clock,
    logger: options.logger ?? quiet,
    procedures: procedureRegistry(compiled),
    ca,
    service: { privateKey: keys.privateKey, certificateDer: new Uint8Array(service.rawData) },
    certificateCache: new CertificateCache(),
  });
  return { app, close: () => storage.close() };
}
