/** @module The intake app: request ids, security headers, CORS, roles and errors around the route groups, on Web APIs only. */
import type { Catalogue, Health, ProcedureDetail } from '@ebok/schemas/api';
import { Hono, type Context } from 'hono';
import { cors } from './cors.js';
import { buildOpenApi } from './openapi.js';
import { Problem, problemResponse } from './problems.js';
import { StorageUnavailable } from './platform.js';
import { receiptMaker, recipientOf } from './receipt.js';
import { type AppEnv, type RouteContext, type Sent } from './http.js';
import { chancelleryRoutes } from './routes/chancelleries.js';
import { departmentRoutes } from './routes/departments.js';
import { auditRoutes } from './routes/audit.js';
import { caseRoutes } from './routes/cases.js';
import { headRoutes } from './routes/heads.js';
import { dispatchRoutes } from './routes/dispatch.js';
import { handOffRoutes } from './routes/hand-offs.js';
import { pkiRoutes } from './routes/pki.js';
import { deskRoutes } from './routes/desk.js';
import { staffRoutes } from './routes/staff.js';
import { metricsRoutes } from './routes/metrics.js';
import { callerOfRequest } from './sessions.js';
import { residentRoutes } from './routes/resident.js';
import { submissionRoutes } from './routes/submissions.js';
import { readRequestBody } from './request-body.js';
import { withAcceptedSignatures } from './signatures.js';
import { readJsonBody } from './validate.js';
import { completeHeaders, headerRecord, type HeaderRecord, json } from './respond.js';
import type { AppDeps } from './deps.js';

export type { AppDeps };

/** The headers Hono's secureHeaders sets by default (cross-origin resource policy relaxed: widgets load the API from other sites). */
const SECURITY_HEADERS: Readonly<HeaderRecord> = {
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  // Every route sees each procedure as the city accepts it: the signatures its policy allows.
  const deps = { ...appDeps, procedures: withAcceptedSignatures(appDeps.procedures, appDeps.config.signatures) };
  const { config, logger, procedures, ca } = deps;
  const app = new Hono<AppEnv>();
  const trustAnchors = [ca.certificate];
  const recipient = recipientOf(config);
  const receiptFor = receiptMaker(deps.service, recipient, procedures);
  const readBody = deps.readBody ?? readRequestBody;

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.match(/^[A-Za-z0-9-]{8,64}$/)?.[0] ?? crypto.randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    c.set('started', started);
    c.set('headers', { 'x-request-id': requestId, ...SECURITY_HEADERS });
    await next();
    completeHeaders(c);
    const status = c.res.status;
    deps.metrics?.response(status);
    if (status >= 400 || c.req.method !== 'GET') {
      logger.info('request', {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status,
        ms: Math.round(performance.now() - started),
        ...(c.get('registryNumber') && { registryNumber: c.get('registryNumber') }),
      });
    }
  });
  app.use(
    '/v1/*',
    cors({
      allowedOrigins: config.allowedOrigins,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'accept-language', 'x-request-id'],
      exposeHeaders: ['x-request-id', 'content-language', 'retry-after', 'x-ebok-data-sha256'],
      maxAgeSeconds: 600,
    }),
  );
  app.use('/v1/*', async (c, next) => {
    const headers = headerRecord(c);
    headers['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
    headers['cache-control'] = 'no-store';
    const caller = await callerOfRequest(c, deps);
    c.set('roles', caller.roles);
    c.set('actor', caller.actor);
    if (caller.session) c.set('session', caller.session);
    await next();
  });

  app.onError((err, c) => {
    if (err instanceof Problem) return problemResponse(c, err);
    if (err instanceof StorageUnavailable) {
      logger.warn('database unavailable', { requestId: c.get('requestId'), error: err.message });
      const retryAfter = err.retryAfter;
      return problemResponse(
        c,
        new Problem('database-unavailable', undefined, { retryAfter }, { 'retry-after': String(retryAfter) }),
      );
    }
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return problemResponse(c, new Problem('internal-error'));
  });
  app.notFound((c) => problemResponse(c, new Problem('not-found')));

  app.get('/healthz', (c) => json(c, { status: 'ok' } satisfies Health));
  app.get('/v1/openapi.json', async (c) => json(c, await buildOpenApi(procedures)));

  app.get('/v1/procedures', (c) => json(c, procedures.catalogue satisfies Sent<Catalogue>));
  app.get('/v1/procedures/:id', async (c) => {
    const entry = procedures.find(c.req.param('id'));
    if (!entry) throw new Problem('not-found');
    return json(c, {
      ...entry,
      schema: (await procedures.schema(entry.id, entry.version)) as ProcedureDetail['schema'],
    } satisfies Sent<ProcedureDetail>);
  });
  const readJson = (c: Context) => readJsonBody(c, readBody, config.limits);
  const ctx: RouteContext = { deps, readBody, readJson, receiptFor, trustAnchors };
  // Each group is an app of its own, mounted where it was written: its routes come after the
  // middleware above, and with no error handler of their own, what they throw reaches onError.
  app.route('/', pkiRoutes(ctx));
  app.route('/', deskRoutes(ctx));
  app.route('/', submissionRoutes(ctx));
  app.route('/', residentRoutes(ctx));
  app.route('/', chancelleryRoutes(ctx));
  app.route('/', departmentRoutes(ctx));
  app.route('/', auditRoutes(ctx));
  app.route('/', caseRoutes(ctx));
  app.route('/', headRoutes(ctx));
  app.route('/', dispatchRoutes(ctx));
  app.route('/', handOffRoutes(ctx));
  app.route('/', staffRoutes(ctx));
  app.route('/', metricsRoutes(ctx));

  return app;
}

export type { AppEnv };
