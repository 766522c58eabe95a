// The messages between the main thread and the ECDSA worker (see workerEcdsa in node-crypto.ts).
// A batch travels as two transferred buffers, whatever its size: its jobs as numbers and their
// bytes back to back; the answers come back the same way. Moving two buffers costs the same for
// one job or two hundred; cloning an object per job would not.
import type { KeyObject } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';

export const SIGN = 0;
export const VERIFY = 1;
/** Numbers per job in `CryptoBatch.jobs`: op, key, data offset and length, signature offset and length. */
export const JOB_FIELDS = 6;
/** An ECDSA P-256 signature as r‖s. */
export const SIGNATURE_BYTES = 64;

/** What became of a job: verified false, signed or verified true, or failed. */
export const NO = 0;
export const YES = 1;
export const FAILED = 2;

/** What the worker starts with: the port signing jobs come on (and their answers go back on). */
export interface CryptoWorkerData {
  readonly urgent: MessagePort;
}

export interface CryptoBatch {
  readonly batch: number;
  /** Keys not sent before, by the number jobs name them with. */
  readonly keys: ReadonlyArray<readonly [number, KeyObject]>;
  readonly jobs: Int32Array;
  readonly bytes: Uint8Array;
}

/** Jobs answered in one message: the first answers need not wait for the whole batch. */
export const JOBS_PER_ANSWER = 16;

export interface CryptoResults {
  readonly batch: number;
  /** The index of the first job these answers are for. */
  readonly first: number;
  /** Whether these are the batch's last answers. */
  readonly last: boolean;
  /** NO, YES or FAILED, per job. */
  readonly outcomes: Uint8Array;
  /** Each signing job's signature, at SIGNATURE_BYTES × its index. */
  readonly signatures: Uint8Array;
  /** Why a job failed, by its index. */
  readonly errors: Readonly<Record<number, string>>;
}
