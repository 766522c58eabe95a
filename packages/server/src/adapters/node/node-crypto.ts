import { createHash, KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EcdsaBackend } from '@ebok/forms-core/pki';
import {
  type CryptoBatch,
  type CryptoResults,
  FAILED,
  JOB_FIELDS,
  SIGN,
  SIGNATURE_BYTES,
  VERIFY,
  YES,
} from './crypto-protocol.js';

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
  readonly op: typeof SIGN | typeof VERIFY;
  readonly key: KeyObject;
  /** Where its data, then its signature, sit in the batch's bytes. */
  readonly dataAt: number;
  readonly dataLength: number;
  readonly signatureLength: number;
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
  // The bytes of the batch being gathered, copied as they are asked for (they are the caller's),
  // then moved to the worker in one piece.
  let bytes = new Uint8Array(4096);
  let used = 0;
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
    worker.on('message', ({ batch, first, last, outcomes, signatures, errors }: CryptoResults) => {
      const waiting = t.inFlight.get(batch)!;
      if (last) {
        t.inFlight.delete(batch);
        if (t.inFlight.size === 0) worker.unref();
      }
      for (let i = 0; i < outcomes.length; i++) {
        const w = waiting[first + i]!;
        if (outcomes[i] === FAILED) w.reject(new Error(errors[i]));
        else if (w.op === SIGN) w.resolve(signatures.subarray(i * SIGNATURE_BYTES, (i + 1) * SIGNATURE_BYTES));
        else w.resolve(outcomes[i] === YES);
      }
    });
    return t;
  };
  let thread: Thread | undefined;

  const flush = () => {
    const waiting = queued;
    const batchBytes = bytes.subarray(0, used);
    queued = [];
    bytes = new Uint8Array(Math.max(4096, used));
    used = 0;
    if (closed) return waiting.forEach((w) => w.reject(closed!));
    const t = (thread ??= start());
    const keys: Array<readonly [number, KeyObject]> = [];
    const jobs = new Int32Array(waiting.length * JOB_FIELDS);
    waiting.forEach((w, i) => {
      let key = t.keyIds.get(w.key);
      if (key === undefined) {
        t.keyIds.set(w.key, (key = t.nextKey++));
        keys.push([key, w.key]);
      }
      jobs.set([w.op, key, w.dataAt, w.dataLength, w.dataAt + w.dataLength, w.signatureLength], i * JOB_FIELDS);
    });
    const batch = nextBatch++;
    t.inFlight.set(batch, waiting);
    t.worker.ref(); // answers are awaited: the process waits for them
    t.worker.postMessage({ batch, keys, jobs, bytes: batchBytes } satisfies CryptoBatch, [
      jobs.buffer,
      batchBytes.buffer as ArrayBuffer,
    ]);
  };
  const take = (part: Uint8Array): void => {
    if (used + part.length > bytes.length) {
      const larger = new Uint8Array(Math.max(2 * bytes.length, used + part.length));
      larger.set(bytes.subarray(0, used));
      bytes = larger;
    }
    bytes.set(part, used);
    used += part.length;
  };
  const ask = (
    op: Waiting['op'],
    key: CryptoKey,
    data: Uint8Array,
    signature?: Uint8Array,
  ): Promise<Uint8Array | boolean> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(closed);
      if (queued.length === 0) {
        // After the poll phase: every request read in this turn of the event loop joins the batch
        // (a microtask would send one message for each request, each waking the worker).
        setImmediate(flush);
      }
      const dataAt = used;
      take(data);
      if (signature) take(signature);
      queued.push({
        op,
        key: keyObject(key),
        dataAt,
        dataLength: data.length,
        signatureLength: signature?.length ?? 0,
        resolve,
        reject,
      });
    });

  return {
    sign: (privateKey, data) => ask(SIGN, privateKey, data) as Promise<Uint8Array>,
    verify: (publicKey, signature, data) => ask(VERIFY, publicKey, data, signature) as Promise<boolean>,
    close: async () => {
      closed = new Error('the ECDSA worker stopped');
      await thread?.worker.terminate();
    },
  };
}

let shared: WorkerEcdsa | undefined;
/** One ECDSA worker for the process, made on first use; it does not keep the process alive. */
export const sharedWorkerEcdsa = (): WorkerEcdsa => (shared ??= workerEcdsa());
