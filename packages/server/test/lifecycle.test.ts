import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { api, formData, prepare, signerFor, submit } from './contract/client.js';
import { type NodeTarget, startNodeTarget } from './node-target.js';

let target: NodeTarget | undefined;
afterAll(async () => target?.stop());

it('writes one JSON log line per request, with the request id it echoes', async () => {
  target = await startNodeTarget();
  const res = await api(target, '/v1/nothing', { headers: { 'x-request-id': 'trace-0123456789' } });
  expect(res.headers.get('x-request-id')).toBe('trace-0123456789');
  await new Promise((r) => setTimeout(r, 100));
  const line = target.logs.find((l) => l['requestId'] === 'trace-0123456789');
  expect(line).toMatchObject({ level: 'info', message: 'request', method: 'GET', path: '/v1/nothing', status: 404 });
  expect(typeof line?.['time']).toBe('string');
});

it('on SIGTERM finishes the requests in flight, commits them and exits 0', async () => {
  target ??= await startNodeTarget();
  const resident = await signerFor(target, 'wgn-numer-porzadkowy');
  const submissions = await Promise.all(Array.from({ length: 60 }, () => prepare(resident, 'wgn-numer-porzadkowy')));
  const sent = submissions.map((s) =>
    submit(target!, formData(s)).then(
      async (r) => ({
        status: r.status,
        body: r.status === 201 ? ((await r.json()) as { registryNumber: string }) : undefined,
      }),
      () => ({ status: 0, body: undefined }),
    ),
  );
  await new Promise((r) => setTimeout(r, 20));
  const exit = target.terminate();
  const results = await Promise.all(sent);
  expect(await exit).toBe(0);
  const created = results.filter((r) => r.status === 201).map((r) => r.body!.registryNumber);
  // Whatever the server answered before it stopped is in the register after it starts again.
  await target.restart();
  const register = (await (await api(target, '/v1/register?limit=10000', { token: target.registrarToken })).json()) as {
    entries: Array<{ registryNumber: string; sequence: number }>;
  };
  const numbers = new Set(register.entries.map((e) => e.registryNumber));
  for (const n of created) expect(numbers.has(n), n).toBe(true);
  expect(register.entries.map((e) => e.sequence)).toEqual(register.entries.map((_, i) => i + 1));
}, 60_000);

it('sends the widget bundles compressed as built, to browsers that accept it', async () => {
  target ??= await startNodeTarget();
  // Raw HTTP: fetch would ask for compression itself and undo it.
  const raw = (acceptEncoding?: string) =>
    new Promise<{
      encoding: string | undefined;
      vary: string | undefined;
      nosniff: string | undefined;
      body: Buffer;
    }>((resolve, reject) => {
      get(
        `${target!.baseUrl}/widgets/ebok.js`,
        { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              vary: res.headers['vary'],
              nosniff: res.headers['x-content-type-options'] as string | undefined,
              body: Buffer.concat(chunks),
            }),
          );
        },
      ).on('error', reject);
    });
  const plain = await raw();
  expect(plain.encoding).toBeUndefined();
  expect(plain.vary).toMatch(/accept-encoding/i);
  // The security headers join files as they join the API's answers.
  expect(plain.nosniff).toBe('nosniff');
  expect(plain.body.toString()).toMatch(/import|export/);
  const br = await raw('gzip, deflate, br');
  expect(br.encoding).toBe('br');
  expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  const gzip = await raw('gzip');
  expect(gzip.encoding).toBe('gzip');
  expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  expect((await raw('br;q=0, gzip;q=0')).encoding).toBeUndefined();
});
