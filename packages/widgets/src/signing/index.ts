/**
 * The signing chunk: loaded only when a resident reaches the signing step or enrols. CMS by our
 * own small DER writer and PKCS#10 the same way, over WebCrypto; no X.509 library.
 */
import {
  canonicalJson,
  createCertificateRequest,
  generateResidentKeys,
  IndexedDbCredentialStore,
  signDetached,
  summarizeCertificate,
  toNonExtractable,
  type CertificateSummary,
  type StoredCredential,
} from '@ebok/forms-core/resident';
import type { Json } from '@ebok/forms-core/runtime/base';
import type { SubmittedDocument } from '@ebok/schemas/api';

export type { CertificateSummary, StoredCredential };

const store = new IndexedDbCredentialStore();

/** The resident's credential in this browser, with what its certificate says. */
export async function loadCredential(): Promise<
  { credential: StoredCredential; summary: CertificateSummary } | undefined
> {
  const credential = await store.load();
  if (!credential) return undefined;
  return { credential, summary: summarizeCertificate(credential.certificateDer) };
}

export async function saveCredential(credential: StoredCredential): Promise<CertificateSummary> {
  const summary = summarizeCertificate(credential.certificateDer);
  await store.save(credential);
  return summary;
}

export const removeCredential = (): Promise<void> => store.clear();

export { summarizeCertificate };

/**
 * The document to sign, as the intake server reads it (`schemas/api/submitted-document.schema.json`);
 * its RFC 8785 form is what is signed and sent.
 */
export type SubmissionDocument = SubmittedDocument;

/**
 * The canonical bytes of a document as text, unsigned: what a resident signs outside ebok is the
 * PDF the intake server makes from them (docs/signed-document.md).
 */
export const documentText = (document: SubmissionDocument): string => canonicalJson(document as unknown as Json);

/** Signs the canonical bytes of a document with the stored key: detached CMS (CAdES-BES), DER. */
export async function signDocument(
  document: SubmissionDocument,
  credential: StoredCredential,
): Promise<{ document: string; signature: Uint8Array }> {
  const text = documentText(document);
  const signature = await signDetached(
    new TextEncoder().encode(text),
    credential.privateKey,
    credential.certificateDer,
  );
  return { document: text, signature };
}

/**
 * Signs a small JSON value (a resident's question to the office, such as a challenge and the time)
 * as it signs a document: its canonical bytes, detached CMS with the stored key.
 */
export async function signJson(
  value: Json,
  credential: StoredCredential,
): Promise<{ text: string; signature: Uint8Array }> {
  const text = canonicalJson(value);
  return {
    text,
    signature: await signDetached(new TextEncoder().encode(text), credential.privateKey, credential.certificateDer),
  };
}

/** A new key pair and its certificate request (PEM), for enrolment. */
export async function newCertificateRequest(): Promise<{ keys: CryptoKeyPair; csr: string }> {
  const keys = await generateResidentKeys();
  return { keys, csr: await createCertificateRequest(keys) };
}

export { toNonExtractable };
