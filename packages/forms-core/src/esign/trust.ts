/** @module The issuers an operator trusts for the signatures the law names, and what every kind of signature checks of its signer's certificate: chain, qualified status, validity, and who it names. */
import { equalBytes, toArrayBuffer, toHex } from '../pki/encoding.js';
import type { ResidentIdentity } from '../pki/names.js';
import { x509 } from '../pki/x509.js';
import { semanticsIdentifier } from '../formats/identity.js';
import { children, contents, decodeOid, expectTag, readTlv, TAG } from '../cms/der-codec.js';
import { notQualifiedReason, type ServicePeriod } from './qualification.js';

/** The kinds of signature Polish law names for an electronic application, beside the city's own certificate. */
export type StatutoryKind = 'qualified' | 'personal' | 'trusted-profile';

/** A CA whose certificates the operator trusts for one kind of signature (from a trusted list or the state's CA files). */
export interface TrustedIssuer {
  readonly kind: StatutoryKind;
  /** The CA's certificate; for `trusted-profile`, the state service's own signing certificate. */
  readonly certificate: x509.X509Certificate;
  /** For messages and the register: the trust service's or CA's name. */
  readonly name: string;
  /**
   * From a trusted list (ETSI TS 119 612): the service's statuses, current and past. When
   * present, whether a certificate is qualified is what the list says of the service when the
   * certificate was issued; without it (issuers configured one by one), what the certificate's
   * QC statements say.
   */
  readonly statusHistory?: readonly ServicePeriod[];
  /** The list that names the issuer: nothing it names is trusted after its NextUpdate. */
  readonly trustedList?: { readonly territory: string; readonly sequenceNumber: number; readonly nextUpdate: string };
  /** For `trusted-profile`: the CA certificate that issued the service's, to check its revocation. */
  readonly issuerCertificate?: x509.X509Certificate;
}

export type EsignErrorCode =
  | 'malformed'
  | 'too-large'
  | 'multiple-signers'
  | 'unsupported-algorithm'
  | 'missing-signed-attributes'
  | 'content-mismatch'
  | 'content-missing'
  | 'certificate-missing'
  | 'signing-certificate-mismatch'
  | 'signature-invalid'
  | 'unknown-issuer'
  | 'not-qualified'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'key-usage'
  | 'signing-time-future'
  | 'list-expired';

export class EsignError extends Error {
  constructor(
    readonly code: EsignErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EsignError';
  }
}

export const fail = (code: EsignErrorCode, message: string): never => {
  throw new EsignError(code, message);
};

export interface StatutorySigner {
  readonly kind: StatutoryKind;
  /** The issuer the certificate chains to, as the operator named it. */
  readonly issuer: string;
  readonly identity: ResidentIdentity | undefined;
  /** `PNOPL-<PESEL>` …, from the certificate's serialNumber; undefined when it names none. */
  readonly identifier: string | undefined;
  readonly subject: string;
  readonly serialNumber: string;
  readonly certificateSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const QC = {
  statements: '1.3.6.1.5.5.7.1.3',
  compliance: '0.4.0.1862.1.1',
  sscd: '0.4.0.1862.1.4',
  type: '0.4.0.1862.1.6',
  esign: '0.4.0.1862.1.6.1',
} as const;

const bytesOf = (b: ArrayBuffer) => new Uint8Array(b);
const sameName = (a: x509.Name, b: x509.Name) => equalBytes(bytesOf(a.toArrayBuffer()), bytesOf(b.toArrayBuffer()));

async function issuedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (!sameName(cert.issuerName, issuer.subjectName)) return false;
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

/** The statement ids (and QcType's types) of a certificate's qcStatements extension. */
function qcStatements(cert: x509.X509Certificate): { ids: string[]; types: string[] } {
  const ext = cert.extensions.find((e) => e.type === QC.statements);
  if (!ext) return { ids: [], types: [] };
  const der = bytesOf(ext.value);
  const ids: string[] = [];
  const types: string[] = [];
  try {
    for (const statement of children(der, expectTag(readTlv(der, 0), TAG.sequence, 'QCStatements'))) {
      const [id, info] = children(der, expectTag(statement, TAG.sequence, 'QCStatement'));
      const oid = decodeOid(contents(der, expectTag(id, TAG.oid, 'statementId')));
      ids.push(oid);
      if (oid === QC.type && info) {
        for (const t of children(der, expectTag(info, TAG.sequence, 'QcType'))) {
          types.push(decodeOid(contents(der, expectTag(t, TAG.oid, 'QcType'))));
        }
      }
    }
  } catch {
    fail('malformed', "cannot read the certificate's QC statements");
  }
  return { ids, types };
}

/** Why a trusted list's service does not make `cert` qualified, or undefined when it does. */
function listReason(cert: x509.X509Certificate, history: readonly ServicePeriod[]): string | undefined {
  const qc = qcStatements(cert);
  return notQualifiedReason(cert, history, {
    compliance: qc.ids.includes(QC.compliance),
    sscd: qc.ids.includes(QC.sscd),
    types: qc.types,
  });
}

/**
 * A list may name one CA certificate in several services (one for signatures, one for seals):
 * of the issuers with the certificate `found` has, the first under which `cert` is qualified.
 */
function preferQualifying(
  cert: x509.X509Certificate,
  found: TrustedIssuer,
  trusted: readonly TrustedIssuer[],
): TrustedIssuer {
  if (!found.statusHistory || !listReason(cert, found.statusHistory)) return found;
  const der = bytesOf(found.certificate.rawData);
  return (
    trusted.find(
      (t) =>
        t.kind === 'qualified' &&
        t.statusHistory &&
        equalBytes(bytesOf(t.certificate.rawData), der) &&
        !listReason(cert, t.statusHistory),
    ) ?? found
  );
}

/**
 * A certificate of a qualified issuer must be an EU qualified certificate for signatures, its key
 * on a qualified device: as its trusted list says of the issuing service when there is one, else
 * as its QC statements say.
 */
export function checkQualified(cert: x509.X509Certificate, issuer?: TrustedIssuer): void {
  if (issuer?.statusHistory) {
    const reason = listReason(cert, issuer.statusHistory);
    if (reason) fail('not-qualified', `the certificate is not qualified for electronic signatures: ${reason}`);
    return;
  }
  const qc = qcStatements(cert);
  if (
    !qc.ids.includes(QC.compliance) ||
    !qc.ids.includes(QC.sscd) ||
    (qc.types.length > 0 && !qc.types.includes(QC.esign))
  ) {
    fail(
      'not-qualified',
      'the certificate is not a qualified certificate for electronic signatures on a qualified device',
    );
  }
}

/** Validity now and at the claimed signing time, and a key usage for signatures. */
export function checkValidity(
  cert: x509.X509Certificate,
  now: Date,
  signingTime: Date | undefined,
  maxClockSkewMs = 5 * 60_000,
): void {
  if (signingTime && signingTime.getTime() > now.getTime() + maxClockSkewMs) {
    fail('signing-time-future', `the signing time ${signingTime.toISOString()} is in the future`);
  }
  for (const [when, label] of [
    [now, 'now'],
    ...(signingTime ? [[signingTime, 'at signing time'] as const] : []),
  ] as const) {
    if (when < cert.notBefore) fail('certificate-not-yet-valid', `the certificate is not yet valid ${label}`);
    if (when > cert.notAfter) fail('certificate-expired', `the certificate has expired ${label}`);
  }
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  if (ku && (ku.usages & (x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.digitalSignature)) === 0) {
    fail('key-usage', 'the certificate is not for signatures');
  }
}

/** An issuer a trusted list names is not trusted once the list's NextUpdate has passed. */
function current(t: TrustedIssuer, now: Date): TrustedIssuer {
  if (t.trustedList && now.getTime() > Date.parse(t.trustedList.nextUpdate)) {
    fail(
      'unknown-issuer',
      `the trusted list (${t.trustedList.territory}, number ${t.trustedList.sequenceNumber}) that names "${t.name}" expired at ${t.trustedList.nextUpdate}; the operator must load its current version`,
    );
  }
  return t;
}

/** The chain from the signer's certificate to a trusted issuer: directly, or through one CA certificate the signature carries. */
export async function chain(
  cert: x509.X509Certificate,
  carried: readonly x509.X509Certificate[],
  trusted: readonly TrustedIssuer[],
  now: Date,
): Promise<TrustedIssuer> {
  // The trusted-profile service signs with a certificate of its own, trusted as itself: the
  // identity it vouches for is in what it signs, so no other certificate of its CA may stand in.
  const der = bytesOf(cert.rawData);
  for (const t of trusted) {
    if (
      t.kind === 'trusted-profile'
        ? equalBytes(der, bytesOf(t.certificate.rawData))
        : await issuedBy(cert, t.certificate)
    ) {
      return current(preferQualifying(cert, t, trusted), now);
    }
  }
  for (const intermediate of carried) {
    if (intermediate === cert || !(await issuedBy(cert, intermediate))) continue;
    const bc = intermediate.getExtension(x509.BasicConstraintsExtension);
    if (!bc?.ca) continue;
    for (const t of trusted) {
      if (t.kind === 'trusted-profile' || !(await issuedBy(intermediate, t.certificate))) continue;
      if (now < intermediate.notBefore || now > intermediate.notAfter) {
        fail('certificate-expired', `the issuing CA certificate "${intermediate.subject}" is not valid now`);
      }
      return current(preferQualifying(cert, t, trusted), now);
    }
  }
  return fail(
    'unknown-issuer',
    'the certificate was not issued by a CA trusted for qualified, personal or trusted-profile signatures',
  );
}

/** What the register and the caller learn of a signer: the kind and issuer from the chain, the person from `identity`. */
export async function statutorySigner(
  cert: x509.X509Certificate,
  issuer: TrustedIssuer,
  identity: ResidentIdentity | undefined,
): Promise<StatutorySigner> {
  return {
    kind: issuer.kind,
    issuer: issuer.name,
    identity,
    identifier: identity && semanticsIdentifier(identity),
    subject: cert.subject,
    serialNumber: cert.serialNumber.toLowerCase(),
    certificateSha256: toHex(
      new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(new Uint8Array(cert.rawData)))),
    ),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}
