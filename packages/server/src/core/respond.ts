/** @module Responses with the headers every answer to a request carries. */
import type { Context } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';

/**
 * The headers every response to a request carries (security headers, the request id, CORS, the
 * API's caching and content policy), gathered by middleware as a plain record before the handler
 * runs.
 *
 * A response made with `respond()` takes the record as it is. On Node, @hono/node-server hands a
 * plain record straight to `writeHead`; headers set with `c.header()` go into a `Headers` object
 * that is validated on every set, then copied, sorted and turned back into a record for each
 * response: measured, about 6 % of the event loop's time per submission. Responses made another
 * way (static files, the CA certificate and CRL, attachments) get the record's headers they lack
 * after the handler (`completeHeaders`).
 */
export type HeaderRecord = Record<string, string>;

const complete = new WeakSet<Response>();

export function headerRecord(c: Context): HeaderRecord {
  let headers = c.get('headers') as HeaderRecord | undefined;
  if (!headers) c.set('headers', (headers = {}));
  return headers;
}

/** A response with the request's headers, `own` added (and winning over them). */
export function respond(c: Context, body: string | null, status: StatusCode, own: HeaderRecord = {}): Response {
  const res = new Response(body, { status, headers: { ...headerRecord(c), ...own } });
  complete.add(res);
  return res;
}

/** A JSON answer, with the request's headers. */
export const json = (c: Context, value: unknown, status: StatusCode = 200): Response =>
  respond(c, JSON.stringify(value), status, { 'content-type': 'application/json' });

/** Gives the response the request's headers it lacks, unless `respond()` made it with them. */
export function completeHeaders(c: Context): void {
  const res = c.res;
  if (complete.has(res)) return;
  const missing = Object.entries(headerRecord(c)).filter(([name]) => !res.headers.has(name));
  if (missing.length === 0) return;
  try {
    for (const [name, value] of missing) res.headers.set(name, value);
  } catch {
    // Immutable headers (a response passed through from elsewhere): a copy takes them.
    const copy = new Response(res.body, res);
    for (const [name, value] of missing) copy.headers.set(name, value);
    c.res = copy;
  }
}
