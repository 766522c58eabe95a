/** @module Roles from bearer tokens (stored as SHA-256 hashes) and the middleware that lets a role through. */
import type { Context, MiddlewareHandler } from 'hono';
import { sha256, toHex } from '@ebok/forms-core/pki';
import type { Config } from './config.js';
import type { AppEnv } from './http.js';
import { Problem } from './problems.js';

/** Who a request is, as far as its credentials say: its roles, and the actor the audit log names. */
export interface Caller {
  readonly roles: readonly string[];
  /** `token:<roles>#<first 12 hex digits of the token's hash>`; `anonymous` without credentials. */
  readonly actor: string;
}

/** A role a person may hold, as the city's OpenID provider grants it (DESIGN: "The office"). */
export const STAFF_ROLE = /^(desk|chancellery|admin|(officer|head):[A-Z][A-Z0-9]{0,9})$/;

/**
 * The roles routes check, from the roles a person or token holds: `registrar` (a machine
 * client's) is the desk's and the chancellery's; an officer or head of a department does what
 * the department's token may (`department:<code>`), and a head assigns within it too.
 */
export function effectiveRoles(held: readonly string[]): string[] {
  const roles = new Set<string>();
  for (const role of held) {
    roles.add(role);
    if (role === 'registrar') roles.add('desk').add('chancellery');
    const m = /^(officer|head):(.+)$/.exec(role);
    if (m) roles.add(`department:${m[2]}`);
  }
  return [...roles];
}

/** The roles of the bearer token in a request (none without one). Unknown tokens are rejected. */
export async function callerOf(authorization: string | undefined, config: Config): Promise<Caller> {
  if (!authorization) return { roles: [], actor: 'anonymous' };
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/.exec(authorization);
  if (!m) throw new Problem('unauthorized', 'use Authorization: Bearer <token>');
  const hash = toHex(await sha256(new TextEncoder().encode(m[1])));
  const roles = config.tokens.get(hash);
  if (!roles) throw new Problem('unauthorized', 'unknown token');
  return { roles: effectiveRoles(roles), actor: `token:${roles.join('+')}#${hash.slice(0, 12)}` };
}

/** Throws unless one of the roles is held: 401 without a token, 403 with the wrong one. */
export function requireRole(roles: readonly string[], ...allowed: string[]): void {
  if (roles.length === 0) throw new Problem('unauthorized');
  if (!roles.some((r) => allowed.includes(r))) throw new Problem('forbidden');
}

/** Throws unless the caller works for some department (or, when `orAdmin`, administers): which one is the route's to check next. */
export function requireDepartmentRole(roles: readonly string[], orAdmin = false): void {
  requireRole(roles, ...roles.filter((r) => r.startsWith('department:') || (orAdmin && r === 'admin')));
}

/**
 * Route middleware: `requireRole` before the rest of the route runs, so that nobody who may not
 * use it gets as far as having their body read. A role may depend on the path (`department:{code}`).
 */
export function allow(...allowed: ReadonlyArray<string | ((c: Context<AppEnv>) => string)>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get('roles'), ...allowed.map((a) => (typeof a === 'string' ? a : a(c))));
    await next();
  };
}
