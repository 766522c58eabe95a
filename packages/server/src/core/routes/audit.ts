/** @module The audit log's routes, for administrators: its records, and the whole chain checked. */
import { Hono } from 'hono';
import type { AuditPage, AuditVerification } from '@ebok/schemas/api';
import { verifyAudit } from '../audit.js';
import { allow } from '../auth.js';
import { type AppEnv, type RouteContext } from '../http.js';
import { json } from '../respond.js';
import { Problem } from '../problems.js';

/** GET /v1/audit and GET /v1/audit/verification (admin). */
export function auditRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage } = ctx.deps;
  app.get('/v1/audit', allow('admin'), async (c) => {
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = c.req.query(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
        throw new Problem('bad-request', `"${name}" must be a whole number from ${min} to ${max}`);
      return n;
    };
    const records = await storage.audit.list({
      after: int('after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: int('limit', 100, 1, 1000),
    });
    return json(c, { records } satisfies AuditPage);
  });
  // Read a page at a time: the log's length changes the time this takes, never the memory.
  app.get('/v1/audit/verification', allow('admin'), async (c) =>
    json(c, (await verifyAudit(storage.audit)) satisfies AuditVerification),
  );
  return app;
}
