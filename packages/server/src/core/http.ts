import type { Context } from 'hono';
import { toBase64 } from '@ebok/forms-core/pki';
import type { AppDeps } from './deps.js';
import type { RegisterEntry } from './platform.js';
import { Problem } from './problems.js';
import type { Receipt } from './receipt.js';
import type { HeaderRecord } from './respond.js';
import type { TrustAnchor } from '@ebok/forms-core/signing';

export type AppEnv = {
  Variables: {
    requestId: string;
    roles: readonly string[];
    registryNumber?: string;
    /** The headers every response to the request carries (see respond.ts). */
    headers: HeaderRecord;
  };
};

/** What every group of routes needs: the platform, and a few things made once per app. */
export interface RouteContext {
  readonly deps: AppDeps;
  readonly readBody: (c: Context, maxBytes: number) => Promise<Uint8Array>;
  /** Reads a JSON object body: media type, bytes counted to the limit as they come, nesting, then parsing. */
  readonly readJson: (c: Context) => Promise<Record<string, unknown>>;
  readonly receiptFor: (entry: RegisterEntry) => Promise<Receipt>;
  readonly trustAnchors: readonly TrustAnchor[];
}

export const str = (body: Record<string, unknown>, key: string, max = 200): string => {
  const v = body[key];
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    throw new Problem('bad-request', `"${key}" must be a non-empty string of at most ${max} characters`);
  return v.trim();
};

/** A whole number from `min` to `max` in a JSON body, or `fallback` when it is not given. */
export const int = (body: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number => {
  const v = body[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new Problem('bad-request', `"${key}" must be a whole number from ${min} to ${max}`);
  return v;
};

export function receiptBody(entry: RegisterEntry, receipt: Receipt) {
  return {
    registryNumber: entry.registryNumber,
    receivedAt: entry.receivedAt,
    procedure: entry.procedure,
    department: entry.department,
    documentSha256: entry.documentSha256,
    receipt: { document: receipt.document, signature: toBase64(receipt.signature) },
  };
}

export function entryBody(e: RegisterEntry) {
  return {
    registryNumber: e.registryNumber,
    year: e.year,
    sequence: e.sequence,
    receivedAt: e.receivedAt,
    channel: e.channel,
    procedure: e.procedure,
    department: e.department,
    subject: e.subject,
    sender: e.sender,
    senderReference: e.senderReference,
    documentDate: e.documentDate,
    documentSha256: e.documentSha256,
    attachmentCount: e.attachmentCount,
    notes: e.notes,
  };
}

/** The intake server's HTTP API v1, on Web APIs only; adapters supply the platform. */
