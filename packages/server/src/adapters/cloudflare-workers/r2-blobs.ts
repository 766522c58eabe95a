import type { BlobStore } from '../../core/platform.js';

/**
 * Attachment files in an R2 bucket, content-addressed by SHA-256 (`attachments/<hex>`). R2 checks
 * the bytes against the SHA-256 given with `put`, and a `put` resolves once the object is durable.
 */
export function createBlobStore(bucket: R2Bucket): BlobStore {
  const keyOf = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return `attachments/${sha256}`;
  };
  return {
    async put(sha256, bytes) {
      const key = keyOf(sha256);
      // Same address, same bytes: a retried submission's files are already there.
      if ((await bucket.head(key))?.size === bytes.length) return;
      await bucket.put(key, bytes, { sha256 });
    },

    async get(sha256) {
      const object = await bucket.get(keyOf(sha256));
      return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
    },
  };
}
