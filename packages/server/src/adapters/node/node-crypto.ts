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
  readonly op: CryptoJob['op'];
  readonly key: KeyObject;
  readonly data: Uint8Array;
  readonly signature?: Uint8Array;
  readonly resolve: (value: Uint8Array | boolean) => void;
  readonly reject: (error: Error) => void;
}

/**
 * ECDSA on a worker thread of its own, a batch per turn of the event loop: each signature
 * checked on libuv's pool costs the event loop a wake-up and, on a busy two-core machine, often
 * its core for as long as the check takes. Here the signatures and checks asked for in one turn
 * go in one message and come back in one; the worker runs at a lower priority than the event
 * loop. Should the worker die, what it held is refused and a new one takes the next batches.
 */
export function workerEcdsa(script: URL = new URL('./crypto-worker.js', import.meta.url)): WorkerEcdsa {
  let nextBatch = 0;
  let queued: Waiting[] = [];
  let closed: Error | undefined;

  interface Thread {
    readonly worker: Worker;
    /** The keys this worker has been sent, by the number jobs name them with. */
    readonly keyIds: WeakMap<KeyObject, number>;
    nextKey: number;
    readonly inFlight: Map<number, Waiting[]>;
    dead: boolean;
  }
  const start = (): Thread => {
    // It keeps only keys and the batch at hand: a small heap leaves the server's memory to it.
    const worker = new Worker(script, {
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    worker.unref();
    const t: Thread = { worker, keyIds: new WeakMap(), nextKey: 0, inFlight: new Map(), dead: false };
    const die = (error: Error) => {
      if (t.dead) return;
      t.dead = true;
      for (const batch of t.inFlight.values()) for (const w of batch) w.reject(error);
      t.inFlight.clear();
      if (thread === t && !closed) thread = undefined; // the next batch starts another
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`the ECDSA worker stopped (${code})`)));
    worker.on('message', ({ batch, results }: CryptoResults) => {
      const waiting = t.inFlight.get(batch)!;
      t.inFlight.delete(batch);
      if (t.inFlight.size === 0) worker.unref();
      results.forEach((r, i) => {
        if (typeof r === 'object' && !(r instanceof Uint8Array)) waiting[i]!.reject(new Error(r.error));
        else waiting[i]!.resolve(r);
      });
    });
    return t;
  };
  let thread: Thread | undefined;

  const flush = () => {
    const waiting = queued;
    queued = [];
    if (closed) return waiting.forEach((w) => w.reject(closed!));
    const t = (thread ??= start());
    const keys: Array<readonly [number, KeyObject]> = [];
    const jobs = waiting.map((w): CryptoJob => {
      let key = t.keyIds.get(w.key);
      if (key === undefined) {
        t.keyIds.set(w.key, (key = t.nextKey++));
        keys.push([key, w.key]);
      }
      return w.op === 'sign'
        ? { op: 'sign', key, data: w.data }
        : { op: 'verify', key, data: w.data, signature: w.signature! };
    });
    const batch = nextBatch++;
    t.inFlight.set(batch, waiting);
    t.worker.ref(); // answers are awaited: the process waits for them
    // The copies are the worker's from now on: moved, not copied again.
    const moved = jobs.flatMap((j) => (j.op === 'sign' ? [j.data.buffer] : [j.data.buffer, j.signature.buffer]));
    t.worker.postMessage({ batch, keys, jobs } satisfies CryptoBatch, moved as ArrayBuffer[]);
  };
  const ask = (job: Omit<Waiting, 'resolve' | 'reject'>): Promise<Uint8Array | boolean> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(closed);
      // After the poll phase: every request read in this turn of the event loop joins the batch
      // (a microtask would send one message for each request, each waking the worker).
      if (queued.length === 0) setImmediate(flush);
      queued.push({ ...job, resolve, reject });
    });

  // Copies of their own (a view would take its whole buffer, a request body or Buffer's pool,
  // along, and `slice` on a Buffer makes a view): they are moved to the worker.
  return {
    sign: (privateKey, data) =>
      ask({ op: 'sign', key: keyObject(privateKey), data: new Uint8Array(data) }) as Promise<Uint8Array>,
    verify: (publicKey, signature, data) =>
      ask({
        op: 'verify',
        key: keyObject(publicKey),
        data: new Uint8Array(data),
        signature: new Uint8Array(signature),
      }) as Promise<boolean>,
    close: async () => {
      closed = new Error('the ECDSA worker stopped');
      await thread?.worker.terminate();
    },
  };
}

let shared: WorkerEcdsa | undefined;
/** One ECDSA worker for the process, made on first use; it does not keep the process alive. */
export const sharedWorkerEcdsa = (): WorkerEcdsa => (shared ??= workerEcdsa());
