import { CityCa, EC_ALGORITHM, pemDecode, toArrayBuffer, x509 } from '@ebok/forms-core/pki';
import { ConfigError } from '../../core/config.js';
import type { ServiceSigner } from '../../core/receipt.js';
import type { Bindings } from './env.js';

export interface WorkersPki {
  readonly ca: CityCa;
  readonly service: ServiceSigner;
}

type PkiSecret = 'EBOK_CA_CERTIFICATE' | 'EBOK_CA_KEY' | 'EBOK_SERVICE_CERTIFICATE' | 'EBOK_SERVICE_KEY';

function secret(bindings: Bindings, name: PkiSecret): string {
  const value = bindings[name];
  if (!value) throw new ConfigError(`${name} is not set (wrangler secret put ${name} < file.pem)`);
  // A PEM pasted on one line with "\n" escapes reads the same as one with real line breaks.
  return value.replace(/\\n/g, '\n');
}

/**
 * The CA and the intake service's key and certificate, from secrets (PEM: certificates, PKCS#8
 * keys). The same four files the Node adapter keeps in `<data>/pki/`.
 */
export async function loadPki(bindings: Bindings): Promise<WorkersPki> {
  const ca = await CityCa.load(
    secret(bindings, 'EBOK_CA_CERTIFICATE'),
    pemDecode(secret(bindings, 'EBOK_CA_KEY'), 'PRIVATE KEY'),
  );
  const serviceCert = new x509.X509Certificate(secret(bindings, 'EBOK_SERVICE_CERTIFICATE'));
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(pemDecode(secret(bindings, 'EBOK_SERVICE_KEY'), 'PRIVATE KEY')),
    EC_ALGORITHM,
    false,
    ['sign'],
  );
  return { ca, service: { privateKey, certificateDer: new Uint8Array(serviceCert.rawData) } };
}
