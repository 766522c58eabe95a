import { sha256, toHex } from './encoding.js';
import type { ResidentIdentity } from './names.js';

// Crockford's base32: no I, L, O or U, so a code read from paper is hard to mistype; those
// letters are read as the digits they look like.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };
const DATA_LENGTH = 12; // 60 random bits
const GROUP = 4;

/** Luhn mod 32 check character: catches every single-character error and every adjacent swap but 0↔Z. */
function checkCharacter(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    let addend = factor * ALPHABET.indexOf(data[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

const group = (s: string): string => s.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

export type ActivationCodeProblem = 'length' | 'characters' | 'check';

/**
 * Reads a code as typed: any case, spaces and dashes, O/I/L for 0/1. Returns the canonical
 * form, or what is wrong with it, before any request is sent.
 */
export function parseActivationCode(
  input: string,
): { ok: true; code: string } | { ok: false; problem: ActivationCodeProblem } {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[OIL]/g, (c) => LOOKALIKES[c]!);
  if (compact.length !== DATA_LENGTH + 1) return { ok: false, problem: 'length' };
  if ([...compact].some((c) => !ALPHABET.includes(c))) return { ok: false, problem: 'characters' };
  if (checkCharacter(compact.slice(0, DATA_LENGTH)) !== compact[DATA_LENGTH]) return { ok: false, problem: 'check' };
  return { ok: true, code: group(compact) };
}

/** What is stored for a code: never the code itself, only its hash. */
export interface ActivationRecord {
  readonly codeHash: string;
  readonly identity: ResidentIdentity;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * How long a code may wait to be used: long enough to get home and enrol, short enough that a
 * lost protocol is not a standing key to someone's identity.
 */
export const DEFAULT_ACTIVATION_HOURS = 72;

/** SHA-256 (hex) of a code in canonical form; 60 random bits need no slow hash. */
export async function hashActivationCode(code: string): Promise<string> {
  const parsed = parseActivationCode(code);
  if (!parsed.ok) throw new TypeError(`not an activation code (${parsed.problem})`);
  return toHex(await sha256(new TextEncoder().encode(parsed.code)));
}

/**
 * A new single-use activation code for a person a clerk has identified: the code to hand over
 * (e.g. `7K3M-Q9XD-2HNB-R`) and the record to store.
 */
export async function createActivationCode(
  identity: ResidentIdentity,
  options: { now?: Date; validHours?: number } = {},
): Promise<{ code: string; record: ActivationRecord }> {
  let compact: string;
  do {
    const random = crypto.getRandomValues(new Uint8Array(DATA_LENGTH));
    const data = Array.from(random, (b) => ALPHABET[b & 31]).join('');
    compact = data + checkCharacter(data);
    // Luhn mod 32 misses exactly one kind of adjacent swap: 0 with Z (values 0 and 31), as
    // mod 10 misses 09/90. Codes with that pair side by side are not issued, so every adjacent
    // swap in an issued code is caught.
  } while (/0Z|Z0/.test(compact));
  const code = group(compact);
  const createdAt = options.now ?? new Date();
  const expiresAt = new Date(createdAt.getTime() + (options.validHours ?? DEFAULT_ACTIVATION_HOURS) * 3_600_000);
  return { code, record: { codeHash: await hashActivationCode(code), identity, createdAt, expiresAt } };
}

export type ConsumeResult =
  { readonly status: 'ok'; readonly record: ActivationRecord } | { readonly status: 'unknown' | 'expired' | 'used' };

/**
 * Where activation records live (SQLite or D1 on the server). `consume` must be atomic: of two
 * concurrent calls with the same hash, at most one gets `ok`.
 */
export interface ActivationStore {
  insert(record: ActivationRecord): Promise<void>;
  consume(codeHash: string, now: Date): Promise<ConsumeResult>;
}

/** An in-process store: for development, tests and single-process tools. */
export class MemoryActivationStore implements ActivationStore {
  private readonly records = new Map<string, { record: ActivationRecord; used: boolean }>();
  async insert(record: ActivationRecord): Promise<void> {
    if (this.records.has(record.codeHash)) throw new Error('duplicate activation code');
    this.records.set(record.codeHash, { record, used: false });
  }
  async consume(codeHash: string, now: Date): Promise<ConsumeResult> {
    const entry = this.records.get(codeHash);
    if (!entry) return { status: 'unknown' };
    if (entry.used) return { status: 'used' };
    if (now > entry.record.expiresAt) return { status: 'expired' };
    entry.used = true;
    return { status: 'ok', record: entry.record };
  }
}
