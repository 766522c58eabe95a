/**
 * @module A development OpenID provider (oidc-provider) with sample staff accounts for every role
 * in every department, served by the Node server under /dev-oidc when no provider is configured.
 * Development only: the server never starts it with EBOK_ENV=production, and it is not part of
 * the Worker.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcSettings } from '../../core/config.js';
import { escapeHtml } from '../../core/static-files.js';

export const DEV_OIDC_PATH = '/dev-oidc';

export interface DevAccount {
  /** What to type as the login (any password is taken). */
  readonly login: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export interface DevProvider {
  /** What the server's sign-in uses: this provider, its client and the `roles` claim. */
  readonly settings: OidcSettings;
  readonly accounts: readonly DevAccount[];
  /** Serves a request whose path starts with DEV_OIDC_PATH. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Sample staff: the desk, the chancellery, an administrator, and two officers and a head in each department. */
export function sampleAccounts(departments: readonly string[]): DevAccount[] {
  return [
    { login: 'desk', name: 'Dorota Okienko', roles: ['desk'] },
    { login: 'chancellery', name: 'Krystyna Kancelaria', roles: ['chancellery'] },
    { login: 'admin', name: 'Adam Administrator', roles: ['admin'] },
    ...departments.flatMap((d) => [
      { login: `officer-${d.toLowerCase()}`, name: `Urzędnik ${d}`, roles: [`officer:${d}`] },
      { login: `officer2-${d.toLowerCase()}`, name: `Urzędniczka ${d}`, roles: [`officer:${d}`] },
      { login: `head-${d.toLowerCase()}`, name: `Kierownik ${d}`, roles: [`head:${d}`] },
    ]),
  ];
}

export interface DevProviderOptions {
  /** Where the provider is served (its issuer is this and DEV_OIDC_PATH). */
  readonly providerOrigin: string;
  /** The ebok server whose console signs in with it (its callback is the client's redirect address). */
  readonly appOrigin: string;
  readonly departments: readonly string[];
  /** The client's secret; a fresh one by default. */
  readonly clientSecret?: string;
}

/**
 * A provider at `<providerOrigin>/dev-oidc`: one confidential client whose redirect address is
 * the ebok server's callback, PKCE required, a fresh signing key (and client secret) at every
 * start, the sample accounts, and consent granted without asking (the console is the city's own
 * client).
 */
export async function createDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const { Provider } = await import('oidc-provider');
  const accounts = sampleAccounts(options.departments);
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const clientId = 'ebok-office';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const origin = options.appOrigin;
  const issuer = `${options.providerOrigin}${DEV_OIDC_PATH}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  // Its own warnings that it is a development setup (interactions, sessions in memory): the
  // server's banner says so in its words.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/devInteractions|in-memory adapter/.test(String(args[0]))) warn(...args);
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${origin}/office/callback`],
        post_logout_redirect_uris: [`${origin}/office/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...key, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub', 'roles'], profile: ['name'] },
    // The roles in the ID token itself, as most city providers are set up to send them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // Lifetimes of its own, in seconds: a sign-in takes minutes, a provider session a working day.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
    },
    renderError(ctx, out) {
      const text = (v: unknown) => escapeHtml(String(v ?? ''));
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in error</title><h1>${text(out['error'])}</h1><p>${text(out['error_description'])}</p>`;
    },
    findAccount: (_ctx, id) => {
      const account = byLogin.get(id);
      return account
        ? { accountId: id, claims: () => ({ sub: id, name: account.name, roles: [...account.roles] }) }
        : undefined;
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  console.warn = warn;
  const callback = provider.callback();
  return {
    settings: { issuer, clientId, clientSecret, rolesClaim: 'roles', scopes: 'openid profile' },
    accounts,
    handle(req, res) {
      // Mounted under DEV_OIDC_PATH, as an Express app mounts it: the path it routes on is the rest.
      const original = req.url ?? '/';
      Object.assign(req, { originalUrl: original, url: original.slice(DEV_OIDC_PATH.length) || '/' });
      void callback(req, res);
    },
  };
}
