// The routes come in groups (PKI, submissions, chancelleries, departments), each a Hono app of
// its own mounted on the main one: the main app's middleware still runs first, and what a group
// throws still becomes the main app's problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './app-support.js';

const TOKEN = 'department-token-for-the-test';
const ORIGIN = 'https://www.example.gov.pl';

describe('route groups mounted on the app', () => {
  let failing = false;
  const errors: string[] = [];
  let built: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    built = await testApp({
      tokens: { 'department:WSO': TOKEN },
      env: { EBOK_ALLOWED_ORIGINS: ORIGIN },
      clock: {
        now: () => {
          if (failing) throw new Error('the clock stopped');
          return new Date();
        },
      },
      logger: { info() {}, warn() {}, error: (message) => void errors.push(message) },
    });
  });
  afterAll(() => built.close());

  const lease = (headers: Record<string, string> = {}) =>
    built.app.request('/v1/departments/WSO/queue/lease', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: '{}',
    });

  it('run after the middleware: request id, security headers, CORS and roles', async () => {
    const res = await lease({ 'x-request-id': 'request-0001' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('request-0001');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { type: string }).type).toBe('urn:ebok:problem:unauthorized');
    expect((await lease({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it("hand what they throw to the app's error handler: a 500 problem, logged", async () => {
    failing = true;
    try {
      const res = await lease({ authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(500);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(((await res.json()) as { type: string }).type).toBe('urn:ebok:problem:internal-error');
      expect(errors).toEqual(['unhandled error']);
    } finally {
      failing = false;
    }
  });

  it("leave unknown paths to the app's not-found problem", async () => {
    const res = await built.app.request('/v1/departments/WSO/queue/nothing', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toBe('urn:ebok:problem:not-found');
  });
});
