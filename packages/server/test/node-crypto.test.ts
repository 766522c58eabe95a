import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { nodeSha256, workerEcdsa } from '../src/adapters/node/node-crypto.js';

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

it('node:crypto SHA-256 agrees with WebCrypto', async () => {
  const data = new TextEncoder().encode('{"registryNumber":"RPW/1/2026"}');
  expect(Buffer.from(nodeSha256(data)).toString('hex')).toBe(
    Buffer.from(await crypto.subtle.digest('SHA-256', data)).toString('hex'),
  );
});

it('the ECDSA worker agrees with WebCrypto, for many keys and requests at once, views included', async () => {
  // The worker runs as built (npm test builds first).
  const ecdsa = workerEcdsa(new URL('../dist/adapters/node/crypto-worker.js', import.meta.url));
  const pairs = await Promise.all(
    [0, 1, 2].map(async () => (await crypto.subtle.generateKey(alg, false, ['sign', 'verify'])) as CryptoKeyPair),
  );
  try {
    // What is signed sits inside a larger buffer, as signed attributes sit in a request body.
    const body = new TextEncoder().encode('xx{"registryNumber":"RPW/7/2026"}yy');
    const data = body.subarray(2, body.length - 2);
    const signatures = await Promise.all(
      Array.from({ length: 30 }, (_, i) => ecdsa.sign(pairs[i % 3]!.privateKey, data)),
    );
    const checks = await Promise.all(
      signatures.flatMap((s, i) => [
        crypto.subtle.verify(alg, pairs[i % 3]!.publicKey, new Uint8Array(s), data),
        ecdsa.verify(pairs[i % 3]!.publicKey, s, data),
        ecdsa.verify(pairs[(i + 1) % 3]!.publicKey, s, data), // another key
      ]),
    );
    expect(checks).toEqual(signatures.flatMap(() => [true, true, false]));
    const byWeb = new Uint8Array(await crypto.subtle.sign(alg, pairs[0]!.privateKey, data));
    expect(await ecdsa.verify(pairs[0]!.publicKey, byWeb, data)).toBe(true);
    expect(await ecdsa.verify(pairs[0]!.publicKey, byWeb, body)).toBe(false);
    // A signature of the wrong length is an error of its own request only.
    const [bad, good] = await Promise.allSettled([
      ecdsa.verify(pairs[0]!.publicKey, byWeb.subarray(0, 10), data),
      ecdsa.verify(pairs[0]!.publicKey, byWeb, data),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: true });
    expect(bad.status === 'rejected' || (bad.status === 'fulfilled' && bad.value === false)).toBe(true);
  } finally {
    await ecdsa.close();
  }
  // Once stopped, it says so instead of leaving a request waiting.
  await expect(ecdsa.verify(pairs[0]!.publicKey, new Uint8Array(64), new Uint8Array(1))).rejects.toThrow(/stopped/);
});

it('signs while a long batch of checks runs, instead of after it', async () => {
  const ecdsa = workerEcdsa(new URL('../dist/adapters/node/crypto-worker.js', import.meta.url));
  try {
    const keys = (await crypto.subtle.generateKey(alg, false, ['sign', 'verify'])) as CryptoKeyPair;
    const data = new TextEncoder().encode('{"registryNumber":"RPW/8/2026"}');
    const signature = new Uint8Array(await crypto.subtle.sign(alg, keys.privateKey, data));
    const answered: string[] = [];
    const checks = Array.from({ length: 300 }, () =>
      ecdsa.verify(keys.publicKey, signature, data).then((ok) => answered.push(ok ? 'check' : 'wrong')),
    );
    await new Promise((resolve) => setImmediate(resolve)); // the checks are on their way
    const signed = ecdsa.sign(keys.privateKey, data).then(() => answered.push('sign'));
    await Promise.all([...checks, signed]);
    expect(answered.filter((a) => a === 'check')).toHaveLength(300);
    // 300 checks take tens of milliseconds; the signature comes after a handful of them.
    expect(answered.indexOf('sign')).toBeLessThan(150);
  } finally {
    await ecdsa.close();
  }
});

it('refuses what a dying worker held, and a new worker takes the next requests, keys sent again', async () => {
  const crashFile = join(tmpdir(), `ebok-crash-${process.pid}-${Date.now()}`);
  writeFileSync(crashFile, '');
  process.env['EBOK_TEST_CRASH_FILE'] = crashFile; // read by the worker when it starts
  const ecdsa = workerEcdsa(new URL('./fixtures/crypto-worker-crashing-once.mjs', import.meta.url));
  try {
    const keys = (await crypto.subtle.generateKey(alg, false, ['sign', 'verify'])) as CryptoKeyPair;
    const data = new TextEncoder().encode('receipt');
    const byWeb = new Uint8Array(await crypto.subtle.sign(alg, keys.privateKey, data));
    await expect(ecdsa.verify(keys.publicKey, byWeb, data)).rejects.toThrow(/stopped|on purpose/);
    expect(await ecdsa.verify(keys.publicKey, byWeb, data)).toBe(true);
    expect(
      await crypto.subtle.verify(alg, keys.publicKey, new Uint8Array(await ecdsa.sign(keys.privateKey, data)), data),
    ).toBe(true);
  } finally {
    delete process.env['EBOK_TEST_CRASH_FILE'];
    await ecdsa.close();
  }
});
