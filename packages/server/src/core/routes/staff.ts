/**
 * @module Staff sign-in with OpenID Connect (authorization code with PKCE) against the city's
 * provider, the session it opens, and signing out. Web APIs only: the same on Node and workerd.
 */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { SignOut, StaffSession as StaffSessionBody } from '@ebok/schemas/api';
import { appendAudit } from '../audit.js';
import { STAFF_ROLE } from '../auth.js';
import type { OidcSettings } from '../config.js';
import { audit, type AppEnv, type RouteContext } from '../http.js';
import { Problem } from '../problems.js';
import { json, respond } from '../respond.js';
import { base64url, hashOf, originOf, randomToken, sessionCookie, sessionEnds } from '../sessions.js';
import { escapeHtml } from '../static-files.js';

/** The sign-in's own cookie: its state, nonce and PKCE verifier, from the start to the callback. */
const SIGN_IN_COOKIE = '__Host-ebok-sign-in';
const SIGN_IN_SECONDS = 600;
const CALLBACK = '/office/callback';
/** Where a signed-in person may be sent back to: a page of the console, nothing else. */
const RETURN_TO = /^\/office\/[A-Za-z0-9\-._~/?=&%]*$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The provider's configuration, discovered once per settings (again after a failure). */
const discovered = new WeakMap<OidcSettings, Promise<oidc.Configuration>>();
function providerOf(settings: OidcSettings): Promise<oidc.Configuration> {
  let found = discovered.get(settings);
  if (!found) {
    const issuer = new URL(settings.issuer);
    found = oidc.discovery(
      issuer,
      settings.clientId,
      undefined,
      settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
      {
        // Plain http only to a provider on this machine, which the configuration allows in development only.
        ...(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) && { execute: [oidc.allowInsecureRequests] }),
        timeout: 10,
      },
    );
    discovered.set(settings, found);
    found.catch(() => discovered.delete(settings));
  }
  return found;
}

/** The value at a claim's name or dotted path. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The ebok roles among what the provider says: an array, or a space-separated string. */
function rolesIn(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return [...new Set(list.filter((r): r is string => typeof r === 'string' && STAFF_ROLE.test(r)))].sort();
}

interface SignInState {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
}

function readSignInState(raw: string | undefined): SignInState | undefined {
  if (!raw || raw.length > 1024) return undefined;
  try {
    const v = JSON.parse(atob(raw.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const ok = ['state', 'nonce', 'verifier', 'returnTo'].every((k) => typeof v[k] === 'string');
    return ok && RETURN_TO.test(v['returnTo'] as string) ? (v as unknown as SignInState) : undefined;
  } catch {
    return undefined;
  }
}

const signInCookie = (value: string, maxAge: number): string =>
  // Lax: the provider sends the browser back with a top-level GET from its own site.
  `${SIGN_IN_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; HttpOnly; Secure; SameSite=Lax`;

export function staffRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { config, storage, clock } = deps;

  const settings = (): OidcSettings => {
    if (!config.oidc) throw new Problem('sign-in-unavailable', 'no OpenID provider is configured (EBOK_OIDC_ISSUER)');
    return config.oidc;
  };
  const provider = async (): Promise<oidc.Configuration> => {
    try {
      return await providerOf(settings());
    } catch (e) {
      if (e instanceof Problem) throw e;
      deps.logger.warn('OpenID provider discovery failed', { error: (e as Error).message });
      throw new Problem('sign-in-unavailable');
    }
  };
  const redirectUri = (c: Context) => `${originOf(c, config)}${CALLBACK}`;

  // The start: a fresh state, nonce and PKCE verifier in the sign-in cookie, then the provider.
  app.get('/office/sign-in', async (c) => {
    const wanted = c.req.query('return') ?? '/office/';
    const returnTo = RETURN_TO.test(wanted) && !wanted.includes('//') ? wanted : '/office/';
    const configuration = await provider();
    const s = settings();
    const signIn: SignInState = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri(c),
      scope: s.scopes,
      state: signIn.state,
      nonce: signIn.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(signIn.verifier),
      code_challenge_method: 'S256',
    });
    const value = base64url(new TextEncoder().encode(JSON.stringify(signIn)));
    return respond(c, null, 302, { location: url.href, 'set-cookie': signInCookie(value, SIGN_IN_SECONDS) });
  });

  // The provider's answer: the code exchanged with the verifier, the ID token's state and nonce
  // checked, the roles read, and a session opened.
  app.get(CALLBACK, async (c) => {
    const signIn = readSignInState(getCookie(c, SIGN_IN_COOKIE));
    if (!signIn) throw new Problem('sign-in-failed', 'this browser did not start a sign-in, or it took too long');
    const configuration = await provider();
    const s = settings();
    let claims: Record<string, unknown>;
    let roles: string[];
    try {
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        new URL(`${redirectUri(c)}${new URL(c.req.url).search}`),
        {
          pkceCodeVerifier: signIn.verifier,
          expectedState: signIn.state,
          expectedNonce: signIn.nonce,
          idTokenExpected: true,
        },
      );
      claims = { ...tokens.claims() };
      let granted = claimAt(claims, s.rolesClaim);
      if (granted === undefined && configuration.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims['sub'] as string);
        granted = claimAt(info as Record<string, unknown>, s.rolesClaim);
        claims = { ...info, ...claims };
      }
      roles = rolesIn(granted);
    } catch (e) {
      deps.logger.warn('staff sign-in failed', { error: (e as Error).message });
      throw new Problem('sign-in-failed');
    }
    if (roles.length === 0)
      throw new Problem('forbidden', `the identity provider grants this person no ebok role (claim "${s.rolesClaim}")`);
    const subject = String(claims['sub']).slice(0, 255);
    const name = String(
      claims['name'] ??
        ([claims['given_name'], claims['family_name']].filter(Boolean).join(' ') ||
          claims['preferred_username'] ||
          subject),
    ).slice(0, 255);
    const id = randomToken();
    const now = clock.now();
    const at = now.toISOString();
    await storage.sessions.create(
      {
        idHash: await hashOf(id),
        csrfToken: randomToken(24),
        subject,
        name,
        roles,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(now.getTime() + config.sessions.maxSeconds * 1000).toISOString(),
      },
      at,
    );
    await appendAudit(
      storage.audit,
      { actor: `staff:${subject}`, action: 'session.sign-in', after: { name, roles } },
      now,
    );
    const headers = new Headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
    });
    headers.append('set-cookie', sessionCookie(id, config.sessions.maxSeconds));
    headers.append('set-cookie', signInCookie('', 0));
    // A page of this site sends the browser on, rather than a redirect: the session cookie is
    // SameSite=Strict, and a browser would not send it at the end of a chain the provider began.
    const to = escapeHtml(signIn.returnTo);
    return new Response(
      `<!doctype html><html lang="pl"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${to}"><title>ebok</title><p><a href="${to}">Dalej — Continue</a></p>`,
      { status: 200, headers },
    );
  });

  app.get('/v1/session', (c) => {
    const session = c.get('session');
    if (session) {
      const ends = sessionEnds(session, config);
      return json(c, {
        kind: 'session',
        roles: [...session.roles],
        subject: session.subject,
        name: session.name,
        csrfToken: session.csrfToken,
        idleExpiresAt: new Date(Math.min(ends.idle, ends.absolute)).toISOString(),
        expiresAt: session.expiresAt,
      } satisfies StaffSessionBody);
    }
    if (c.get('roles').length === 0) throw new Problem('unauthorized', 'sign in at /office/sign-in');
    return json(c, { kind: 'token', roles: [...c.get('roles')] } satisfies StaffSessionBody);
  });

  app.post('/v1/session/sign-out', async (c) => {
    const session = c.get('session');
    if (!session) throw new Problem('unauthorized', 'no session to end');
    await storage.sessions.remove(session.idHash);
    await audit(c, deps, { action: 'session.sign-out' });
    let endSessionUrl: string | undefined;
    if (config.oidc) {
      const configuration = await providerOf(config.oidc).catch(() => undefined);
      if (configuration?.serverMetadata().end_session_endpoint)
        endSessionUrl = oidc.buildEndSessionUrl(configuration, { client_id: config.oidc.clientId }).href;
    }
    return respond(
      c,
      JSON.stringify({ signedOut: true, ...(endSessionUrl && { endSessionUrl }) } satisfies SignOut),
      200,
      { 'content-type': 'application/json', 'set-cookie': sessionCookie(undefined) },
    );
  });

  return app;
}
