/** @module Attempts counted per client address and from everyone in fixed windows, refused past either limit with 429 and Retry-After. */
import type { Context } from 'hono';
import type { AppDeps } from './deps.js';
import { Problem } from './problems.js';

/** Windows of attempts of every kind are at most a day long (config.ts): older ones are forgotten. */
export const ATTEMPT_WINDOWS_KEPT_MS = 86_400_000;

/** How many attempts a window allows per client address and from everyone, and how long it is. */
export interface AttemptLimits {
  readonly perAddress: number;
  readonly total: number;
  readonly windowSeconds: number;
}

/** The window a request falls in: refused if full, and where one more attempt is counted. */
export interface AttemptWindow {
  readonly now: Date;
  /** Counts one more attempt from this request's address (and from everyone). */
  record(): Promise<void>;
}

/**
 * Refuses the request (429, Retry-After) when its address or everyone has used up the window's
 * attempts; otherwise the window, to count an attempt in. Buckets are named `<prefix>address:<a>`
 * and `<prefix>all`, so that each kind of attempt is counted apart.
 */
export async function attemptWindow(
  c: Context,
  deps: Pick<AppDeps, 'clock' | 'storage' | 'clientAddress'>,
  limits: AttemptLimits,
  prefix = '',
): Promise<AttemptWindow> {
  const now = deps.clock.now();
  const windowMs = limits.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const buckets = [`${prefix}address:${deps.clientAddress?.(c) ?? 'unknown'}`, `${prefix}all`];
  const [fromAddress = 0, fromAll = 0] = await deps.storage.pki.failedAttempts(buckets, windowStart);
  if (fromAddress >= limits.perAddress || fromAll >= limits.total) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
    throw new Problem('too-many-attempts', undefined, { retryAfter }, { 'retry-after': String(retryAfter) });
  }
  return { now, record: () => deps.storage.pki.recordFailedAttempt(buckets, windowStart) };
}
