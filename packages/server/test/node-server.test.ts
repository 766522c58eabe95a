import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startNodeServer } from '../src/adapters/node/server.js';
import type { BlobStore } from '../src/core/platform.js';
import { newEntry, openStorage, receipt } from './sqlite-support.js';

// startNodeServer with what a deployment brings of its own: storage, attachment files, widgets.
// (The defaults, SQLite and files in EBOK_DATA_DIR and the built @ebok/widgets, are what every
// test of the server through `npm start`'s main.js runs on.)

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const quiet = { info() {}, warn() {}, error() {} };

it('serves the register, attachment files and widgets it is given, and leaves the storage open to its owner', async () => {
  const { storage } = openStorage();
  const files = new Map<string, Uint8Array>();
  const blobs: BlobStore = {
    put: async (sha, bytes) => void files.set(sha, bytes),
    get: async (sha) => files.get(sha),
  };
  const scan = new TextEncoder().encode('%PDF-1.7 a scanned letter');
  await blobs.put(sha256(scan), scan);
  const entry = {
    ...newEntry(1),
    attachments: [{ name: 'scan', mediaType: 'application/pdf', size: scan.length, sha256: sha256(scan) }],
  };
  const outcome = await storage.register.enter(entry, receipt);
  expect(outcome.status).toBe('created');

  const widgetsDir = mkdtempSync(join(tmpdir(), 'ebok-widgets-'));
  writeFileSync(join(widgetsDir, 'ebok.js'), 'export const loader = 1;\n');
  const token = 'a-department-token-for-this-test';
  const server = await startNodeServer({
    env: {
      EBOK_DATA_DIR: mkdtempSync(join(tmpdir(), 'ebok-server-')),
      EBOK_PORT: '0',
      EBOK_TOKENS: JSON.stringify({ [sha256(token)]: ['department:WGN'] }),
    },
    logger: quiet,
    storage,
    blobs,
    widgetsDir,
    examplesDir: false,
  });
  const document = `${server.url}/v1/departments/WGN/documents/${encodeURIComponent('RPW/1/2026')}`;
  const auth = { headers: { authorization: `Bearer ${token}` } };
  try {
    const res = await fetch(document, auth);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { document: string }).document).toBe('{"n":1}');
    const attachment = await fetch(`${document}/attachments/scan`, auth);
    expect(new Uint8Array(await attachment.arrayBuffer())).toEqual(scan);

    const loader = await fetch(`${server.url}/widgets/ebok.js`);
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await loader.text()).toBe('export const loader = 1;\n');
    // No examples folder: nothing is served at /.
    expect((await fetch(`${server.url}/index.html`)).status).toBe(404);
  } finally {
    await server.stop();
  }
  // Stopping the server did not close what it was given.
  expect((await storage.register.list({ year: 2026, after: 0, limit: 10 })).map((e) => e.registryNumber)).toEqual([
    'RPW/1/2026',
  ]);
  await storage.close();
});
