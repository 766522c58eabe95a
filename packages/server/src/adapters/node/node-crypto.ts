import { createHash, KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EcdsaBackend } from '@ebok/forms-core/pki';
import type { CryptoBatch, CryptoJob, CryptoResults } from './crypto-worker.js';

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function keyObject(key: CryptoKey): KeyObject {
  let k = keyObjects.get(key);
  if (!k) keyObjects.set(key, (k = KeyObject.from(key)));
  return k;
}

/** SHA-256 with node:crypto: microseconds, where a WebCrypto digest costs tens of them on Node. */
export const nodeSha256 = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();

export interface WorkerEcdsa extends EcdsaBackend {
  /** Stops the worker; what is still waiting is refused. */
  close(): Promise<void>;
}

interface Waiting {
  readonly job: CryptoJob;
  readonly resolve: (value: Uint8Array | boolean) => void;
  readonly reject: (error: Error) => void;
}

/**
 * ECDSA on a worker thread of its own, a batch per turn of the event loop: each signature
 * checked on libuv's pool costs the event loop a wake-up and, on a busy two-core machine, often
 * its core for as long as the check takes. Here the signatures and checks asked for in one turn
 * go in one message and come back in one; the worker runs at a lower priority than the event
 * loop.
 */
export function workerEcdsa(script: URL = new URL('./crypto-worker.js', import.meta.url)): WorkerEcdsa {
  // It keeps only keys and the batch at hand: a small heap leaves the server's memory to it.
  const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 } });
  worker.unref();
  const keyIds = new WeakMap<KeyObject, number>();
  let nextKey = 0;
  let nextBatch = 0;
  let queued: Waiting[] = [];
  let newKeys: Array<readonly [number, KeyObject]> = [];
  const inFlight = new Map<number, Waiting[]>();
  let failed: Error | undefined;

  const fail = (error: Error) => {
    failed = error;
    for (const batch of inFlight.values()) for (const w of batch) w.reject(error);
    inFlight.clear();
    for (const w of queued.splice(0)) w.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the ECDSA worker stopped (${code})`)));
  worker.on('message', ({ batch, results }: CryptoResults) => {
    const waiting = inFlight.get(batch)!;
    inFlight.delete(batch);
    if (inFlight.size === 0) worker.unref();
    results.forEach((r, i) => {
      if (typeof r === 'object' && !(r instanceof Uint8Array)) waiting[i]!.reject(new Error(r.error));
      else waiting[i]!.resolve(r);
    });
  });

  const flush = () => {
    const jobs = queued;
    queued = [];
    const batch = nextBatch++;
    inFlight.set(batch, jobs);
    worker.ref(); // answers are awaited: the process waits for them
    worker.postMessage({ batch, keys: newKeys, jobs: jobs.map((w) => w.job) } satisfies CryptoBatch);
    newKeys = [];
  };
  const idOf = (key: CryptoKey): number => {
    const k = keyObject(key);
    let id = keyIds.get(k);
    if (id === undefined) {
      keyIds.set(k, (id = nextKey++));
      newKeys.push([id, k]);
    }
    return id;
  };
  // Copies: a view would take its whole buffer (a request body, Buffer's pool) along.
  const ask = (job: CryptoJob): Promise<Uint8Array | boolean> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      if (queued.length === 0) queueMicrotask(flush);
      queued.push({ job, resolve, reject });
    });

  return {
    sign: (privateKey, data) => ask({ op: 'sign', key: idOf(privateKey), data: data.slice() }) as Promise<Uint8Array>,
    verify: (publicKey, signature, data) =>
      ask({ op: 'verify', key: idOf(publicKey), data: data.slice(), signature: signature.slice() }) as Promise<boolean>,
    close: async () => {
      await worker.terminate();
    },
  };
}

let shared: WorkerEcdsa | undefined;
/** One ECDSA worker for the process, made on first use; it does not keep the process alive. */
export const sharedWorkerEcdsa = (): WorkerEcdsa => (shared ??= workerEcdsa());
