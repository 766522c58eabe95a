import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CityCa, EC_ALGORITHM, pemDecode, pemEncode, toArrayBuffer, x509 } from '@ebok/forms-core/pki';
import { ConfigError } from '../../core/config.js';
import type { ServiceSigner } from '../../core/receipt.js';

export interface NodePki {
  readonly ca: CityCa;
  readonly service: ServiceSigner;
  readonly created: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The CA and the intake service's key and certificate, as files in `<data>/pki/` (keys 0600).
 * On first start, with none there, a development CA is created.
 */
export async function loadOrCreatePki(
  dataDir: string,
  office: string,
  now: Date,
  options: { readonly production?: boolean } = {},
): Promise<NodePki> {
  const dir = join(dataDir, 'pki');
  const files = {
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    serviceCert: join(dir, 'service.pem'),
    serviceKey: join(dir, 'service-key.pem'),
  };
  let created = false;
  if (!(await exists(files.caCert))) {
    // A missing folder in production is a mistake (a wrong EBOK_DATA_DIR, a lost volume), not a
    // first start: a new CA there would issue certificates nobody else trusts.
    if (options.production)
      throw new ConfigError(
        `EBOK_ENV=production needs the city CA in ${dir} (ca.pem, ca-key.pem, service.pem, service-key.pem); ` +
          'a development CA is never created in production',
      );
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { ca, privateKeyPkcs8 } = await CityCa.create({
      organization: office,
      commonName: `${office} – development CA`,
      now,
    });
    const keys = (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const service = await ca.issueServiceCertificate(keys.publicKey, { commonName: `${office} – intake service`, now });
    await writeFile(files.caKey, pemEncode('PRIVATE KEY', privateKeyPkcs8), { mode: 0o600 });
    await writeFile(
      files.serviceKey,
      pemEncode('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey))),
      { mode: 0o600 },
    );
    await writeFile(files.serviceCert, service.toString('pem'));
    await writeFile(files.caCert, ca.certificate.toString('pem'));
    created = true;
  }
  const ca = await CityCa.load(
    await readFile(files.caCert, 'utf8'),
    pemDecode(await readFile(files.caKey, 'utf8'), 'PRIVATE KEY'),
  );
  const serviceCert = new x509.X509Certificate(await readFile(files.serviceCert, 'utf8'));
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(pemDecode(await readFile(files.serviceKey, 'utf8'), 'PRIVATE KEY')),
    EC_ALGORITHM,
    false,
    ['sign'],
  );
  return { ca, service: { privateKey, certificateDer: new Uint8Array(serviceCert.rawData) }, created };
}
