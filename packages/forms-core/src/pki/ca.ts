import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber } from '@peculiar/asn1-x509';
import { randomSerialHex, toArrayBuffer } from './encoding.js';
import { residentSubject, type ResidentIdentity } from './names.js';
import { EC_ALGORITHM, OID } from './oids.js';
import { x509 } from './x509.js';

export type RevocationReason =
  'unspecified' | 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';

export interface RevokedEntry {
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

export interface CaOptions {
  /** The city or office, e.g. "Urząd Miasta Olsztyn". */
  readonly organization: string;
  readonly commonName?: string;
  readonly now?: Date;
  readonly validityYears?: number;
}

/** Adds whole years in UTC, and drops milliseconds (X.509 times have second precision). */
export function addYears(date: Date, years: number): Date {
  const d = new Date(Math.floor(date.getTime() / 1000) * 1000);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

const REASONS: Readonly<Record<RevocationReason, x509.X509CrlReason>> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
};

/**
 * The city's certification authority: issues residents' certificates (two years, from a
 * PKCS#10 request, named as the clerk checked the person), the intake service's certificate
 * for receipts, and CRLs. ECDSA P-256 with SHA-256 throughout; WebCrypto only.
 */
export class CityCa {
  private constructor(
    readonly certificate: x509.X509Certificate,
    private readonly privateKey: CryptoKey,
  ) {}

  /** Creates a new self-signed CA (10 years by default). Keep the key as you would a seal. */
  static async create(options: CaOptions): Promise<{ ca: CityCa; privateKeyPkcs8: Uint8Array }> {
    const keys = (await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = wholeSeconds(options.now ?? new Date());
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerialHex(),
      name: [
        { [OID.countryName]: ['PL'] },
        { [OID.organizationName]: [options.organization] },
        { [OID.commonName]: [options.commonName ?? `${options.organization} CA`] },
      ],
      notBefore: now,
      notAfter: addYears(now, options.validityYears ?? 10),
      keys,
      signingAlgorithm: EC_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const privateKeyPkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    const signingKey = await crypto.subtle.importKey('pkcs8', privateKeyPkcs8, EC_ALGORITHM, false, ['sign']);
    return { ca: new CityCa(certificate, signingKey), privateKeyPkcs8 };
  }

  /** Loads a CA from its certificate (PEM or DER) and its PKCS#8 private key. */
  static async load(certificate: string | Uint8Array, privateKeyPkcs8: Uint8Array): Promise<CityCa> {
    const cert = new x509.X509Certificate(typeof certificate === 'string' ? certificate : toArrayBuffer(certificate));
    const key = await crypto.subtle.importKey('pkcs8', toArrayBuffer(privateKeyPkcs8), EC_ALGORITHM, false, ['sign']);
    return new CityCa(cert, key);
  }

  private async issue(
    subject: x509.JsonName,
    publicKey: x509.PublicKey | CryptoKey,
    notBefore: Date,
    notAfter: Date,
    usages: number,
    extra: x509.Extension[] = [],
  ): Promise<x509.X509Certificate> {
    return x509.X509CertificateGenerator.create({
      serialNumber: randomSerialHex(),
      subject,
      issuer: this.certificate.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey: this.privateKey,
      signingAlgorithm: EC_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usages, true),
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate, false),
        await x509.SubjectKeyIdentifierExtension.create(
          publicKey instanceof x509.PublicKey ? await publicKey.export() : publicKey,
        ),
        ...extra,
      ],
    });
  }

  /**
   * Certifies a resident's key from a PKCS#10 request (PEM or DER). The request must carry a
   * valid self-signature over a P-256 key; its subject is ignored: the certificate names the
   * person as the clerk checked them. Valid exactly two years from `now`.
   */
  async issueResidentCertificate(
    request: string | Uint8Array,
    identity: ResidentIdentity,
    now: Date = new Date(),
  ): Promise<x509.X509Certificate> {
    let csr: x509.Pkcs10CertificateRequest;
    try {
      csr = new x509.Pkcs10CertificateRequest(typeof request === 'string' ? request : toArrayBuffer(request));
    } catch {
      throw new CertificateRequestError('the certificate request is not a PKCS#10 request');
    }
    const alg = csr.publicKey.algorithm as EcKeyAlgorithm;
    if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') {
      throw new CertificateRequestError('the key must be ECDSA P-256');
    }
    if (!(await csr.verify())) throw new CertificateRequestError('the request is not signed by its key');
    const notBefore = wholeSeconds(now);
    this.checkValidAt(notBefore);
    return this.issue(
      residentSubject(identity),
      csr.publicKey,
      notBefore,
      addYears(notBefore, 2),
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      [
        new x509.CertificatePolicyExtension([OID.residentPolicy]),
        new x509.ExtendedKeyUsageExtension([OID.documentSigning]),
      ],
    );
  }

  /** The intake service's certificate, with which it signs receipts. */
  async issueServiceCertificate(
    publicKey: CryptoKey,
    options: { commonName: string; now?: Date; validityYears?: number },
  ): Promise<x509.X509Certificate> {
    const notBefore = wholeSeconds(options.now ?? new Date());
    this.checkValidAt(notBefore);
    return this.issue(
      [
        { [OID.countryName]: ['PL'] },
        { [OID.organizationName]: [this.certificate.subjectName.getField(OID.organizationName)[0] ?? 'ebok'] },
        { [OID.commonName]: [options.commonName] },
      ],
      publicKey,
      notBefore,
      addYears(notBefore, options.validityYears ?? 2),
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      // Its own policy and purpose: a receipt signer, never an applicant.
      [
        new x509.CertificatePolicyExtension([OID.servicePolicy]),
        new x509.ExtendedKeyUsageExtension([OID.receiptSigning]),
      ],
    );
  }

  /** Whether the CA's own certificate is valid at `date`; nothing is issued outside it. */
  isValidAt(date: Date): boolean {
    return date >= this.certificate.notBefore && date <= this.certificate.notAfter;
  }

  private checkValidAt(date: Date): void {
    if (!this.isValidAt(date))
      throw new CaValidityError(
        `the city CA's certificate is valid from ${this.certificate.notBefore.toISOString()} to ${this.certificate.notAfter.toISOString()}`,
      );
  }

  /** A CRL listing the revoked certificates, valid until `nextUpdate` (default: a day later). */
  async createCrl(
    revoked: readonly RevokedEntry[],
    options: { crlNumber: number; now?: Date; nextUpdate?: Date },
  ): Promise<x509.X509Crl> {
    const thisUpdate = wholeSeconds(options.now ?? new Date());
    return x509.X509CrlGenerator.create({
      issuer: this.certificate.subjectName,
      thisUpdate,
      nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + 24 * 3600 * 1000),
      signingKey: this.privateKey,
      signingAlgorithm: EC_ALGORITHM,
      entries: revoked.map((r) => ({
        serialNumber: r.serialNumber,
        revocationDate: wholeSeconds(r.revokedAt),
        reason: REASONS[r.reason],
      })),
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(this.certificate, false),
        new x509.Extension(OID.crlNumber, false, AsnConvert.serialize(new CRLNumber(options.crlNumber))),
      ],
    });
  }
}

/** The CA's own certificate is not valid now: nothing can be issued until it is replaced. */
export class CaValidityError extends Error {
  override name = 'CaValidityError';
}

/** A certificate request that cannot be certified; its message says why. */
export class CertificateRequestError extends Error {
  override name = 'CertificateRequestError';
}
