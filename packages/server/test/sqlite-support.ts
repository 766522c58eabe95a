// What the SQLite storage tests share: a storage on a fresh folder, and register entries.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NewEntry } from '../src/core/platform.js';
import { createStorage, type SqliteStorage, type SqliteStorageOptions } from '../src/adapters/node/sqlite-storage.js';

/** A storage on a fresh folder, on 2 March 2026; `options` adds to or replaces the defaults. */
export function openStorage(options: Partial<SqliteStorageOptions> = {}): { storage: SqliteStorage; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'ebok-sqlite-')), 'ebok.sqlite');
  const storage = createStorage({
    path,
    migrationsDir: resolve(import.meta.dirname, '../migrations'),
    clock: { now: () => new Date('2026-03-02T10:00:00Z') },
    registryFormat: 'RPW/{seq}/{year}',
    timeZone: 'Europe/Warsaw',
    ...options,
  });
  return { storage, path };
}

/** The `n`th web submission: its own document, hash and nonce. */
export const newEntry = (n: number, extra: { idempotencyKey?: string; bytes?: Uint8Array } = {}): NewEntry => ({
  channel: 'web',
  procedure: { id: 'wgn-numer-porzadkowy', version: '1.0.0' },
  department: 'WGN',
  subject: 'Numer porządkowy',
  sender: { givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401359' },
  documentSha256: createHash('sha256').update(`document ${n}`).digest('hex'),
  nonce: `nonce-${n}-abcdefgh`,
  ...(extra.idempotencyKey && { idempotencyKey: extra.idempotencyKey }),
  document: { mediaType: 'application/json', bytes: extra.bytes ?? new TextEncoder().encode(`{"n":${n}}`) },
  attachments: [],
});

/** A stand-in receipt: these tests are about the register, not about signing. */
export const receipt = async () => ({ document: '{}', signature: new Uint8Array([1]) });
