import { type Context, Hono } from 'hono';
import { Problem } from '../problems.js';
import { type AppEnv, entryBody, int, type RouteContext, str } from '../http.js';
import { json } from '../respond.js';
import { toArrayBuffer, toBase64 } from '@ebok/forms-core/pki';
import { requireRole } from '../auth.js';
import type { StoredDocument } from '../platform.js';

/** The longest a lease or a release's delay may be: twelve hours (the API description says the same). */
export const MAX_LEASE_SECONDS = 43200;

/** The register for staff, and each department's queue and documents. */
export function departmentRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { config, storage, blobs, clock } = deps;
  app.get('/v1/register', async (c) => {
    requireRole(c.get('roles'), 'registrar', 'admin');
    const now = clock.now();
    const queryInt = (name: string, fallback: number, min: number, max: number): number => {
      const raw = c.req.query(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Problem('bad-request', `"${name}" must be a whole number from ${min} to ${max}`);
      return n;
    };
    const entries = await storage.listRegister({
      year: queryInt(
        'year',
        Number(new Intl.DateTimeFormat('en', { timeZone: config.timeZone, year: 'numeric' }).format(now)),
        2000,
        2200,
      ),
      after: queryInt('after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: queryInt('limit', 1000, 1, 10000),
    });
    return json(c, { entries: entries.map(entryBody) });
  });

  const departmentRoute = (c: Context<AppEnv>): string => {
    const code = c.req.param('code') ?? '';
    requireRole(c.get('roles'), `department:${code}`);
    return code;
  };

  app.post('/v1/departments/:code/queue/lease', async (c) => {
    const code = departmentRoute(c);
    const body = await ctx.readJson(c);
    const max = int(body, 'max', 10, 1, 100);
    const visibility = int(body, 'visibilitySeconds', config.defaultVisibilitySeconds, 1, MAX_LEASE_SECONDS);
    const messages = await storage.lease(code, max, visibility, clock.now());
    return json(c, {
      messages: messages.map((m) => ({
        ...m,
        documentUrl: `/v1/departments/${code}/documents/${encodeURIComponent(m.registryNumber)}`,
      })),
    });
  });

  for (const action of ['ack', 'nack'] as const) {
    app.post(`/v1/departments/:code/queue/:id/${action}`, async (c) => {
      const code = departmentRoute(c);
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || id < 1) throw new Problem('not-found');
      const body = await ctx.readJson(c);
      const leaseId = str(body, 'leaseId', 64);
      const delay = int(body, 'delaySeconds', 0, 0, MAX_LEASE_SECONDS);
      const result =
        action === 'ack'
          ? await storage.ack(code, id, leaseId, clock.now())
          : await storage.nack(code, id, leaseId, clock.now(), delay, config.maxDeliveries);
      if (result === 'not-found') throw new Problem('not-found');
      if (result === 'lease-lost') throw new Problem('lease-lost');
      return json(c, { id, status: action === 'ack' ? 'acknowledged' : 'released' });
    });
  }

  app.get('/v1/departments/:code/dead-letters', async (c) =>
    json(c, { messages: await storage.deadLetters(departmentRoute(c)) }),
  );

  const departmentDocument = async (c: Context<AppEnv>): Promise<StoredDocument> => {
    const code = departmentRoute(c);
    const stored = await storage.getDocument(c.req.param('registryNumber') ?? '');
    if (!stored || stored.entry.department !== code) throw new Problem('not-found');
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
        url: `/v1/departments/${stored.entry.department}/documents/${encodeURIComponent(stored.entry.registryNumber)}/attachments/${a.name}`,
      })),
      receipt: { document: stored.receipt.document, signature: toBase64(stored.receipt.signature) },
    });
  });
  app.get('/v1/departments/:code/documents/:registryNumber/attachments/:name', async (c) => {
    const stored = await departmentDocument(c);
    const a = stored.attachments.find((x) => x.name === c.req.param('name'));
    if (!a) throw new Problem('not-found');
    const bytes = await blobs.get(a.sha256);
    if (!bytes) throw new Error(`attachment ${a.sha256} of ${stored.entry.registryNumber} is missing from storage`);
    return c.body(toArrayBuffer(bytes), 200, {
      'content-type': a.mediaType,
      'content-disposition': `attachment; filename="${a.name}"`,
    });
  });
  return app;
}
