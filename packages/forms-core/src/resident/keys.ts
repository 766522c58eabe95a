import {
  bitString,
  ecdsaRawToDer,
  oid,
  sequence,
  setOf,
  smallInteger,
  TAG,
  tlv,
  utf8String,
} from '../cms/der-codec.js';
import { ecdsa, pemEncode } from '../pki/encoding.js';
import { EC_ALGORITHM, OID } from '../pki/oids.js';

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
 * A PKCS#10 certificate request (PEM) for the key, signed with it. The CA names the certificate
 * after the person the clerk checked, so the request's subject only says who asks. Written with
 * the DER codec the signatures use: @peculiar/x509's request generator would add about 60 kB
 * (gzip) to the widget's signing code for this one fixed structure. OpenSSL and the CA check it.
 */
export async function createCertificateRequest(keys: CryptoKeyPair, commonName = 'ebok resident'): Promise<string> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const subject = sequence(setOf(sequence(oid(OID.commonName), utf8String(commonName))));
  // CertificationRequestInfo: version 0, subject, subjectPKInfo, attributes [0] (none).
  const info = sequence(smallInteger(0), subject, spki, tlv(TAG.context0));
  const signature = ecdsaRawToDer(await ecdsa().sign(keys.privateKey, info));
  const request = sequence(info, sequence(oid(OID.ecdsaWithSha256)), bitString(signature));
  return pemEncode('CERTIFICATE REQUEST', request);
}
