import type { BlobStore } from '../../core/platform.js';

/**
 * Attachment files in R2, content-addressed by SHA-256 (`attachments/<hex>`). R2 checks the
 * bytes against the SHA-256 given with `put`, and a `put` resolves once the object is durable.
 */
export class R2BlobStore implements BlobStore {
  constructor(private readonly bucket: R2Bucket) {}

  private key(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return `attachments/${sha256}`;
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const key = this.key(sha256);
    // Same address, same bytes: a retried submission's files are already there.
    if ((await this.bucket.head(key))?.size === bytes.length) return;
    await this.bucket.put(key, bytes, { sha256 });
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const object = await this.bucket.get(this.key(sha256));
    return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
  }
}
