/** @module The audit log's routes, for administrators: its records, and the whole chain checked. */
import { Hono } from 'hono';
import type { AuditPage, AuditVerification } from '@ebok/schemas/api';
import { verifyAudit } from '../audit.js';
import { allow } from '../auth.js';
import { queryInt, type AppEnv, type RouteContext } from '../http.js';
import { json } from '../respond.js';

/** GET /v1/audit and GET /v1/audit/verification (admin). */
export function auditRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage } = ctx.deps;
  app.get('/v1/audit', allow('admin'), async (c) => {
    const records = await storage.audit.list({
      after: queryInt(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: queryInt(c, 'limit', 100, 1, 1000),
    });
    return json(c, { records } satisfies AuditPage);
  });
  // Read a page at a time: the log's length changes the time this takes, never the memory.
  app.get('/v1/audit/verification', allow('admin'), async (c) =>
    json(c, (await verifyAudit(storage.audit)) satisfies AuditVerification),
  );
  return app;
}
