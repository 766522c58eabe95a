import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from '../../core/platform.js';

async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Attachment files on disk under `root`, content-addressed by SHA-256 (`ab/abcdef…`). A file is
 * written to a temporary name, fsynced, renamed into place and its folder fsynced, so that once
 * `put` resolves the bytes survive a crash.
 */
export function createBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return join(root, sha256.slice(0, 2), sha256);
  };
  return {
    async put(sha256, bytes) {
      const path = pathOf(sha256);
      try {
        if ((await stat(path)).size === bytes.length) return; // already stored: same address, same bytes
      } catch {
        // not there yet
      }
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const handle = await open(tmp, 'w', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      await fsyncDir(dirname(path));
    },

    async get(sha256) {
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}
