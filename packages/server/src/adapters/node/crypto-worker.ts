// The ECDSA worker (see workerEcdsa in node-crypto.ts): signs and verifies the batches the main
// thread sends, synchronously, one batch a message. Signing jobs come on a port of their own and
// are taken between two checks of a batch of checks: the register's writer waits for them.
import { type KeyObject, sign, verify } from 'node:crypto';
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  type CryptoBatch,
  type CryptoResults,
  type CryptoWorkerData,
  FAILED,
  JOB_FIELDS,
  JOBS_PER_ANSWER,
  NO,
  SIGN,
  SIGNATURE_BYTES,
  YES,
} from './crypto-protocol.js';
import { belowTheEventLoop } from './thread-priority.js';

// Below the main thread: on a busy machine the scheduler should not stop the event loop to run a
// signature that can wait a moment on another core.
belowTheEventLoop();

const { urgent } = workerData as CryptoWorkerData;
const keys = new Map<number, KeyObject>();

/** Runs a batch and answers it on `port`; `between` runs before each job. */
function run({ batch, keys: added, jobs, bytes }: CryptoBatch, port: MessagePort, between?: () => void): void {
  for (const [id, key] of added) keys.set(id, key);
  const count = jobs.length / JOB_FIELDS;
  let first = 0;
  do {
    const n = Math.min(JOBS_PER_ANSWER, count - first);
    const outcomes = new Uint8Array(n);
    const signatures = new Uint8Array(n * SIGNATURE_BYTES);
    const errors: Record<number, string> = {};
    for (let i = 0; i < n; i++) {
      between?.();
      const at = (first + i) * JOB_FIELDS;
      try {
        const key = keys.get(jobs[at + 1]!);
        if (!key) throw new Error(`no key ${jobs[at + 1]}`);
        const data = bytes.subarray(jobs[at + 2], jobs[at + 2]! + jobs[at + 3]!);
        if (jobs[at] === SIGN) {
          const signature = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
          if (signature.length !== SIGNATURE_BYTES) throw new Error('not a P-256 key');
          signatures.set(signature, i * SIGNATURE_BYTES);
          outcomes[i] = YES;
        } else {
          const signature = bytes.subarray(jobs[at + 4], jobs[at + 4]! + jobs[at + 5]!);
          outcomes[i] = verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature) ? YES : NO;
        }
      } catch (e) {
        outcomes[i] = FAILED;
        errors[i] = e instanceof Error ? e.message : String(e);
      }
    }
    const last = first + n >= count;
    port.postMessage({ batch, first, last, outcomes, signatures, errors } satisfies CryptoResults, [
      outcomes.buffer,
      signatures.buffer,
    ]);
    first += n;
  } while (first < count);
}

/** The signing batches that have come while checks ran. */
function signingFirst(): void {
  for (let m = receiveMessageOnPort(urgent); m; m = receiveMessageOnPort(urgent)) run(m.message as CryptoBatch, urgent);
}

parentPort!.on('message', (batch: CryptoBatch) => run(batch, parentPort!, signingFirst));
urgent.on('message', (batch: CryptoBatch) => run(batch, urgent));
