// The office console beside the API, over real HTTP on each runtime: its page at /office/ and at
// every deep link under it, with the office's name and a strict policy; its files; and the
// sign-in's addresses, which stay the API's.
import { describe, expect, it } from 'vitest';
import type { Target } from './target.js';

const CONSOLE_CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"];

export function officeConsoleContract(target: () => Target): void {
  describe('the office console', () => {
    it('answers its page at /office/ and at every deep link under it, under a strict policy', async () => {
      for (const path of ['/office/', '/office/departments/WGN/inbox', '/office/cases/WGN.6640.1.2026']) {
        const res = await fetch(`${target().baseUrl}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const csp = res.headers.get('content-security-policy') ?? '';
        for (const directive of CONSOLE_CSP) expect(csp, path).toContain(directive);
        expect(csp).not.toContain('unsafe-inline');
        const page = await res.text();
        expect(page).toContain('<script type="module" src="/office/office.js"></script>');
        expect(page).toMatch(/<meta name="ebok-office" content="[^"]+" \/>/);
      }
      const bare = await fetch(`${target().baseUrl}/office`, { redirect: 'manual' });
      expect(bare.status).toBe(301);
      expect(new URL(bare.headers.get('location')!, target().baseUrl).pathname).toBe('/office/');
    });

    it('serves its script, and no page for a file it does not have', async () => {
      const script = await fetch(`${target().baseUrl}/office/office.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await script.text()).length).toBeGreaterThan(1000);
      expect((await fetch(`${target().baseUrl}/office/missing.js`)).status).toBe(404);
    });

    it('leaves /office/sign-in and /office/callback to the API', async () => {
      const signIn = await fetch(`${target().baseUrl}/office/sign-in?return=/office/`, { redirect: 'manual' });
      expect(signIn.status).toBe(302);
      expect(signIn.headers.get('location')).toContain('/dev-oidc/');
      const callback = await fetch(`${target().baseUrl}/office/callback?code=x&state=y`, { redirect: 'manual' });
      expect(callback.status).toBe(400);
      expect(callback.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });
}
