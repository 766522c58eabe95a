/**
 * @module The register's decisions, made once for every storage backend: what a submission is to
 * it (new, a retry, a replay, a reused key) and how its entries are numbered.
 */
import { formatRegistryNumber, registerYear } from './config.js';
import type { Clock } from './platform.js';
import type { NewEntry, ReceiptMaker, RegisterOutcome, RegisterStore } from './ports.js';

/** What a submission is to the register; `row` is the entry that already holds it. */
export type Classification<R> =
  | { readonly status: 'new' }
  | { readonly status: 'existing'; readonly row: R }
  | { readonly status: 'replay' | 'idempotency-conflict' };

const NEW = { status: 'new' } as const;
const REPLAY = { status: 'replay' } as const;
const CONFLICT = { status: 'idempotency-conflict' } as const;

/**
 * What a submission is to the register, from the entries it already holds under the
 * submission's idempotency key and under its nonce (a signed document's own; both scoped to the
 * signer by the caller). The key is asked first, so a backend need not read the nonce's entry
 * when the key has one:
 * - an entry under the key with another document: the key is reused ('idempotency-conflict');
 * - an entry under the key, or else under the nonce, with this document: a retry, answered with
 *   that first entry ('existing'), never a second number;
 * - an entry under the nonce with another document: a 'replay';
 * - neither: 'new'.
 */
export function classifySubmission<R extends { readonly document_sha256: string | null }>(
  documentSha256: string | undefined,
  byKey: R | undefined,
  byNonce: R | undefined,
): Classification<R> {
  if (byKey) return byKey.document_sha256 === documentSha256 ? { status: 'existing', row: byKey } : CONFLICT;
  if (byNonce) return byNonce.document_sha256 === documentSha256 ? { status: 'existing', row: byNonce } : REPLAY;
  return NEW;
}

/** Stands for the sequence in a number template; SQL writes it `char(1)`. */
export const SEQUENCE_MARK = '\u0001';

/** How the register numbers its entries: gapless within a year of the office's time zone, in the configured format. */
export interface RegisterNumbering {
  /** The register year of an entry received at `now` (its sequence restarts every year). */
  yearOf(now: Date): number;
  /** The number of the `seq`th entry of `year`, received on `channel`. */
  number(year: number, seq: number, channel: string): string;
  /**
   * The number with its sequence left as SEQUENCE_MARK, for a database that counts inside its
   * INSERT (`replace(template, char(1), seq)`); `numberFrom` fills it in the same way.
   */
  template(year: number, channel: string): string;
}

export function registerNumbering(settings: {
  readonly registryFormat: string;
  readonly timeZone: string;
}): RegisterNumbering {
  const { registryFormat, timeZone } = settings;
  const withMark = registryFormat.replace('{seq}', SEQUENCE_MARK);
  return {
    yearOf: (now) => registerYear(now, timeZone),
    number: (year, seq, channel) => formatRegistryNumber(registryFormat, year, seq, channel),
    template: (year, channel) => formatRegistryNumber(withMark, year, 0, channel),
  };
}

/** The number a template gives the entry of sequence `seq`, as the SQL `replace` does. */
export const numberFrom = (template: string, seq: number): string => template.replace(SEQUENCE_MARK, String(seq));

/** How a register backend that commits in batches numbers and batches entries (SQLite, PostgreSQL). */
export interface BatchingRegisterOptions {
  readonly clock: Clock;
  readonly registryFormat: string;
  readonly timeZone: string;
  /** Most submissions committed together in one transaction. */
  readonly maxBatch?: number;
}

/** A register that commits in batches, and what a clean shutdown waits for. */
export interface BatchingRegister extends RegisterStore {
  /** Resolves when nothing is waiting to be written or made durable. */
  drained(): Promise<void>;
}

/** A submission waiting for its batch, and who is answered once the batch is durable. */
export interface PendingRegistration {
  readonly entry: NewEntry;
  readonly makeReceipt: ReceiptMaker;
  readonly resolve: (outcome: RegisterOutcome) => void;
  readonly reject: (error: unknown) => void;
}
