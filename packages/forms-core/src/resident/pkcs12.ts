import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../pki/encoding.js';

const BAG_PKCS8_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERTIFICATE = '1.2.840.113549.1.12.10.1.3';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

export interface Pkcs12Contents {
  readonly privateKeyPkcs8: Uint8Array;
  readonly certificateDer: Uint8Array;
  /** Other certificates in the file (e.g. the city CA). */
  readonly otherCertificates: readonly Uint8Array[];
}

/** Why a PKCS#12 file could not be read. */
export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
  constructor(
    readonly code: 'wrong-password' | 'malformed' | 'no-key' | 'no-certificate',
    message: string,
  ) {
    super(message);
  }
}

interface ShroudedKeyBagParser {
  parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
}

const utf8 = (s: string): ArrayBuffer => toArrayBuffer(new TextEncoder().encode(s));

function bagAttributes(name: string, keyId: ArrayBuffer): pkijs.Attribute[] {
  return [
    new pkijs.Attribute({ type: FRIENDLY_NAME, values: [new asn1js.BmpString({ value: name })] }),
    new pkijs.Attribute({ type: LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: keyId })] }),
  ];
}

/**
 * A password-protected PKCS#12 file holding the resident's key and certificate (and the CA's):
 * the key shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the whole file MACed with
 * HMAC-SHA256. Uses pkijs; OpenSSL 3 and common browsers' certificate stores read it.
 */
export async function exportPkcs12(options: {
  privateKeyPkcs8: Uint8Array;
  certificateDer: Uint8Array;
  otherCertificates?: readonly Uint8Array[];
  password: string;
  friendlyName?: string;
  iterations?: number;
}): Promise<Uint8Array> {
  if (options.password.length < 8) throw new RangeError('the PKCS#12 password must have at least 8 characters');
  const iterations = options.iterations ?? 100_000;
  const password = utf8(options.password);
  const name = options.friendlyName ?? 'ebok';
  const keyId = crypto.getRandomValues(new Uint8Array(20)).buffer;
  const keyBag = new pkijs.SafeBag({
    bagId: BAG_PKCS8_SHROUDED_KEY,
    bagValue: new pkijs.PKCS8ShroudedKeyBag({
      parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(options.privateKeyPkcs8)),
    }),
    bagAttributes: bagAttributes(name, keyId),
  });
  const certBags = [options.certificateDer, ...(options.otherCertificates ?? [])].map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: BAG_CERTIFICATE,
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(der)) }),
        ...(i === 0 && { bagAttributes: bagAttributes(name, keyId) }),
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [{ privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [keyBag, ...certBags] }) }],
        },
      }),
    },
  });
  await (keyBag.bagValue as pkijs.PKCS8ShroudedKeyBag).makeInternalValues({
    password,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256, iv: crypto.getRandomValues(new Uint8Array(16)) },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}] });
  await pfx.makeInternalValues({
    password,
    iterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/** Reads a password-protected PKCS#12 file: the key (PKCS#8) and its certificate. */
export async function importPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const pass = utf8(password);
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
  } catch {
    throw new Pkcs12Error('malformed', 'this is not a PKCS#12 file');
  }
  try {
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/integrity|mac|hmac|verif/i.test(message)) throw new Pkcs12Error('wrong-password', 'wrong password');
    throw new Pkcs12Error('malformed', `cannot read the PKCS#12 file: ${message}`);
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Pkcs12Error('malformed', 'the PKCS#12 file has no content');
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pass })) });
  } catch {
    throw new Pkcs12Error('wrong-password', 'wrong password');
  }
  let privateKeyPkcs8: Uint8Array | undefined;
  const certificates: Uint8Array[] = [];
  for (const contents of safe.parsedValue?.safeContents ?? []) {
    for (const bag of (contents.value as pkijs.SafeContents).safeBags) {
      if (bag.bagId === BAG_PKCS8_SHROUDED_KEY) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        try {
          // Public in pkijs's own examples, though its typings mark it protected.
          await (shrouded as unknown as ShroudedKeyBagParser).parseInternalValues({ password: pass });
        } catch {
          throw new Pkcs12Error('wrong-password', 'wrong password');
        }
        privateKeyPkcs8 ??= new Uint8Array(shrouded.parsedValue!.toSchema().toBER(false));
      } else if (bag.bagId === BAG_CERTIFICATE) {
        const cert = (bag.bagValue as pkijs.CertBag).parsedValue as pkijs.Certificate;
        certificates.push(new Uint8Array(cert.toSchema().toBER(false)));
      }
    }
  }
  if (!privateKeyPkcs8) throw new Pkcs12Error('no-key', 'the PKCS#12 file holds no private key');
  if (certificates.length === 0) throw new Pkcs12Error('no-certificate', 'the PKCS#12 file holds no certificate');
  const certificateDer = await certificateForKey(privateKeyPkcs8, certificates);
  return { privateKeyPkcs8, certificateDer, otherCertificates: certificates.filter((c) => c !== certificateDer) };
}

/** The certificate whose public key belongs to the private key. */
async function certificateForKey(pkcs8: Uint8Array, certificates: Uint8Array[]): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'pkcs8',
    toArrayBuffer(pkcs8),
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', key);
  for (const der of certificates) {
    const cert = pkijs.Certificate.fromBER(toArrayBuffer(der));
    const spki = cert.subjectPublicKeyInfo.toSchema().toBER(false);
    try {
      const pub = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
      const pjwk = await crypto.subtle.exportKey('jwk', pub);
      if (pjwk.x === jwk.x && pjwk.y === jwk.y) return der;
    } catch {
      // Not a P-256 key: not this one.
    }
  }
  throw new Pkcs12Error('no-certificate', 'no certificate in the file matches the private key');
}
