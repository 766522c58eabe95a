import * as crypto from 'node:crypto';
import { createHash, KeyObject } from 'node:crypto';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { EcdsaBackend } from '@ebok/forms-core/pki';
import {
  type CryptoBatch,
  type CryptoResults,
  type CryptoWorkerData,
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

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer;
/** `crypto.hash` (Node 20.12 and later): one call, where a Hash object costs about half as much again. */
const oneShot = (crypto as { hash?: OneShotHash }).hash;

/** SHA-256 with node:crypto: microseconds, where a WebCrypto digest costs tens of them on Node. */
export const nodeSha256 = oneShot
  ? (bytes: Uint8Array): Uint8Array => oneShot('sha256', bytes, 'buffer')
  : (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();

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

/** The jobs of one kind gathered for the next batch. */
interface Lane {
  queued: Waiting[];
  // The bytes of the batch, copied as they are asked for (they are the caller's), then moved to
  // the worker in one piece.
  bytes: Uint8Array;
  used: number;
}

interface Thread {
  readonly worker: Worker;
  /** Where signing jobs go and their answers come back: read by the worker between two checks. */
  readonly urgent: MessagePort;
  /** The keys sent on each port, by the number jobs name them with. */
  readonly keyIds: Map<Lane, WeakMap<KeyObject, number>>;
  readonly inFlight: Map<number, Waiting[]>;
  dead: boolean;
}

/**
 * ECDSA on a worker thread of its own, a batch per turn of the event loop: each signature
 * checked on libuv's pool costs the event loop a wake-up and, on a busy two-core machine, often
 * its core for as long as the check takes. Here the checks asked for in one turn go in one
 * message and come back in one; the worker runs at a lower priority than the event loop. Should
 * the worker die, what it held is refused and a new one takes the next batches.
 *
 * Signing goes first. A receipt is signed while the register's writer waits for it, with every
 * submission of the next batch waiting behind it; a check holds up its own request only. So
 * signing jobs travel on a port of their own, which the worker reads between two checks.
 */
export function workerEcdsa(script: URL = new URL('./crypto-worker.js', import.meta.url)): WorkerEcdsa {
  let nextBatch = 0;
  let nextKey = 0;
  const newLane = (): Lane => ({ queued: [], bytes: new Uint8Array(4096), used: 0 });
  const checks = newLane();
  const signing = newLane();
  let closed: Error | undefined;
  let thread: Thread | undefined;

  const start = (): Thread => {
    const { port1: urgent, port2 } = new MessageChannel();
    // It keeps only keys and the batch at hand: a small heap leaves the server's memory to it.
    const worker = new Worker(script, {
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
      workerData: { urgent: port2 } satisfies CryptoWorkerData,
      transferList: [port2],
    });
    const t: Thread = {
      worker,
      urgent,
      keyIds: new Map([
        [checks, new WeakMap()],
        [signing, new WeakMap()],
      ]),
      inFlight: new Map(),
      dead: false,
    };
    const die = (error: Error) => {
      if (t.dead) return;
      t.dead = true;
      urgent.close();
      for (const batch of t.inFlight.values()) for (const w of batch) w.reject(error);
      t.inFlight.clear();
      if (thread === t && !closed) thread = undefined; // the next batch starts another
    };
    const answered = ({ batch, first, last, outcomes, signatures, errors }: CryptoResults) => {
      const waiting = t.inFlight.get(batch)!;
      if (last) {
        t.inFlight.delete(batch);
        if (t.inFlight.size === 0) awaiting(t, false);
      }
      for (let i = 0; i < outcomes.length; i++) {
        const w = waiting[first + i]!;
        if (outcomes[i] === FAILED) w.reject(new Error(errors[i]));
        else if (w.op === SIGN) w.resolve(signatures.subarray(i * SIGNATURE_BYTES, (i + 1) * SIGNATURE_BYTES));
        else w.resolve(outcomes[i] === YES);
      }
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`the ECDSA worker stopped (${code})`)));
    worker.on('message', answered);
    urgent.on('message', answered);
    awaiting(t, false);
    return t;
  };
  /** The worker and its port keep the process alive only while answers are awaited. */
  const awaiting = (t: Thread, yes: boolean) => {
    if (yes) {
      t.worker.ref();
      t.urgent.ref();
    } else {
      t.worker.unref();
      t.urgent.unref();
    }
  };

  const flush = (lane: Lane) => {
    const waiting = lane.queued;
    const batchBytes = lane.bytes.subarray(0, lane.used);
    lane.queued = [];
    lane.bytes = new Uint8Array(Math.max(4096, lane.used));
    lane.used = 0;
    if (closed) return waiting.forEach((w) => w.reject(closed!));
    const t = (thread ??= start());
    const keyIds = t.keyIds.get(lane)!;
    const keys: Array<readonly [number, KeyObject]> = [];
    const jobs = new Int32Array(waiting.length * JOB_FIELDS);
    waiting.forEach((w, i) => {
      let key = keyIds.get(w.key);
      if (key === undefined) {
        keyIds.set(w.key, (key = nextKey++));
        keys.push([key, w.key]);
      }
      jobs.set([w.op, key, w.dataAt, w.dataLength, w.dataAt + w.dataLength, w.signatureLength], i * JOB_FIELDS);
    });
    const batch = nextBatch++;
    if (t.inFlight.size === 0) awaiting(t, true);
    t.inFlight.set(batch, waiting);
    const message = { batch, keys, jobs, bytes: batchBytes } satisfies CryptoBatch;
    const transfer = [jobs.buffer, batchBytes.buffer as ArrayBuffer];
    if (lane === signing) t.urgent.postMessage(message, transfer);
    else t.worker.postMessage(message, transfer);
  };
  const take = (lane: Lane, part: Uint8Array): void => {
    if (lane.used + part.length > lane.bytes.length) {
      const larger = new Uint8Array(Math.max(2 * lane.bytes.length, lane.used + part.length));
      larger.set(lane.bytes.subarray(0, lane.used));
      lane.bytes = larger;
    }
    lane.bytes.set(part, lane.used);
    lane.used += part.length;
  };
  const ask = (
    op: Waiting['op'],
    key: CryptoKey,
    data: Uint8Array,
    signature?: Uint8Array,
  ): Promise<Uint8Array | boolean> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(closed);
      const lane = op === SIGN ? signing : checks;
      if (lane.queued.length === 0) {
        // Checks: after the poll phase, so every request read in this turn of the event loop
        // joins the batch (a microtask would send one message for each request, each waking the
        // worker). Signing: the writer asks for a batch's receipts together, and waits for them.
        if (lane === signing) queueMicrotask(() => flush(signing));
        else setImmediate(() => flush(checks));
      }
      const dataAt = lane.used;
      take(lane, data);
      if (signature) take(lane, signature);
      lane.queued.push({
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
