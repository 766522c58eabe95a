/** The platform capabilities the core uses; each adapter (Node, Workers) provides them. */

/** The signed receipt (UPO): the receipt's exact signed bytes and the DER CMS over them. */
export interface Receipt {
  readonly document: string;
  readonly signature: Uint8Array;
}

export interface Clock {
  now(): Date;
}

/** Attachment files, content-addressed by SHA-256 (hex). `put` resolves once the bytes are durable. */
export interface BlobStore {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Uint8Array | undefined>;
}

export interface AttachmentRecord {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** What the core asks the register to record. */
export interface NewEntry {
  readonly channel: string;
  readonly procedure?: { readonly id: string; readonly version: string };
  readonly department: string;
  readonly subject: string;
  readonly sender: unknown;
  readonly senderReference?: string;
  readonly documentDate?: string;
  readonly documentSha256?: string;
  readonly idempotencyKey?: string;
  /** A signed document's nonce (with its documentSha256): what keeps the document to one entry. */
  readonly nonce?: string;
  readonly document: { readonly mediaType: string; readonly bytes: Uint8Array };
  readonly signature?: Uint8Array;
  readonly attachments: readonly AttachmentRecord[];
  readonly notes?: string;
}

/** An entry as it stands in the register. */
export interface RegisterEntry {
  readonly registryNumber: string;
  readonly year: number;
  readonly sequence: number;
  readonly receivedAt: string;
  readonly channel: string;
  readonly procedure: { readonly id: string; readonly version: string } | null;
  readonly department: string;
  readonly subject: string;
  readonly sender: unknown;
  readonly senderReference: string | null;
  readonly documentDate: string | null;
  readonly documentSha256: string | null;
  readonly attachmentCount: number;
  readonly notes: string | null;
}

export type ReceiptMaker = (entry: RegisterEntry) => Promise<Receipt>;

export type RegisterOutcome =
  | { readonly status: 'created' | 'existing'; readonly entry: RegisterEntry; readonly receipt: Receipt }
  | { readonly status: 'replay' | 'idempotency-conflict' };

export interface StoredDocument {
  readonly entry: RegisterEntry;
  readonly mediaType: string;
  readonly document: Uint8Array;
  readonly signature: Uint8Array | null;
  readonly receipt: Receipt;
  readonly attachments: readonly AttachmentRecord[];
}

export interface QueueMessage {
  readonly id: number;
  readonly leaseId: string;
  readonly department: string;
  readonly registryNumber: string;
  readonly enqueuedAt: string;
  readonly deliveries: number;
  readonly leaseExpiresAt: string;
}

export type QueueResult = 'ok' | 'not-found' | 'lease-lost';

export interface CertificateRecord {
  readonly serial: string;
  readonly pesel: string | null;
  /** The semantics identifier the certificate names its holder by (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …). */
  readonly identifier: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly der: Uint8Array;
  readonly issuedAt: string;
}

export interface ActivationRow {
  readonly codeHash: string;
  readonly givenNames: string;
  readonly surname: string;
  /** The semantics identifier of the person the clerk checked. */
  readonly identifier: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** An enrolment as both databases keep it (migrations/0004). */
export interface EnrolmentRow {
  readonly code_hash: string;
  readonly given_names: string;
  readonly surname: string;
  readonly identifier: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly used_at: string | null;
}

export const activationOf = (row: EnrolmentRow): ActivationRow & { readonly usedAt: string | null } => ({
  codeHash: row.code_hash,
  givenNames: row.given_names,
  surname: row.surname,
  identifier: row.identifier,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

export interface RevokedCertificate {
  readonly serial: string;
  readonly revokedAt: string;
  readonly reason: string;
}

/** The register, documents, queues, enrolments and certificates. */
export interface Storage {
  /**
   * Registers a document exactly once, in one transaction with its attachments records, its
   * receipt and its department queue message. The same idempotency key or document (its nonce
   * with the same hash) returns the first entry ('existing'); a nonce seen with another document
   * is a 'replay'.
   */
  register(entry: NewEntry, makeReceipt: ReceiptMaker): Promise<RegisterOutcome>;
  /** What the register already knows of a submission, before anything is written for it. */
  lookup(
    documentSha256: string,
    idempotencyKey: string | undefined,
    nonce: string,
  ): Promise<{ status: 'new' | 'replay' | 'idempotency-conflict' } | { status: 'existing'; stored: StoredDocument }>;
  getDocument(registryNumber: string): Promise<StoredDocument | undefined>;
  listRegister(query: { year: number; after: number; limit: number }): Promise<RegisterEntry[]>;

  lease(department: string, max: number, visibilitySeconds: number, now: Date): Promise<QueueMessage[]>;
  ack(department: string, id: number, leaseId: string, now: Date): Promise<QueueResult>;
  nack(
    department: string,
    id: number,
    leaseId: string,
    now: Date,
    delaySeconds: number,
    maxDeliveries: number,
  ): Promise<QueueResult>;
  /** Messages that used up their deliveries. */
  deadLetters(department: string): Promise<Array<{ id: number; registryNumber: string; deliveries: number }>>;

  insertActivation(record: ActivationRow): Promise<void>;
  /** What is stored for a code; nothing is changed. */
  getActivation(codeHash: string): Promise<(ActivationRow & { readonly usedAt: string | null }) | undefined>;
  /**
   * Uses the code and records the certificate issued with it, in one step: of concurrent calls
   * for one code, one at most gets true, and a code is used up only by a certificate issued.
   * False when the code is unknown, used or expired at `now` (the caller reads which).
   */
  consumeActivation(codeHash: string, now: Date, certificate: CertificateRecord): Promise<boolean>;
  /** Failed activation attempts in the current window of each bucket (e.g. `address:…`, `all`). */
  failedAttempts(buckets: readonly string[], windowStart: number): Promise<number[]>;
  recordFailedAttempt(buckets: readonly string[], windowStart: number): Promise<void>;
  revokeCertificate(serial: string, reason: string, now: Date): Promise<'ok' | 'not-found' | 'already-revoked'>;
  isRevoked(serial: string): Promise<boolean>;
  revokedCertificates(): Promise<RevokedCertificate[]>;
  nextCrlNumber(): Promise<number>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
