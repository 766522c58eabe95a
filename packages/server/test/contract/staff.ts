// Staff as people, over real HTTP on each runtime: signing in through the OpenID provider
// (authorization code with PKCE), the session cookie and its CSRF rules, what each role may do
// and may not, signing out, and the session's idle and absolute ends.
import { describe, expect, it } from 'vitest';
import { api } from './client.js';
import { letter } from './cases.js';
import { browse, CookieJar, signIn, signInFlow, type SignedIn } from './sign-in.js';
import type { Target, TargetFactory } from './target.js';

/** A request as the console makes it: the session cookie, and for a change the CSRF token and this origin. */
function asStaff(
  target: Target,
  who: SignedIn,
  path: string,
  init: RequestInit & { json?: unknown; csrf?: string | null; origin?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', who.cookie);
  const csrf = init.csrf === undefined ? who.csrfToken : init.csrf;
  if (csrf !== null) headers.set('x-csrf-token', csrf);
  headers.set('origin', init.origin ?? new URL(target.baseUrl).origin);
  return api(target, path, { ...init, headers });
}

const item = (rn: string) => encodeURIComponent(rn);

type AuditLine = { seq: number; actor: string; action: string; target: string | null };

/** The whole audit log, a page at a time. */
async function auditRecords(target: Target): Promise<AuditLine[]> {
  const all: AuditLine[] = [];
  for (;;) {
    const page = (await (
      await api(target, `/v1/audit?limit=1000&after=${all.at(-1)?.seq ?? 0}`, { token: target.adminToken })
    ).json()) as { records: AuditLine[] };
    all.push(...page.records);
    if (page.records.length < 1000) return all;
  }
}

export function staffContract(target: () => Target): void {
  describe('staff sign-in and sessions', () => {
    it('signs a person in through the city’s OpenID provider (authorization code, PKCE) and opens a session with their roles', async () => {
      const jar = new CookieJar();
      const start = await browse(jar, `${target().baseUrl}/office/sign-in?return=/office/sprawy`);
      expect(start.status).toBe(302);
      const to = new URL(start.headers.get('location')!);
      expect(to.searchParams.get('code_challenge_method')).toBe('S256');
      expect(to.searchParams.get('response_type')).toBe('code');
      expect(to.searchParams.get('redirect_uri')).toBe(`${target().baseUrl}/office/callback`);
      expect(to.searchParams.get('state')).toBeTruthy();
      expect(to.searchParams.get('nonce')).toBeTruthy();

      const { url, response } = await signInFlow(jar, start.headers.get('location')!, 'officer-wgn');
      expect(new URL(url).pathname).toBe('/office/callback');
      expect(response.status).toBe(200);
      // The page sends the browser on to where the sign-in began.
      expect(await response.text()).toContain('url=/office/sprawy');
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-ebok-session='))!;
      expect(cookie).toMatch(/; Path=\/;/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).not.toMatch(/Domain=/i);

      const session = await api(target(), '/v1/session', {
        headers: { cookie: `__Host-ebok-session=${jar.get(target().baseUrl, '__Host-ebok-session')}` },
      });
      expect(session.status).toBe(200);
      const body = (await session.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        kind: 'session',
        roles: ['officer:WGN'],
        subject: 'officer-wgn',
        name: 'Urzędnik WGN',
      });
      expect(body['csrfToken']).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Date.parse(body['idleExpiresAt'] as string)).toBeLessThan(Date.parse(body['expiresAt'] as string));

      // Without the cookie nobody is signed in; a made-up cookie is nobody either.
      expect((await api(target(), '/v1/session')).status).toBe(401);
      const forged = await api(target(), '/v1/session', {
        headers: { cookie: `__Host-ebok-session=${'A'.repeat(43)}` },
      });
      expect(forged.status).toBe(401);
      // Machine clients keep their tokens.
      const token = await api(target(), '/v1/session', { token: target().registrarToken });
      expect(await token.json()).toMatchObject({
        kind: 'token',
        roles: expect.arrayContaining(['desk', 'chancellery']),
      });
    });

    it('refuses a callback this browser did not start, and a state that is not its own', async () => {
      const lost = await api(target(), '/office/callback?code=abc&state=xyz');
      expect(lost.status).toBe(400);
      expect(((await lost.json()) as { type: string }).type).toBe('urn:ebok:problem:sign-in-failed');

      // A sign-in begun in this browser, answered with another's state: nothing opens.
      const jar = new CookieJar();
      const start = await browse(jar, `${target().baseUrl}/office/sign-in`);
      expect(start.status).toBe(302);
      const other = await api(target(), `/office/callback?code=abc&state=not-mine`, {
        headers: { cookie: jar.header(target().baseUrl) },
      });
      expect(other.status).toBe(400);
      expect(other.headers.getSetCookie().some((c) => c.startsWith('__Host-ebok-session='))).toBe(false);
      // A return address elsewhere is not followed.
      const awayJar = new CookieJar();
      const away = await browse(awayJar, `${target().baseUrl}/office/sign-in?return=https://evil.example/`);
      expect(away.status).toBe(302);
      const flow = await signInFlow(awayJar, away.headers.get('location')!, 'desk');
      expect(await flow.response.text()).toContain('url=/office/"');
    });

    it('changes nothing for a session without its CSRF token or from another origin', async () => {
      const officer = await signIn(target().baseUrl, 'officer-wgn');
      const rn = await letter(target(), 'WGN', 'Pismo do przyjęcia');
      const accept = (init: { csrf?: string | null; origin?: string }) =>
        asStaff(target(), officer, `/v1/departments/WGN/documents/${item(rn)}/acceptance`, { method: 'POST', ...init });
      const noToken = await accept({ csrf: null });
      expect(noToken.status).toBe(403);
      expect(((await noToken.json()) as { type: string }).type).toBe('urn:ebok:problem:csrf');
      expect((await accept({ csrf: 'x'.repeat(32) })).status).toBe(403);
      expect((await accept({ origin: 'https://evil.example' })).status).toBe(403);
      const history = await asStaff(target(), officer, `/v1/departments/WGN/documents/${item(rn)}`);
      expect(history.status).toBe(200);
      expect(target().sql('SELECT * FROM dispatches WHERE registry_number = ?', [rn])).toEqual([]);
      // With both, the same request is done, in the person's name.
      expect((await accept({})).status).toBe(200);
      const records = await auditRecords(target());
      expect(records).toContainEqual(
        expect.objectContaining({ actor: 'staff:officer-wgn', action: 'register.accept', target: rn }),
      );
      expect(records).toContainEqual(
        expect.objectContaining({ actor: 'staff:officer-wgn', action: 'session.sign-in' }),
      );
    });

    it('lets an officer work on their department’s items only, and a chancellery clerk register and assign but not open or close cases', async () => {
      const officer = await signIn(target().baseUrl, 'officer-wgn');
      const clerk = await signIn(target().baseUrl, 'chancellery');
      const wk = await letter(target(), 'WK', 'Pismo w sprawie rejestracji pojazdu');
      const wgn = await letter(target(), 'WGN', 'Wniosek o mapę');

      // Another department's item: not seen, not accepted, not forwarded, no case.
      expect((await asStaff(target(), officer, `/v1/departments/WK/documents/${item(wk)}`)).status).toBe(403);
      expect(
        (await asStaff(target(), officer, `/v1/departments/WK/documents/${item(wk)}/acceptance`, { method: 'POST' }))
          .status,
      ).toBe(403);
      expect(
        (
          await asStaff(target(), officer, `/v1/departments/WK/documents/${item(wk)}/forwarding`, {
            method: 'POST',
            json: { to: 'WGN', reason: 'x' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await asStaff(target(), officer, '/v1/cases', { method: 'POST', json: { registryNumber: wk, jrwa: '6640' } }))
          .status,
      ).toBe(404);
      expect((await asStaff(target(), officer, '/v1/cases?department=WK')).status).toBe(403);
      // Nor does an officer register letters or read the register.
      expect((await asStaff(target(), officer, '/v1/register')).status).toBe(403);

      // The chancellery registers and assigns; it opens and closes no case.
      const form = new FormData();
      form.append('metadata', JSON.stringify({ sender: 'Jan Nowak', subject: 'Pismo', department: 'WGN' }));
      form.append('scan-1', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'scan-1.pdf');
      expect(
        (await asStaff(target(), clerk, '/v1/chancelleries/k1/documents', { method: 'POST', body: form })).status,
      ).toBe(201);
      expect((await asStaff(target(), clerk, '/v1/register?limit=1')).status).toBe(200);
      expect(
        (
          await asStaff(target(), clerk, `/v1/register/${item(wk)}/assignment`, {
            method: 'POST',
            json: { department: 'WK', officer: 'Anna Kierowca' },
          })
        ).status,
      ).toBe(200);
      expect(
        (await asStaff(target(), clerk, '/v1/cases', { method: 'POST', json: { registryNumber: wgn, jrwa: '6640' } }))
          .status,
      ).toBe(403);
      const opened = await asStaff(target(), officer, '/v1/cases', {
        method: 'POST',
        json: { registryNumber: wgn, jrwa: '6640' },
      });
      expect(opened.status).toBe(201);
      const { caseNumber } = (await opened.json()) as { caseNumber: string };
      expect(
        (
          await asStaff(target(), clerk, `/v1/cases/${caseNumber}/events`, {
            method: 'POST',
            json: { type: 'closed', outcome: 'załatwiona' },
          })
        ).status,
      ).toBe(403);
      // The desk enrols residents and registers nothing.
      const desk = await signIn(target().baseUrl, 'desk');
      expect(
        (
          await asStaff(target(), desk, '/v1/enrolments', {
            method: 'POST',
            json: { givenNames: 'Ewa', surname: 'Nowak', pesel: '44051401359' },
          })
        ).status,
      ).toBe(201);
      const form2 = new FormData();
      form2.append('metadata', JSON.stringify({ sender: 'Jan Nowak', subject: 'Pismo', department: 'WGN' }));
      expect(
        (await asStaff(target(), desk, '/v1/chancelleries/k1/documents', { method: 'POST', body: form2 })).status,
      ).toBe(403);
    });

    it('lets a head assign within their department and nowhere else', async () => {
      const head = await signIn(target().baseUrl, 'head-wgn');
      const own = await letter(target(), 'WGN', 'Wniosek do przydzielenia');
      const other = await letter(target(), 'WK', 'Cudzy wniosek');
      const assign = (rn: string, json: unknown) =>
        asStaff(target(), head, `/v1/register/${item(rn)}/assignment`, { method: 'POST', json });
      expect((await assign(own, { department: 'WGN', officer: 'Anna Geodetka' })).status).toBe(200);
      expect((await assign(own, { department: 'WK' })).status).toBe(403);
      expect((await assign(other, { department: 'WGN' })).status).toBe(404);
      // An officer is no head.
      const officer = await signIn(target().baseUrl, 'officer-wgn');
      expect(
        (
          await asStaff(target(), officer, `/v1/register/${item(own)}/assignment`, {
            method: 'POST',
            json: { department: 'WGN' },
          })
        ).status,
      ).toBe(403);
    });

    it('refuses a person the provider grants no ebok role, and an account it does not know', async () => {
      // An unknown login: the provider has no such account, so no session is opened.
      const jar = new CookieJar();
      const { response } = await signInFlow(jar, `${target().baseUrl}/office/sign-in`, 'nobody-here');
      expect(response.status).not.toBe(200);
      expect(jar.get(target().baseUrl, '__Host-ebok-session')).toBeUndefined();
    });

    it('ends the session at sign-out: the cookie is cleared and the session is gone from the database', async () => {
      const officer = await signIn(target().baseUrl, 'officer-wgn');
      expect((await asStaff(target(), officer, '/v1/session/sign-out', { method: 'POST', csrf: null })).status).toBe(
        403,
      );
      const out = await asStaff(target(), officer, '/v1/session/sign-out', { method: 'POST' });
      expect(out.status).toBe(200);
      expect(await out.json()).toMatchObject({ signedOut: true });
      expect(out.headers.getSetCookie().find((c) => c.startsWith('__Host-ebok-session='))).toMatch(/Max-Age=0/);
      expect((await asStaff(target(), officer, '/v1/session')).status).toBe(401);
      expect((await asStaff(target(), officer, '/v1/cases?department=WGN')).status).toBe(401);
      // Only hashes of session ids are stored.
      const id = officer.cookie.split('=')[1]!;
      expect(
        target().sql<{ n: number }>('SELECT COUNT(*) AS n FROM staff_sessions WHERE id_hash = ?', [id])[0]!.n,
      ).toBe(0);
    });
  });
}

/** The session's two ends, on a server of its own whose clock the test moves by restarting it. */
export function sessionTimeoutContract(startTarget: TargetFactory): void {
  describe('staff session ends', () => {
    it('ends a session idle too long, and any session at its absolute end whatever the activity', async () => {
      const minutes = (n: number) => String(n * 60_000);
      const target = await startTarget({ EBOK_SESSION_IDLE_MINUTES: '30', EBOK_SESSION_HOURS: '1' });
      try {
        const idle = await signIn(target.baseUrl, 'officer-wgn');
        const busy = await signIn(target.baseUrl, 'officer-wso');
        const alive = async (who: SignedIn) => (await asStaff(target, who, '/v1/session')).status;
        await target.restart({ EBOK_CLOCK_OFFSET_MS: minutes(25) });
        expect(await alive(busy)).toBe(200);
        await target.restart({ EBOK_CLOCK_OFFSET_MS: minutes(50) });
        expect(await alive(idle)).toBe(401); // 50 minutes without a request
        expect(await alive(busy)).toBe(200); // 25 minutes since its last
        await target.restart({ EBOK_CLOCK_OFFSET_MS: minutes(61) });
        expect(await alive(busy)).toBe(401); // past the hour, though active 11 minutes ago
      } finally {
        await target.stop();
      }
    }, 120_000);
  });
}
