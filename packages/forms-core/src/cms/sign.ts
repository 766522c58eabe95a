import { ecdsa, sha256, toBase64 } from '../pki/encoding.js';
import { OID } from '../pki/oids.js';
import {
  certificateIssuerAndSerial,
  derNode,
  ecdsaRawToDer,
  encodeDer,
  octetString,
  oid,
  sequence,
  setOf,
  smallInteger,
  TAG,
  time,
  whole,
} from './der-codec.js';

export interface SignOptions {
  /** Defaults to now. */
  readonly signingTime?: Date;
}

interface PreparedCertificate {
  readonly der: Uint8Array;
  readonly issuerAndSerialNumber: Uint8Array;
  readonly signingCertificateAttribute: Uint8Array;
}

const VERSION_1 = smallInteger(1);
const SHA256_ALGORITHM = sequence(oid(OID.sha256));
const SHA256_ALGORITHMS = setOf(SHA256_ALGORITHM);
const ECDSA_WITH_SHA256 = sequence(oid(OID.ecdsaWithSha256));
const DATA_CONTENT_INFO = sequence(oid(OID.data));
const CONTENT_TYPE_DATA = sequence(oid(OID.contentType), setOf(oid(OID.data)));

// Receipts are signed with one service certificate thousands of times: prepare it once.
const prepared = new Map<string, Promise<PreparedCertificate>>();

async function prepare(certificateDer: Uint8Array): Promise<PreparedCertificate> {
  const hash = await sha256(certificateDer);
  const { serial, issuer } = certificateIssuerAndSerial(certificateDer);
  return {
    der: certificateDer,
    issuerAndSerialNumber: sequence(whole(certificateDer, issuer), whole(certificateDer, serial)),
    // ESSCertIDv2 with the default hash algorithm (SHA-256) left out, as DER requires.
    signingCertificateAttribute: sequence(
      oid(OID.signingCertificateV2),
      setOf(sequence(sequence(sequence(octetString(hash))))),
    ),
  };
}

const preparedByObject = new WeakMap<Uint8Array, Promise<PreparedCertificate>>();

function preparedFor(certificateDer: Uint8Array): Promise<PreparedCertificate> {
  // The same array (a server's own certificate) is found by identity; another copy by content.
  let p = preparedByObject.get(certificateDer);
  if (p) return p;
  const key = toBase64(certificateDer);
  p = prepared.get(key);
  if (!p) {
    if (prepared.size > 100) prepared.clear();
    p = prepare(new Uint8Array(certificateDer));
    prepared.set(key, p);
    p.catch(() => prepared.delete(key));
  }
  preparedByObject.set(certificateDer, p);
  return p;
}

/**
 * A detached CMS SignedData (DER) over `content`: SHA-256 with ECDSA P-256, signed attributes
 * contentType, messageDigest, signingTime and signing-certificate-v2 (CAdES-BES), the signer's
 * certificate included. `openssl cms -verify -binary -inform DER` accepts it.
 */
export async function signDetached(
  content: Uint8Array,
  privateKey: CryptoKey,
  certificateDer: Uint8Array,
  options: SignOptions = {},
): Promise<Uint8Array> {
  const [cert, digest] = await Promise.all([preparedFor(certificateDer), sha256(content)]);
  const signingTime = new Date(Math.floor((options.signingTime ?? new Date()).getTime() / 1000) * 1000);
  const signedAttrs = setOf(
    CONTENT_TYPE_DATA,
    sequence(oid(OID.signingTime), setOf(time(signingTime))),
    sequence(oid(OID.messageDigest), setOf(octetString(digest))),
    cert.signingCertificateAttribute,
  );
  const raw = await ecdsa().sign(privateKey, signedAttrs);
  // In the SignerInfo the same SET is tagged [0] IMPLICIT.
  const signedAttrsImplicit = new Uint8Array(signedAttrs);
  signedAttrsImplicit[0] = TAG.context0;
  const signerInfo = derNode(
    TAG.sequence,
    VERSION_1,
    cert.issuerAndSerialNumber,
    SHA256_ALGORITHM,
    signedAttrsImplicit,
    ECDSA_WITH_SHA256,
    derNode(TAG.octetString, ecdsaRawToDer(raw)),
  );
  const signedData = derNode(
    TAG.sequence,
    VERSION_1,
    SHA256_ALGORITHMS,
    DATA_CONTENT_INFO,
    derNode(TAG.context0, cert.der),
    derNode(TAG.set, signerInfo),
  );
  return encodeDer(derNode(TAG.sequence, oid(OID.signedData), derNode(TAG.context0, signedData)));
}
