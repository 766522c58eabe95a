const EBOK_ARC = '2.25.217784466182073017580267596526084123656';

/** Object identifiers used by the city PKI and the CMS signatures. */
export const OID = {
  countryName: '2.5.4.6',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  serialNumber: '2.5.4.5',
  organizationName: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
  crlNumber: '2.5.29.20',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  certificatePolicies: '2.5.29.32',
  extendedKeyUsage: '2.5.29.37',
  /** id-kp-documentSigning (RFC 9336): residents sign documents with their certificates. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
  /**
   * ebok's own arc, a UUID OID (ITU-T X.667: 2.25.<UUID as an integer>), which needs no
   * registration: the city CA's certificate policies and the receipt signer's key purpose.
   */
  residentPolicy: `${EBOK_ARC}.1.1`,
  servicePolicy: `${EBOK_ARC}.1.2`,
  receiptSigning: `${EBOK_ARC}.2.1`,
} as const;

/** ECDSA P-256 with SHA-256: the only signature algorithm the city PKI issues and accepts. */
export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
