/** The city CA's side: certificates, CRLs and activation codes (server and clerks' tools). */
export {
  CityCa,
  CertificateRequestError,
  CaValidityError,
  addYears,
  type CaOptions,
  type RevokedEntry,
  type RevocationReason,
} from './ca.js';
export {
  createActivationCode,
  hashActivationCode,
  parseActivationCode,
  MemoryActivationStore,
  DEFAULT_ACTIVATION_HOURS,
  type ActivationCodeProblem,
  type ActivationRecord,
  type ActivationStore,
  type ConsumeResult,
} from './activation.js';
export {
  checkIdentity,
  identityIdentifier,
  residentSubject,
  identityFromSubject,
  PESEL_SERIAL_PREFIX,
  type ResidentIdentity,
} from './names.js';
export {
  pemEncode,
  pemDecode,
  toHex,
  fromHex,
  toBase64,
  fromBase64,
  sha256,
  toArrayBuffer,
  useSha256,
  useEcdsa,
  type EcdsaBackend,
} from './encoding.js';
export { EC_ALGORITHM, OID } from './oids.js';
export { x509 } from './x509.js';
export { signerCertificateSummary } from '../cms/signer-certificate.js';
export type { CertificateSummary } from '../resident/summary.js';
