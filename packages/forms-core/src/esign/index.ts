/** @module Signatures the law names for an electronic application (qualified, podpis osobisty, podpis zaufany), verified against the issuers an operator trusts. */
export {
  verifyCades,
  EsignError,
  type CadesOptions,
  type CadesResult,
  type EsignErrorCode,
  type StatutoryKind,
  type StatutorySigner,
  type TrustedIssuer,
} from './cades.js';
export { verifyXades, DEFAULT_XADES_LIMITS, type XadesLimits, type XadesResult } from './xades.js';
export {
  readTrustedList,
  DEFAULT_TRUSTED_LIST_LIMITS,
  type TrustedList,
  type TrustedListLimits,
} from './trusted-list.js';
export {
  statusHistoryFromJson,
  type Criteria,
  type QualificationElement,
  type ServicePeriod,
} from './qualification.js';
export {
  RevocationChecker,
  revocationSources,
  CRL_REASONS,
  type CrlReason,
  type RevocationOptions,
  type RevocationStatus,
  type UnavailableWhy,
} from './revocation.js';
