import { createHash, KeyObject, sign, verify } from 'node:crypto';
import type { EcdsaBackend } from '@ebok/forms-core/pki';

const keyObjects = new WeakMap<CryptoKey, KeyObject>();
function keyObject(key: CryptoKey): KeyObject {
  let k = keyObjects.get(key);
  if (!k) keyObjects.set(key, (k = KeyObject.from(key)));
  return k;
}

/** SHA-256 with node:crypto: microseconds, where a WebCrypto digest costs tens of them on Node. */
export const nodeSha256 = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();

/**
 * ECDSA with node:crypto's asynchronous sign and verify: the work still runs on the thread pool,
 * without WebCrypto's per-call JavaScript overhead. Same raw (r‖s) signatures.
 */
export const nodeEcdsa: EcdsaBackend = {
  sign(privateKey, data) {
    return new Promise((resolve, reject) =>
      sign('sha256', data, { key: keyObject(privateKey), dsaEncoding: 'ieee-p1363' }, (err, signature) =>
        err ? reject(err) : resolve(signature),
      ),
    );
  },
  verify(publicKey, signature, data) {
    return new Promise((resolve, reject) =>
      verify('sha256', data, { key: keyObject(publicKey), dsaEncoding: 'ieee-p1363' }, signature, (err, ok) =>
        err ? reject(err) : resolve(ok),
      ),
    );
  },
};
