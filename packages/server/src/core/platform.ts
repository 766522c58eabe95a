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
