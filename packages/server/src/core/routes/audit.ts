/** @module The audit log's routes, for administrators: its records, and the whole chain checked. */
import { Hono } from 'hono';
import type { AuditPage, AuditVerification } from '@ebok/schemas/api';
import { verifyAudit } from '../audit.js';
import { allow } from '../auth.js';
import { queryInt, type AppEnv, type RouteContext } from '../http.js';
import { json } from '../respond.js';

/** GET /v1/audit (?after= in number order, or ?before= newest first) and GET /v1/audit/verification (admin). */
export function auditRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage } = ctx.deps;
  app.get('/v1/audit', allow('admin'), async (c) => {
    // With `before`, the page below that number, newest first (the console reads the log that way).
    const before =
      c.req.query('before') === undefined ? undefined : queryInt(c, 'before', 0, 1, Number.MAX_SAFE_INTEGER);
    const records = await storage.audit.list({
      after: queryInt(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: queryInt(c, 'limit', 100, 1, 1000),
      ...(before !== undefined && { before }),
    });
    return json(c, { records } satisfies AuditPage);
  });
  // Read a page at a time: the log's length changes the time this takes, never the memory.
  app.get('/v1/audit/verification', allow('admin'), async (c) =>
    json(c, (await verifyAudit(storage.audit)) satisfies AuditVerification),
  );
  return app;
}
