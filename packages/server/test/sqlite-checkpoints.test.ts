import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { SqliteStorage } from '../src/adapters/node/sqlite-storage.js';
import { newEntry, openStorage, receipt } from './sqlite-support.js';

// Checkpoints on a worker thread of their own (SqliteOptions.checkpointWorker), with SQLite's
// own checkpoints as the fallback. The worker runs as built (npm test builds first).
const worker = new URL('../dist/adapters/node/checkpoint-worker.js', import.meta.url);

const storageWith = (checkpointWorker: URL, warn?: (message: string) => void, walSizeLimit?: number) =>
  openStorage({ checkpointWorker, ...(warn && { warn }), ...(walSizeLimit && { walSizeLimit }) });
// About a page of its own per entry, as a signed document and its receipt take.
const entry = (n: number) => newEntry(n, { bytes: new Uint8Array(3000).fill(65 + (n % 26)) });
const bytes = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const pages = (file: string) => (existsSync(file) ? statSync(file).size / 4096 : 0);
const autocheckpoint = (storage: SqliteStorage) => storage.db.pragma('wal_autocheckpoint', { simple: true });

it('copies the log into the database on its own thread, keeps the log short, and closes last-but-one', async () => {
  const { storage, path } = storageWith(worker);
  // SQLite's own checkpoints wait until the log is far longer than these entries make it.
  expect(autocheckpoint(storage)).toBe(10_000);
  const before = pages(path);
  for (let batch = 0; batch < 40; batch++) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.register.enter(entry(batch * 50 + i), receipt)));
    // Now and then a lull, as real traffic has: the log is copied whole and starts again.
    if (batch % 10 === 9) await new Promise((r) => setTimeout(r, 250));
  }
  // 2,000 entries of about a page and a half each: without checkpoints, a log of some 3,000
  // pages and the database as it was.
  await expect.poll(() => pages(path) - before, { timeout: 5000 }).toBeGreaterThan(1500);
  expect(pages(`${path}-wal`)).toBeLessThan(1500);
  const numbers = storage.register.list({ year: 2026, after: 0, limit: 5000 });
  expect((await numbers).map((e) => e.sequence)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  // The worker closes its connection first; this one, the last, removes the log.
  await storage.close();
  expect(existsSync(`${path}-wal`)).toBe(false);
});

it('cuts the log back to its limit once it starts again, after a burst grew it past the limit', async () => {
  const limit = 256 * 1024;
  const { storage, path } = storageWith(worker, undefined, limit);
  // A reader that keeps its snapshot (as a backup does) stops the log from being copied, so the
  // burst's frames pile up in it.
  const reader = new Database(path, { readonly: true });
  let n = 0;
  try {
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM register').get();
    for (let batch = 0; batch < 8; batch++)
      await Promise.all(Array.from({ length: 50 }, () => storage.register.enter(entry(++n), receipt)));
    expect(bytes(`${path}-wal`)).toBeGreaterThan(4 * limit);
    reader.prepare('COMMIT').run();
    // Once the worker has copied the log, the next commit starts it again, and cuts the file.
    await expect
      .poll(
        async () => {
          await storage.register.enter(entry(++n), receipt);
          return bytes(`${path}-wal`);
        },
        { timeout: 5000, interval: 50 },
      )
      .toBeLessThanOrEqual(limit);
  } finally {
    reader.close();
    await storage.close();
  }
});

it('hands checkpoints back to SQLite, and says so, when the worker stops', async () => {
  const warnings: string[] = [];
  const { storage } = storageWith(new URL('./fixtures/checkpoint-worker-failing.mjs', import.meta.url), (m) =>
    warnings.push(m),
  );
  try {
    await expect.poll(() => warnings, { timeout: 5000 }).toHaveLength(1);
    expect(warnings[0]).toMatch(/checkpoint worker stopped/);
    expect(autocheckpoint(storage)).toBe(1000);
    const outcome = await storage.register.enter(entry(1), receipt);
    expect(outcome.status).toBe('created');
  } finally {
    await storage.close();
  }
});
