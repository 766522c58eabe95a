/**
 * What a resident's browser needs to enrol and sign, and nothing that verifies: detached CMS
 * over the RFC 8785 bytes, key generation, the certificate request, the credential store, the
 * activation-code check and a certificate summary. No X.509 library: a few kilobytes.
 * PKCS#12 backups are in `@ebok/forms-core/pkcs12` (pkijs, loaded only when needed).
 */
export { signDetached, type SignOptions } from './cms/sign.js';
export { generateResidentKeys, toNonExtractable, createCertificateRequest } from './resident/keys.js';
export {
  IndexedDbCredentialStore,
  MemoryCredentialStore,
  type CredentialStore,
  type StoredCredential,
} from './resident/store.js';
export { summarizeCertificate, type CertificateSummary } from './resident/summary.js';
export { parseActivationCode, type ActivationCodeProblem } from './pki/activation.js';
export { canonicalBytes, canonicalJson } from './canonical/index.js';
