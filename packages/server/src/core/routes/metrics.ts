/**
 * @module GET /metrics for operators' monitoring (Prometheus text format): to the `monitoring`
 * role, the scraper's and nothing else, and to `admin`. Where the adapter keeps no metrics (a
 * Worker, watched by Cloudflare's own analytics) the address is not found, as any unknown one.
 */
import { Hono } from 'hono';
import { requireRole } from '../auth.js';
import { type AppEnv, type RouteContext } from '../http.js';
import { Problem } from '../problems.js';
import { headerRecord, respond } from '../respond.js';
import { callerOfRequest } from '../sessions.js';

/** The exposition of the adapter's metrics, to those who watch the service. */
export function metricsRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { metrics } = deps;
  // HEAD comes here too (Hono answers it with GET's headers and no body). No body is read.
  app.get('/metrics', async (c) => {
    if (!metrics) throw new Problem('not-found');
    // Outside /v1/, so the API's middleware did not look at the credentials: a bearer token or a staff session.
    const caller = await callerOfRequest(c, deps);
    requireRole(caller.roles, 'monitoring', 'admin');
    const { contentType, body } = await metrics.exposition();
    const headers = headerRecord(c);
    headers['cache-control'] = 'no-store';
    headers['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
    return respond(c, body, 200, { 'content-type': contentType });
  });
  app.all('/metrics', () => {
    if (!metrics) throw new Problem('not-found');
    throw new Problem('method-not-allowed', 'GET or HEAD', {}, { allow: 'GET, HEAD' });
  });
  return app;
}
