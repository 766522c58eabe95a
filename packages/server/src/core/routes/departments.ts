/** @module The departments' routes: the register, the queue's leases, acks and dead letters, and the documents. */
import {
  schemas,
  type DeadLetters,
  type DepartmentDocument,
  type Lease,
  type QueueOutcome,
  type RegisterPage,
} from '@ebok/schemas/api';
import { type Context, Hono } from 'hono';
import { Problem } from '../problems.js';
import { createMiddleware } from 'hono/factory';
import { type AppEnv, entryBody, holderOf, queryInt, registryIdentifier, type RouteContext } from '../http.js';
import { officeDay, officeDayStart } from '../cases.js';
import { type Config, formatRegistryNumber } from '../config.js';
import { addDays, deadline, deadlineState, procedurePeriod, type Period } from '../deadlines.js';
import type { FoundEntry, ItemStatus, RegisterSearchQuery } from '../ports.js';
import { questionKeys } from '../search-keys.js';
import { json } from '../respond.js';
import { toArrayBuffer, toBase64 } from '@ebok/forms-core/pki';
import { allow, requireRole } from '../auth.js';
import type { QueueResult, StoredDocument } from '../platform.js';
import { jsonBody } from '../validate.js';
import { signatureVerdict } from '../signature-verdict.js';

/** The files a browser shows itself, inline in the console (TIFF and others are downloaded). */
const INLINE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);
/** An attachment shown inline runs in a sandbox of its own: no scripts, no same-origin access. */
export const INLINE_CSP =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

// What a body that leaves a member out means, as its schema says.
const DEFAULT_MAX = schemas.LeaseRequest.properties.max.default;
const DEFAULT_DELAY = schemas.NackRequest.properties.delaySeconds.default;

/** The answer to an ack or a nack. */
function settled(c: Context<AppEnv>, id: number, result: QueueResult, status: 'acknowledged' | 'released'): Response {
  if (result === 'not-found') throw new Problem('not-found');
  if (result === 'lease-lost') throw new Problem('lease-lost');
  return json(c, { id, status } satisfies QueueOutcome);
}

/** The parameters that make GET /v1/register a search (newest first, with a cursor) rather than a year's list. */
const SEARCH_PARAMETERS = ['q', 'department', 'channel', 'status', 'from', 'to', 'cursor'] as const;
const STATUSES: ReadonlySet<string> = new Set(schemas.RegisterEntry.properties.status.enum);
/** Entries one search answer reads at most, whatever its filters: a page may be short, with a cursor to go on. */
const SEARCH_BUDGET = 2000;

/** A register number in `q`, as the office writes it or as its slash-free identifier. */
export function registryNumberIn(q: string, format: string): string | undefined {
  const pattern = (f: string) =>
    new RegExp(
      `^${f
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace('\\{seq\\}', '(?<seq>\\d{1,9})')
        .replace('\\{year\\}', '(?<year>\\d{4})')
        .replace('\\{channel\\}', '(?<channel>[A-Za-z0-9_-]{1,32})')}$`,
    );
  for (const f of [format, registryIdentifier(format)]) {
    const m = pattern(f).exec(q.trim())?.groups;
    if (m) return formatRegistryNumber(format, Number(m['year']), Number(m['seq']), m['channel'] ?? '');
  }
  return undefined;
}

/** A search's question from the query string, each part checked. */
function searchQuery(c: Context<AppEnv>, config: Config): RegisterSearchQuery {
  const text = (name: string, pattern: RegExp, says: string): string | undefined => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return undefined;
    if (!pattern.test(raw)) throw new Problem('bad-request', `"${name}" ${says}`);
    return raw;
  };
  const day = (name: string): string | undefined =>
    text(name, /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'is a date, YYYY-MM-DD');
  const from = day('from');
  const to = day('to');
  const status = text('status', /^[a-z-]{1,32}$/, 'is a status');
  if (status !== undefined && !STATUSES.has(status))
    throw new Problem('bad-request', `"status" is one of ${[...STATUSES].join(', ')}`);
  const cursor = text('cursor', /^\d{4}\.\d{1,15}$/, 'is the "next" of the page before');
  const limit = queryInt(c, 'limit', 50, 1, 200);
  // A register number (or its identifier) is that entry; anything else is a PESEL, a name or a sender's reference.
  const q = c.req.query('q')?.trim();
  let registryNumber: string | undefined;
  let keys: string[][] | undefined;
  if (q) {
    if (q.length > 64) throw new Problem('bad-request', '"q" is at most 64 characters');
    registryNumber = registryNumberIn(q, config.registryFormat);
    if (!registryNumber) keys = questionKeys(q);
  }
  const [year, seq] = cursor ? cursor.split('.').map(Number) : [];
  return {
    ...(registryNumber !== undefined && { registryNumber }),
    ...(keys !== undefined && { keys }),
    ...(text('department', /^[A-Z][A-Z0-9]{0,9}$/, 'is a department code') !== undefined && {
      heldBy: c.req.query('department')!,
    }),
    ...(text('channel', /^(web|chancellery:[A-Za-z0-9_-]{1,32})$/, 'is web or chancellery:<id>') !== undefined && {
      channel: c.req.query('channel')!,
    }),
    ...(status !== undefined && { status: status as ItemStatus }),
    ...(from !== undefined && { from: officeDayStart(from, config.timeZone).toISOString() }),
    ...(to !== undefined && { to: officeDayStart(addDays(to, 1), config.timeZone).toISOString() }),
    ...(cursor !== undefined && { before: { year: year!, seq: seq! } }),
    limit,
    budget: SEARCH_BUDGET,
  };
}

/**
 * An item's deadline while it is in no case (a case keeps its own): the one its first assignment
 * set, else the procedure's own period, else art. 35 KPA's month, counted from the day the office
 * received it; and how close it is.
 */
function itemDeadline(
  f: FoundEntry,
  deps: RouteContext['deps'],
  today: string,
): { dueOn: string; deadlineState: 'in-time' | 'due-soon' | 'overdue' } | undefined {
  if (f.caseNumber) return undefined;
  const p = f.entry.procedure;
  const procedure = p ? deps.procedures.find(p.id, p.version) : undefined;
  const dueOn =
    f.firstDeadline ??
    deadline(
      officeDay(new Date(f.entry.receivedAt), deps.config.timeZone),
      procedurePeriod(procedure?.deadline as Period | undefined),
    );
  return { dueOn, deadlineState: deadlineState(dueOn, today) };
}

/** The register for staff, and each department's queue and documents. */
export function departmentRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { config, storage, blobs, clock } = deps;
  app.get('/v1/register', async (c) => {
    const roles = c.get('roles');
    const now = clock.now();
    const search = SEARCH_PARAMETERS.some((p) => c.req.query(p) !== undefined);
    if (search) {
      // The chancellery and administrators search the whole register; a department, what it holds.
      const department = c.req.query('department');
      if (!roles.includes('chancellery') && !roles.includes('admin'))
        requireRole(roles, ...(department ? [`department:${department}`] : []));
      const page = await storage.search.search(searchQuery(c, config));
      if (page === 'too-many')
        throw new Problem(
          'bad-request',
          '"q" finds too many entries to list: add a word of the name, or look for the PESEL or the register number',
        );
      const today = officeDay(now, config.timeZone);
      return json(c, {
        entries: page.found.map((f) => ({
          ...entryBody(f.entry),
          heldBy: f.heldBy,
          status: f.status,
          caseNumber: f.caseNumber,
          ...itemDeadline(f, deps, today),
        })),
        ...(page.next && { next: `${page.next.year}.${page.next.seq}` }),
      } satisfies RegisterPage);
    }
    requireRole(roles, 'chancellery', 'admin');
    const flag = (name: string): boolean => {
      const raw = c.req.query(name);
      if (raw !== undefined && raw !== 'true' && raw !== 'false')
        throw new Problem('bad-request', `"${name}" is true or false`);
      return raw === 'true';
    };
    const entries = await storage.register.list({
      year: queryInt(
        c,
        'year',
        Number(new Intl.DateTimeFormat('en', { timeZone: config.timeZone, year: 'numeric' }).format(now)),
        2000,
        2200,
      ),
      after: queryInt(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: queryInt(c, 'limit', 1000, 1, 10000),
      notFullyScanned: flag('notFullyScanned'),
    });
    return json(c, { entries: entries.map(entryBody) } satisfies RegisterPage);
  });

  const departmentRoute = (c: Context<AppEnv>): string => {
    const code = c.req.param('code') ?? '';
    requireRole(c.get('roles'), `department:${code}`);
    return code;
  };

  // The role first, then (for a message) its id: neither reads the body, which is checked next.
  const department = allow((c) => `department:${c.req.param('code') ?? ''}`);
  const messageId = (c: Context<AppEnv>): number => Number(c.req.param('id'));
  const knownMessage = createMiddleware<AppEnv>(async (c, next) => {
    const id = messageId(c);
    if (!Number.isSafeInteger(id) || id < 1) throw new Problem('not-found');
    await next();
  });

  app.post('/v1/departments/:code/queue/lease', department, jsonBody('LeaseRequest', ctx.readJson), async (c) => {
    const code = c.req.param('code');
    const { max = DEFAULT_MAX, visibilitySeconds = config.defaultVisibilitySeconds } = c.req.valid('json');
    const messages = await storage.queues.lease(code, max, visibilitySeconds, clock.now());
    return json(c, {
      messages: messages.map((m) => ({
        ...m,
        documentUrl: `/v1/departments/${code}/documents/${encodeURIComponent(m.registryNumber)}`,
      })),
    } satisfies Lease);
  });

  app.post(
    '/v1/departments/:code/queue/:id/ack',
    department,
    knownMessage,
    jsonBody('AckRequest', ctx.readJson),
    async (c) => {
      const id = messageId(c);
      const result = await storage.queues.ack(c.req.param('code'), id, c.req.valid('json').leaseId.trim(), clock.now());
      return settled(c, id, result, 'acknowledged');
    },
  );
  app.post(
    '/v1/departments/:code/queue/:id/nack',
    department,
    knownMessage,
    jsonBody('NackRequest', ctx.readJson),
    async (c) => {
      const id = messageId(c);
      const { leaseId, delaySeconds = DEFAULT_DELAY } = c.req.valid('json');
      const result = await storage.queues.nack(
        c.req.param('code'),
        id,
        leaseId.trim(),
        clock.now(),
        delaySeconds,
        config.maxDeliveries,
      );
      return settled(c, id, result, 'released');
    },
  );

  app.get('/v1/departments/:code/dead-letters', async (c) =>
    json(c, { messages: await storage.queues.deadLetters(departmentRoute(c)) } satisfies DeadLetters),
  );

  /** The signers the register recorded where several people signed (none otherwise). */
  const cosigners = (stored: StoredDocument): ReadonlyArray<{ pointer: string; signedFileSha256: string }> => {
    const signers = (stored.entry.verification as { signers?: unknown } | null)?.signers;
    return Array.isArray(signers) ? (signers as Array<{ pointer: string; signedFileSha256: string }>) : [];
  };
  const departmentDocument = async (c: Context<AppEnv>): Promise<StoredDocument> => {
    const code = departmentRoute(c);
    const stored = await storage.register.getDocument(c.req.param('registryNumber') ?? '');
    // The department that holds the item now (a forwarded item has left the one it was registered for).
    if (!stored || (await holderOf(deps, stored.entry)) !== code) throw new Problem('not-found');
    return stored;
  };
  app.get('/v1/departments/:code/documents/:registryNumber', async (c) => {
    const stored = await departmentDocument(c);
    return json(c, {
      entry: entryBody(stored.entry),
      mediaType: stored.mediaType,
      document: new TextDecoder().decode(stored.document),
      signature: stored.signature ? toBase64(stored.signature) : null,
      attachments: stored.attachments.map((a) => ({
        ...a,
        url: `/v1/departments/${c.req.param('code')}/documents/${encodeURIComponent(stored.entry.registryNumber)}/attachments/${a.name}`,
      })),
      ...(cosigners(stored).length > 0 && {
        signedFiles: cosigners(stored).map((s, i) => ({
          pointer: s.pointer,
          sha256: s.signedFileSha256,
          url: `/v1/departments/${c.req.param('code')}/documents/${encodeURIComponent(stored.entry.registryNumber)}/signed-files/${i}`,
        })),
      }),
      receipt: { document: stored.receipt.document, signature: toBase64(stored.receipt.signature) },
      verdict: signatureVerdict(stored, deps.ca.certificate.subject),
    } satisfies DepartmentDocument);
  });
  // Where several people signed, the file each of them signed, kept beside the attachments.
  app.get('/v1/departments/:code/documents/:registryNumber/signed-files/:index', async (c) => {
    const stored = await departmentDocument(c);
    const index = c.req.param('index');
    const signer = /^(0|[1-9][0-9]?)$/.test(index) ? cosigners(stored)[Number(index)] : undefined;
    if (!signer) throw new Problem('not-found');
    const bytes = await blobs.get(signer.signedFileSha256);
    if (!bytes) throw new Error(`signed file ${signer.signedFileSha256} of ${stored.entry.registryNumber} is missing`);
    return c.body(toArrayBuffer(bytes), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="signed-file-${index}"`,
    });
  });
  app.get('/v1/departments/:code/documents/:registryNumber/attachments/:name', async (c) => {
    const view = c.req.query('view');
    if (view !== undefined && view !== 'inline' && view !== 'download')
      throw new Problem('bad-request', '"view" is inline or download');
    const stored = await departmentDocument(c);
    const a = stored.attachments.find((x) => x.name === c.req.param('name'));
    if (!a) throw new Problem('not-found');
    if (view === 'inline' && !INLINE_TYPES.has(a.mediaType))
      throw new Problem('bad-request', 'only PDF, JPEG and PNG files are shown inline: download the others');
    const bytes = await blobs.get(a.sha256);
    if (!bytes) throw new Error(`attachment ${a.sha256} of ${stored.entry.registryNumber} is missing from storage`);
    if (view === 'inline')
      // Shown in the console's page (an image, a PDF in a frame): sandboxed, never sniffed, framed only by this origin.
      return c.body(toArrayBuffer(bytes), 200, {
        'content-type': a.mediaType,
        'content-disposition': `inline; filename="${a.name}"`,
        'content-security-policy': INLINE_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    return c.body(toArrayBuffer(bytes), 200, {
      'content-type': a.mediaType,
      'content-disposition': `attachment; filename="${a.name}"`,
    });
  });
  return app;
}
