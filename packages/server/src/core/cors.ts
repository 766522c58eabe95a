/** @module CORS for widgets on other sites: allowed origins, preflight answers and exposed headers. */
import type { MiddlewareHandler } from 'hono';
import { headerRecord, respond } from './respond.js';

export interface CorsOptions {
  readonly allowedOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/**
 * CORS for the listed origins only. Its headers join the request's header record before the
 * handler runs (see respond.ts), so they are part of the response as the handler makes it: Hono's
 * own cors middleware writes to `c.res` afterwards, which makes every response be rebuilt.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const allowMethods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders.join(',');
  const exposeHeaders = options.exposeHeaders.join(',');
  const maxAge = String(options.maxAgeSeconds);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && options.allowedOrigins.includes(origin);
    const headers = headerRecord(c);
    // The answer depends on the Origin header, so caches must keep one per origin.
    headers['vary'] = headers['vary'] ? `${headers['vary']}, Origin` : 'Origin';
    if (allowed) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = exposeHeaders;
    }
    if (c.req.method === 'OPTIONS') {
      if (allowed) {
        headers['access-control-allow-methods'] = allowMethods;
        headers['access-control-allow-headers'] = allowHeaders;
        headers['access-control-max-age'] = maxAge;
      }
      return respond(c, null, 204);
    }
    await next();
  };
}
