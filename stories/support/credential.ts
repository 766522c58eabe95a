import { EC_ALGORITHM, x509 } from '@ebok/forms-core/pki';
import { canonicalJson, generateResidentKeys, signDetached } from '@ebok/forms-core/resident';
import * as signing from '../../packages/widgets/src/signing/index.js';
import type { SubmissionReceipt } from '../../packages/widgets/src/form/submit.js';

const DAY = 86_400_000;

async function selfIssued(subject: string, issuer: string, days: number, keys: CryptoKeyPair, caKey: CryptoKey) {
  return x509.X509CertificateGenerator.create({
    serialNumber: '0a5b',
    subject,
    issuer,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + days * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: EC_ALGORITHM,
  });
}

/** Whom a story's certificate is issued to. */
export interface StoryHolder {
  readonly givenNames: string;
  readonly surname: string;
  readonly pesel: string;
}

/** The resident the signing stories sign as: the applicant of usc-odpis-aktu's first example. */
export const ZOFIA: StoryHolder = { givenNames: 'Zofia', surname: 'Wiśniewska', pesel: '44051401359' };

/**
 * Puts a resident's credential in this browser, as enrolment would, but issued by a throwaway CA
 * made here: no intake server runs behind Storybook. `days` is how long it stays valid.
 */
export async function storeStoryCredential(days = 730, holder: StoryHolder = ZOFIA): Promise<void> {
  const keys = await generateResidentKeys();
  const ca = await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify']);
  const { givenNames, surname, pesel } = holder;
  const cert = await selfIssued(
    `CN=${givenNames} ${surname}, 2.5.4.42=${givenNames}, 2.5.4.4=${surname}, 2.5.4.5=PNOPL-${pesel}, C=PL`,
    'CN=Urząd Miasta (Storybook CA), C=PL',
    days,
    keys,
    ca.privateKey,
  );
  await signing.saveCredential({
    privateKey: keys.privateKey,
    certificateDer: new Uint8Array(cert.rawData),
    savedAt: new Date().toISOString(),
  });
}

export const removeStoryCredential = (): Promise<void> => signing.removeCredential();

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A receipt shaped as `POST /v1/submissions` answers, signed in CMS as the intake service signs
 * it, but by a key made here: it shows the page, it proves nothing.
 */
export async function storyReceipt(
  procedure: { id: string; version: string },
  department: string,
): Promise<SubmissionReceipt> {
  const registryNumber = 'RPW/128/2026';
  const receivedAt = '2026-03-02T09:30:12.000Z';
  const documentSha256 = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(procedure.id)));
  const document = canonicalJson({ registryNumber, receivedAt, procedure, department, documentSha256 });
  const keys = await generateResidentKeys();
  const ca = await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify']);
  const cert = await selfIssued('CN=ebok intake (Storybook)', 'CN=Storybook CA', 365, keys, ca.privateKey);
  const signature = await signDetached(
    new TextEncoder().encode(document),
    keys.privateKey,
    new Uint8Array(cert.rawData),
  );
  return {
    registryNumber,
    receivedAt,
    procedure,
    department,
    documentSha256,
    receipt: { document, signature: btoa(String.fromCharCode(...signature)) },
  };
}
