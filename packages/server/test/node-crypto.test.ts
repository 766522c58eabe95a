import { expect, it } from 'vitest';
import { nodeEcdsa, nodeSha256 } from '../src/adapters/node/node-crypto.js';

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

it('node:crypto ECDSA and SHA-256 agree with WebCrypto both ways', async () => {
  const keys = (await crypto.subtle.generateKey(alg, false, ['sign', 'verify'])) as CryptoKeyPair;
  const data = new TextEncoder().encode('{"registryNumber":"RPW/1/2026"}');
  const byNode = await nodeEcdsa.sign(keys.privateKey, data);
  expect(byNode).toHaveLength(64);
  expect(await crypto.subtle.verify(alg, keys.publicKey, new Uint8Array(byNode), data)).toBe(true);
  const byWeb = new Uint8Array(await crypto.subtle.sign(alg, keys.privateKey, data));
  expect(await nodeEcdsa.verify(keys.publicKey, byWeb, data)).toBe(true);
  expect(await nodeEcdsa.verify(keys.publicKey, byWeb, new TextEncoder().encode('other'))).toBe(false);
  expect(Buffer.from(nodeSha256(data)).toString('hex')).toBe(
    Buffer.from(await crypto.subtle.digest('SHA-256', data)).toString('hex'),
  );
});
