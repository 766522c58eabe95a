// Staff sign-in's settings: all or nothing, the provider on https (plain http only to this
// machine in development), the roles' claim, session lengths; and the roles each role grants.
import { describe, expect, it } from 'vitest';
import { effectiveRoles } from '../src/core/auth.js';
import { ConfigError, loadConfig } from '../src/core/config.js';

const oidc = { EBOK_OIDC_ISSUER: 'https://login.olsztyn.eu/realms/urzad', EBOK_OIDC_CLIENT_ID: 'ebok' };

describe('staff sign-in settings', () => {
  it('takes the city’s provider, with the roles’ claim as a name or a dotted path', () => {
    const config = loadConfig({
      ...oidc,
      EBOK_OIDC_CLIENT_SECRET: 's3cret',
      EBOK_OIDC_ROLES_CLAIM: 'realm_access.roles',
    });
    expect(config.oidc).toEqual({
      issuer: oidc.EBOK_OIDC_ISSUER,
      clientId: 'ebok',
      clientSecret: 's3cret',
      rolesClaim: 'realm_access.roles',
      scopes: 'openid profile',
    });
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('refuses half a configuration, a provider on plain http elsewhere or in production, and scopes without openid', () => {
    expect(() => loadConfig({ EBOK_OIDC_ISSUER: oidc.EBOK_OIDC_ISSUER })).toThrow(/EBOK_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ EBOK_OIDC_CLIENT_ID: 'ebok' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...oidc, EBOK_OIDC_ISSUER: 'http://login.olsztyn.eu/' })).toThrow(/https/);
    expect(loadConfig({ ...oidc, EBOK_OIDC_ISSUER: 'http://127.0.0.1:9000/dev-oidc' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000/dev-oidc',
    );
    expect(() =>
      loadConfig({ ...oidc, EBOK_ENV: 'production', EBOK_OIDC_ISSUER: 'http://127.0.0.1:9000/dev-oidc' }),
    ).toThrow(/https/);
    expect(() => loadConfig({ ...oidc, EBOK_OIDC_SCOPES: 'profile email' })).toThrow(/openid/);
    expect(() => loadConfig({ ...oidc, EBOK_OIDC_ROLES_CLAIM: 'roles;drop' })).toThrow(/EBOK_OIDC_ROLES_CLAIM/);
  });

  it('lets production start with the provider and no tokens, and not with neither', () => {
    expect(loadConfig({ ...oidc, EBOK_ENV: 'production' }).tokens.size).toBe(0);
    expect(() => loadConfig({ EBOK_ENV: 'production' })).toThrow(/EBOK_OIDC_ISSUER/);
  });

  it('bounds the sessions: 30 idle minutes and 10 hours by default, at most a day and a week', () => {
    expect(loadConfig({}).sessions).toEqual({ idleSeconds: 1800, maxSeconds: 36_000 });
    expect(loadConfig({ EBOK_SESSION_IDLE_MINUTES: '15', EBOK_SESSION_HOURS: '8' }).sessions).toEqual({
      idleSeconds: 900,
      maxSeconds: 28_800,
    });
    expect(() => loadConfig({ EBOK_SESSION_IDLE_MINUTES: '2000' })).toThrow(/at most 1440/);
    expect(() => loadConfig({ EBOK_SESSION_HOURS: '0' })).toThrow(/positive/);
    expect(() => loadConfig({ EBOK_PUBLIC_URL: 'ftp://x' })).toThrow(/EBOK_PUBLIC_URL/);
    expect(loadConfig({ EBOK_PUBLIC_URL: 'https://ebok.olsztyn.eu/some/path' }).publicOrigin).toBe(
      'https://ebok.olsztyn.eu',
    );
  });
});

describe('roles', () => {
  it('gives a registrar token the desk’s and the chancellery’s rights, and an officer or head their department’s', () => {
    expect(effectiveRoles(['registrar']).sort()).toEqual(['chancellery', 'desk', 'registrar']);
    expect(effectiveRoles(['officer:WGN']).sort()).toEqual(['department:WGN', 'officer:WGN']);
    expect(effectiveRoles(['head:WK', 'officer:WGN']).sort()).toEqual([
      'department:WGN',
      'department:WK',
      'head:WK',
      'officer:WGN',
    ]);
    expect(effectiveRoles(['chancellery'])).toEqual(['chancellery']);
  });
});
