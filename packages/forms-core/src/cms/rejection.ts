/** Why a signature was not accepted; stable codes for APIs and messages. */
export type VerifyErrorCode =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'multiple-signers'
  | 'certificate-missing'
  | 'missing-signed-attributes'
  | 'content-mismatch'
  | 'signing-certificate-mismatch'
  | 'signature-invalid'
  | 'unknown-issuer'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'key-usage'
  | 'certificate-purpose'
  | 'trust-anchor-invalid'
  | 'signing-time-future'
  | 'too-large'
  | 'certificate-revoked';

export class Rejection extends Error {
  constructor(
    readonly code: VerifyErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

export const reject = (code: VerifyErrorCode, detail: string): never => {
  throw new Rejection(code, detail);
};
