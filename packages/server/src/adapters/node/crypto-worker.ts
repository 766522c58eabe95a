// The ECDSA worker (see workerEcdsa in node-crypto.ts): signs and verifies the batches the main
// thread sends, synchronously, one batch a message.
import { type KeyObject, sign, verify } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

export type CryptoJob =
  | { readonly op: 'sign'; readonly key: number; readonly data: Uint8Array }
  | { readonly op: 'verify'; readonly key: number; readonly data: Uint8Array; readonly signature: Uint8Array };

export interface CryptoBatch {
  readonly batch: number;
  /** Keys not sent before, by the number jobs name them with. */
  readonly keys: ReadonlyArray<readonly [number, KeyObject]>;
  readonly jobs: readonly CryptoJob[];
}

export interface CryptoResults {
  readonly batch: number;
  /** A signature (r‖s), a verdict, or the error's message. */
  readonly results: ReadonlyArray<Uint8Array | boolean | { readonly error: string }>;
}

// Below the main thread: on a busy machine the scheduler should not stop the event loop to run a
// signature that can wait a moment on another core. Linux names each thread's id in /proc.
try {
  const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
  if (tid > 0) setPriority(tid, 5);
} catch {
  // not Linux: the worker keeps the process's priority
}

const keys = new Map<number, KeyObject>();
parentPort!.on('message', ({ batch, keys: added, jobs }: CryptoBatch) => {
  for (const [id, key] of added) keys.set(id, key);
  const results = jobs.map((job) => {
    try {
      const key = keys.get(job.key)!;
      return job.op === 'sign'
        ? new Uint8Array(sign('sha256', job.data, { key, dsaEncoding: 'ieee-p1363' }))
        : verify('sha256', job.data, { key, dsaEncoding: 'ieee-p1363' }, job.signature);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
  const signatures = results.flatMap((r) => (r instanceof Uint8Array ? [r.buffer] : []));
  parentPort!.postMessage({ batch, results } satisfies CryptoResults, signatures);
});
