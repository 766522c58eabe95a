/** @module What every route group shares: the app's variables, the route context and the bodies of receipts and register entries. */
import type { Context } from 'hono';
import { toBase64 } from '@ebok/forms-core/pki';
import type { RegisterEntry as RegisterEntryBody, SubmissionReceipt } from '@ebok/schemas/api';
import { appendAudit } from './audit.js';
import { Problem } from './problems.js';
import type { AppDeps } from './deps.js';
import type { AuditInput, AuditRecord, StaffSession } from './ports.js';
import type { RegisterEntry } from './platform.js';
import type { Receipt } from './receipt.js';
import type { HeaderRecord } from './respond.js';
import type { TrustAnchor } from '@ebok/forms-core/signing';

export type AppEnv = {
  Variables: {
    requestId: string;
    /** When the request came in (performance.now()). */
    started: number;
    roles: readonly string[];
    /** Who the audit log names for the request's actions (see auth.ts). */
    actor: string;
    /** The staff session the request came with, if it came with one (see sessions.ts). */
    session?: StaffSession;
    registryNumber?: string;
    /** The headers every response to the request carries (see respond.ts). */
    headers: HeaderRecord;
  };
};

/** A whole number from the query string, `fallback` when absent; anything else out of [min, max] is a 400 naming it. */
/** Work that goes on after the answer: the request's waitUntil on Workers; undefined on Node, where nothing ends it. */
export function keepAliveOf(c: Context): ((work: Promise<unknown>) => void) | undefined {
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    return undefined; // Hono's Node server gives no execution context
  }
  return (work) => ctx!.waitUntil(work);
}

export function queryInt(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new Problem('bad-request', `"${name}" must be a whole number from ${min} to ${max}`);
  return n;
}

/** Appends a staff action to the audit log, in the request's actor's name. */
export function audit(c: Context<AppEnv>, deps: AppDeps, input: Omit<AuditInput, 'actor'>): Promise<AuditRecord> {
  return appendAudit(deps.storage.audit, { actor: c.get('actor'), ...input }, deps.clock.now());
}

/** The department that holds an item now: its last dispatch's, or the one it was registered for. */
export async function holderOf(deps: AppDeps, entry: RegisterEntry): Promise<string> {
  return (await deps.storage.dispatches.holder(entry.registryNumber)) ?? entry.department;
}

/** What every group of routes needs: the platform, and a few things made once per app. */
export interface RouteContext {
  readonly deps: AppDeps;
  readonly readBody: (c: Context, maxBytes: number) => Promise<Uint8Array>;
  /** Reads a JSON object body: media type, bytes counted to the limit as they come, nesting, then parsing. */
  readonly readJson: (c: Context) => Promise<Record<string, unknown>>;
  readonly receiptFor: (entry: RegisterEntry) => Promise<Receipt>;
  readonly trustAnchors: readonly TrustAnchor[];
}

/**
 * A body's generated type, read-only all the way down: what a handler sends may be data it must
 * not change (the catalogue), which the generated types, mutable, would not take as it is.
 */
export type Sent<T> =
  T extends ReadonlyArray<infer U>
    ? ReadonlyArray<Sent<U>>
    : T extends object
      ? { readonly [K in keyof T]: Sent<T[K]> }
      : T;

/** A register entry's receipt, as the API sends it. */
export function receiptBody(entry: RegisterEntry, receipt: Receipt): SubmissionReceipt {
  return {
    registryNumber: entry.registryNumber,
    receivedAt: entry.receivedAt,
    procedure: entry.procedure,
    department: entry.department,
    documentSha256: entry.documentSha256,
    receipt: { document: receipt.document, signature: toBase64(receipt.signature) },
  };
}

/** A register entry, as the API sends it. */
export function entryBody(e: RegisterEntry): RegisterEntryBody {
  return {
    registryNumber: e.registryNumber,
    year: e.year,
    sequence: e.sequence,
    receivedAt: e.receivedAt,
    channel: e.channel,
    procedure: e.procedure,
    department: e.department,
    subject: e.subject,
    sender: e.sender as RegisterEntryBody['sender'],
    senderReference: e.senderReference,
    documentDate: e.documentDate,
    documentSha256: e.documentSha256,
    attachmentCount: e.attachmentCount,
    notes: e.notes,
    signatureKind: e.signatureKind as RegisterEntryBody['signatureKind'],
    verification: e.verification as RegisterEntryBody['verification'],
    identifier: registryIdentifier(e.registryNumber),
    details: e.details as RegisterEntryBody['details'],
    notFullyScanned: e.notFullyScanned,
  };
}

/**
 * The registry number as an identifier without the characters the instrukcja kancelaryjna
 * forbids in one (/ \ * ? : = , ;), each replaced by a hyphen: RPW/12/2026 → RPW-12-2026.
 */
export const registryIdentifier = (registryNumber: string): string => registryNumber.replace(/[/\\*?:=,;]/g, '-');

/** The intake server's HTTP API v1, on Web APIs only; adapters supply the platform. */
