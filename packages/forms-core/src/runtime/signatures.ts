import type { ProcedureSummary, SignatureKind } from './types.js';

/** Every kind of signature, the city's certificate first. */
export const SIGNATURE_KINDS: readonly SignatureKind[] = ['city', 'qualified', 'trusted-profile', 'personal'];

/**
 * The signatures the acts name for an electronic application (KPA art. 63 § 3a; the residence
 * act's art. 28 says so outright): what a procedure accepts when its schema names nothing else.
 */
export const STATUTORY_SIGNATURES: readonly SignatureKind[] = ['qualified', 'trusted-profile', 'personal'];

/** The kinds a procedure accepts: its schema's `signatures`, or the statutory three. */
export const acceptedSignatures = (procedure: Pick<ProcedureSummary, 'signatures'>): readonly SignatureKind[] =>
  procedure.signatures ?? STATUTORY_SIGNATURES;
