import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate, Time } from '@peculiar/asn1-x509';
import { sha256, toArrayBuffer } from '../pki/encoding.js';
import { OID } from '../pki/oids.js';
import { compareBytes, derSetOf, ID_DATA_DER, rawEcdsaToDer } from './der.js';
import { EssCertIdV2, SigningCertificateV2 } from './ess.js';

export interface SignOptions {
  /** Defaults to now. */
  readonly signingTime?: Date;
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
  const certificate = AsnConvert.parse(toArrayBuffer(certificateDer), Certificate);
  const [digest, certHash] = await Promise.all([sha256(content), sha256(certificateDer)]);
  const signingTime = new Date(Math.floor((options.signingTime ?? new Date()).getTime() / 1000) * 1000);

  const attribute = (attrType: string, value: ArrayBuffer): Attribute =>
    new Attribute({ attrType, attrValues: [value] });
  const attributes = [
    attribute(OID.contentType, toArrayBuffer(ID_DATA_DER)),
    attribute(OID.signingTime, AsnConvert.serialize(new Time(signingTime))),
    attribute(OID.messageDigest, AsnConvert.serialize(new OctetString(digest))),
    attribute(
      OID.signingCertificateV2,
      AsnConvert.serialize(
        new SigningCertificateV2({ certs: [new EssCertIdV2({ certHash: new OctetString(certHash) })] }),
      ),
    ),
  ];
  // DER sorts a SET OF by encoding; verifiers (OpenSSL among them) re-encode it that way, so the
  // SignerInfo carries the attributes in that order and the signature covers exactly that SET.
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => compareBytes(x.der, y.der));
  const signedAttrs = encoded.map((x) => x.a);
  const toBeSigned = derSetOf(encoded.map((x) => x.der));
  const raw = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, toArrayBuffer(toBeSigned)),
  );

  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: certificate.tbsCertificate.issuer,
        serialNumber: certificate.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new SignatureAlgorithmIdentifier({ algorithm: OID.ecdsaWithSha256 }),
    signature: new OctetString(rawEcdsaToDer(raw)),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new DigestAlgorithmIdentifier({ algorithm: OID.sha256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet([new CertificateChoices({ certificate })]),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}
