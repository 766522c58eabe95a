import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { Problem, problemResponse } from '../src/core/problems.js';
import { readRequestBody } from '../src/core/request-body.js';
import { checkBody, jsonBody, readJsonBody } from '../src/core/validate.js';

/** One route reading a lease request within small limits, answering what it read. */
function app() {
  const app = new Hono();
  const read = (c: Parameters<typeof readRequestBody>[0]) =>
    readJsonBody(c as never, readRequestBody, { jsonBodyBytes: 200, jsonDepth: 3 });
  app.post('/lease', jsonBody('LeaseRequest', read), (c) => {
    const { max = 10, visibilitySeconds } = c.req.valid('json');
    return c.json({ max, visibilitySeconds });
  });
  app.onError((err, c) => (err instanceof Problem ? problemResponse(c, err) : c.text('not a problem', 500)));
  return app;
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app().request('/lease', { method: 'POST', body, headers });

describe('jsonBody: a route reads its body within the limits, checked by its schema', () => {
  it('gives the handler the body, typed, when its schema holds', async () => {
    const res = await post('{"max":3,"visibilitySeconds":30}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ max: 3, visibilitySeconds: 30 });
  });

  it.each([
    ['another media type', '{}', { 'content-type': 'text/plain' }, 415, 'unsupported-media-type'],
    ['more bytes than the limit', JSON.stringify({ pad: 'x'.repeat(300) }), undefined, 413, 'request-too-large'],
    ['deeper than the limit', '{"a":{"b":{"c":{"d":1}}}}', undefined, 400, 'json-too-deep'],
    ['text that is not JSON', '{max: 1}', undefined, 400, 'bad-request'],
    ['JSON that is not an object', '[1]', undefined, 400, 'bad-request'],
  ] as const)('refuses %s before its schema is asked', async (_what, body, headers, status, type) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { type: string }).type).toBe(`urn:ebok:problem:${type}`);
  });

  it('answers a body its schema refuses with bad-request, by pointer, in the language asked for', async () => {
    const refused = (lang: string) =>
      app().request('/lease', {
        method: 'POST',
        body: '{"max":0,"visibilitySeconds":"soon"}',
        headers: { 'content-type': 'application/json', 'accept-language': lang },
      });
    const en = (await (await refused('en')).json()) as {
      type: string;
      detail: string;
      errors: Array<{ pointer: string; code: string; message: string }>;
    };
    expect(en.type).toBe('urn:ebok:problem:bad-request');
    expect(en.detail).toBe('/max: Enter a number of at least 1.');
    expect(en.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/max minimum', '/visibilitySeconds type']);
    const pl = (await (await refused('pl')).json()) as typeof en;
    expect(pl.detail).toMatch(/^\/max: /);
    expect(pl.detail).not.toBe(en.detail);
  });
});

describe('checkBody: a part of a multipart body', () => {
  it('returns the value when its schema holds, and throws the problem type asked for otherwise', () => {
    const metadata = { sender: 'Jan Nowak', subject: 'Skarga', department: 'WSO' };
    expect(checkBody('ChancelleryDocument', metadata, 'pl')).toBe(metadata);
    let thrown: unknown;
    try {
      checkBody('SubmittedDocument', { procedure: 'x' }, 'en', 'invalid-document');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).type).toBe('invalid-document');
    expect((thrown as Problem).extra['errors']).toContainEqual({
      pointer: '/nonce',
      code: 'required',
      message: 'This field is required.',
    });
  });
});
