import type { CertificateRequest, IssuedCertificate, Problem } from '@ebok/schemas/api';
import type { CertificateSummary } from '../signing/index.js';

/** The office read the request and did not issue a certificate; `detail` says why, in the resident's language. */
export class EnrolmentRefused extends Error {
  override name = 'EnrolmentRefused';
  constructor(readonly detail: string | undefined) {
    super(detail ?? 'the office did not issue a certificate');
  }
}

function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/**
 * Enrolment: a key made in this browser, a certificate request with the activation code, the
 * certificate the office issues, a password-protected PKCS#12 backup made while the key can
 * still be exported, and then only a non-extractable copy of the key kept (IndexedDB).
 * Throws EnrolmentRefused for a refusal; anything else thrown means the office was not reached.
 */
export async function enrolWithCode(
  endpoint: string,
  activationCode: string,
  backupPassword: string,
  lang: string,
): Promise<CertificateSummary> {
  const signing = await import('../signing/index.js');
  const { keys, csr } = await signing.newCertificateRequest();
  const response = await fetch(`${endpoint}/v1/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify({ activationCode, csr } satisfies CertificateRequest),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new EnrolmentRefused(problem.detail ?? problem.title);
  }
  const { certificate } = (await response.json()) as IssuedCertificate;
  const certificateDer = pemToDer(certificate);
  const ca = await fetch(`${endpoint}/v1/ca/certificate`).then(
    async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : undefined),
    () => undefined,
  );
  const pkcs12 = await import('../signing/pkcs12.js');
  const backup = await pkcs12.exportPkcs12({
    privateKeyPkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    certificateDer,
    ...(ca ? { otherCertificates: [ca] } : {}),
    password: backupPassword,
  });
  return signing.saveCredential({
    privateKey: await signing.toNonExtractable(keys.privateKey),
    certificateDer,
    ...(ca ? { caCertificateDer: ca } : {}),
    pkcs12: backup,
    savedAt: new Date().toISOString(),
  });
}

/** Restores a PKCS#12 backup into this browser (the key non-extractable). Throws Pkcs12Error. */
export async function restoreBackup(bytes: Uint8Array, password: string): Promise<CertificateSummary> {
  const [signing, pkcs12] = await Promise.all([import('../signing/index.js'), import('../signing/pkcs12.js')]);
  const contents = await pkcs12.importPkcs12(bytes, password);
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    contents.privateKeyPkcs8 as BufferSource,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  return signing.saveCredential({
    privateKey,
    certificateDer: contents.certificateDer,
    ...(contents.otherCertificates[0] ? { caCertificateDer: contents.otherCertificates[0] } : {}),
    pkcs12: bytes,
    savedAt: new Date().toISOString(),
  });
}

/** The backup made at enrolment or import, as a file to download; undefined if there is none. */
export async function backupFile(): Promise<Blob | undefined> {
  const signing = await import('../signing/index.js');
  const pkcs12 = (await signing.loadCredential())?.credential.pkcs12;
  return pkcs12 ? new Blob([pkcs12 as BlobPart], { type: 'application/x-pkcs12' }) : undefined;
}
