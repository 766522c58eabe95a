/**
 * @module Staff sessions: who a request is when it comes with the session cookie rather than a
 * bearer token, its idle and absolute ends, and the CSRF rules a state-changing request meets.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256, toHex } from '@ebok/forms-core/pki';
import { callerOf, effectiveRoles, type Caller } from './auth.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import type { StaffSession } from './ports.js';
import { Problem } from './problems.js';

/** The session cookie (DESIGN: `__Host-ebok-session`, HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = '__Host-ebok-session';
/** Activity is written down at most this often: a request after it moves the idle end. */
const TOUCH_EVERY_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin browsers reach this server at: the configured public one, or the request's own. */
export function originOf(c: Context, config: Config): string {
  return config.publicOrigin ?? new URL(c.req.url).origin;
}

/** Bytes in base64url, without padding (RFC 4648 § 5). */
export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random, URL-safe token of `bytes` random bytes. */
export const randomToken = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

export const hashOf = async (token: string): Promise<string> => toHex(await sha256(new TextEncoder().encode(token)));

/** Compares two strings in time that does not depend on where they differ. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The session's two ends as instants: idle (from its last activity) and absolute. */
export function sessionEnds(session: StaffSession, config: Config): { idle: number; absolute: number } {
  return {
    idle: Date.parse(session.lastSeenAt) + config.sessions.idleSeconds * 1000,
    absolute: Date.parse(session.expiresAt),
  };
}

export interface SessionCaller extends Caller {
  /** The session the request came with, when it came with one (not with a bearer token). */
  readonly session?: StaffSession;
}

/**
 * Who a request is: a bearer token's roles, else the session cookie's, else nobody. A session that
 * has ended (idle or absolute) is removed and the request is anonymous. A state-changing request
 * with a session must carry the session's token in `X-CSRF-Token` and come from this origin
 * (`Origin`), or it is refused before anything is done (403 `csrf`).
 */
export async function callerOfRequest(c: Context, deps: AppDeps): Promise<SessionCaller> {
  const { config, storage, clock } = deps;
  const authorization = c.req.header('authorization');
  if (authorization) return callerOf(authorization, config);
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return { roles: [], actor: 'anonymous' };
  const idHash = await hashOf(id);
  const session = await storage.sessions.find(idHash);
  if (!session) return { roles: [], actor: 'anonymous' };
  const now = clock.now().getTime();
  const ends = sessionEnds(session, config);
  if (now >= ends.idle || now >= ends.absolute) {
    await storage.sessions.remove(idHash);
    return { roles: [], actor: 'anonymous' };
  }
  if (!SAFE_METHODS.has(c.req.method)) {
    const token = c.req.header('x-csrf-token') ?? '';
    if (!sameString(token, session.csrfToken))
      throw new Problem('csrf', 'send the session’s CSRF token (GET /v1/session) in X-CSRF-Token');
    if (c.req.header('origin') !== originOf(c, config))
      throw new Problem('csrf', 'the request must come from this origin');
  }
  if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS)
    await storage.sessions.touch(idHash, new Date(now).toISOString());
  return { roles: effectiveRoles(session.roles), actor: `staff:${session.subject}`, session };
}

/** A Set-Cookie value for the session cookie: `value` for `maxAgeSeconds`, or cleared. */
export function sessionCookie(value: string | undefined, maxAgeSeconds = 0): string {
  // The __Host- prefix asks for Secure, Path=/ and no Domain; browsers keep a Secure cookie from
  // http://127.0.0.1 and http://localhost too, so the same cookie serves development.
  return `${SESSION_COOKIE}=${value ?? ''}; Max-Age=${value ? maxAgeSeconds : 0}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}
