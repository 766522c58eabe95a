/**
 * Signing and verifying documents: detached CMS over the RFC 8785 bytes, the resident's key and
 * certificate, PKCS#12 backups. Runs on WebCrypto alone: browser, Node and workerd.
 */
export { signDetached, type SignOptions } from './cms/sign.js';
export {
  verifyDetached,
  type Signer,
  type VerifyOptions,
  type VerifyResult,
  type VerifyErrorCode,
} from './cms/verify.js';
export { CertificateCache, type TrustAnchor, type VerifiedCertificate } from './cms/certificates.js';
export { generateResidentKeys, toNonExtractable, createCertificateRequest } from './resident/keys.js';
export { exportPkcs12, importPkcs12, Pkcs12Error, type Pkcs12Contents } from './resident/pkcs12.js';
export {
  IndexedDbCredentialStore,
  MemoryCredentialStore,
  type CredentialStore,
  type StoredCredential,
} from './resident/store.js';
export { parseActivationCode, type ActivationCodeProblem } from './pki/activation.js';
export { canonicalBytes, canonicalJson, isCanonicalJson, parseCanonicalJson } from './canonical/index.js';
export { summarizeCertificate, type CertificateSummary } from './resident/summary.js';
