/**
 * @module The platform capabilities the core uses; each adapter (Node, Workers) provides them: storage
 * (its ports, in ports.ts), attachment files, a clock and a logger.
 */

export type {
  ActivationRow,
  AttachmentRecord,
  CertificateRecord,
  DeadLetter,
  NewEntry,
  PkiStore,
  QueueMessage,
  QueueResult,
  QueueStore,
  Receipt,
  ReceiptMaker,
  RegisterEntry,
  RegisterOutcome,
  RegisterStore,
  RevokedCertificate,
  Storage,
  StoredDocument,
  SubmissionLookup,
} from './ports.js';

export interface Clock {
  now(): Date;
}

/** Attachment files, content-addressed by SHA-256 (hex). `put` resolves once the bytes are durable. */
export interface BlobStore {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Uint8Array | undefined>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The database cannot be reached, or is too busy to answer in time: nothing of the request was
 * written. The app answers 503 with Retry-After; a client tries again.
 */
export class StorageUnavailable extends Error {
  constructor(
    message: string,
    /** Seconds to wait before trying again. */
    readonly retryAfter = 2,
  ) {
    super(message);
    this.name = 'StorageUnavailable';
  }
}

/** How a filing was answered, as an operator counts it: a new entry, the first one again (a retry), refused (4xx), failed (5xx). */
export type SubmissionResult = 'registered' | 'repeated' | 'refused' | 'failed';

/**
 * What an operator's monitoring is told: every answer's status, and each filing's result and
 * time. The Node adapter keeps them (Prometheus, at GET /metrics); a Worker has none, as
 * Cloudflare's own analytics watch it. Called on every response, so cheap and synchronous.
 */
export interface Metrics {
  /** An answer went out with this status. */
  response(status: number): void;
  /** A filing (POST /v1/submissions) was answered, `seconds` after its request came in. */
  submission(result: SubmissionResult, seconds: number): void;
  /** Every metric in the Prometheus text format, read now (its database gauges at most a few seconds old). */
  exposition(): Promise<{ readonly contentType: string; readonly body: string }>;
}

/** The result a filing's answer stands for: only a new entry is 201; an entry found again is 200. */
export function submissionResult(status: number): SubmissionResult {
  if (status === 201) return 'registered';
  if (status < 400) return 'repeated';
  return status < 500 ? 'refused' : 'failed';
}
