import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  readonly allowedOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/**
 * CORS for the listed origins only. Every header is set before the handler runs, so it joins the
 * response as the handler makes it: Hono's own cors middleware writes to `c.res` first, which
 * makes every response be rebuilt (and read back through a stream) once the handler returns.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const allowMethods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders.join(',');
  const exposeHeaders = options.exposeHeaders.join(',');
  const maxAge = String(options.maxAgeSeconds);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && options.allowedOrigins.includes(origin);
    // The answer depends on the Origin header, so caches must keep one per origin.
    c.header('vary', 'Origin', { append: true });
    if (allowed) {
      c.header('access-control-allow-origin', origin);
      c.header('access-control-expose-headers', exposeHeaders);
    }
    if (c.req.method === 'OPTIONS') {
      if (allowed) {
        c.header('access-control-allow-methods', allowMethods);
        c.header('access-control-allow-headers', allowHeaders);
        c.header('access-control-max-age', maxAge);
      }
      return c.body(null, 204);
    }
    await next();
  };
}
