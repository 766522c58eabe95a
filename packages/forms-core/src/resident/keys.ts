import { EC_ALGORITHM, OID } from '../pki/oids.js';
import { x509 } from '../pki/x509.js';

/**
 * A new P-256 key pair for a resident. Extractable only so that the enrolment can wrap it once
 * into the password-protected PKCS#12 backup; what is kept for signing is a non-extractable copy
 * (see `toNonExtractable`).
 */
export async function generateResidentKeys(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A copy of a private key that cannot be exported: the one to keep in the browser. */
export async function toNonExtractable(privateKey: CryptoKey): Promise<CryptoKey> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey);
  return crypto.subtle.importKey('pkcs8', pkcs8, EC_ALGORITHM, false, ['sign']);
}

/**
 * A PKCS#10 certificate request (PEM) for the key. The CA names the certificate after the person
 * the clerk checked, so the request's subject only says who asks.
 */
export async function createCertificateRequest(keys: CryptoKeyPair, commonName = 'ebok resident'): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ [OID.commonName]: [commonName] }],
    keys,
    signingAlgorithm: EC_ALGORITHM,
  });
  return csr.toString('pem');
}
