/** @module The certificate a stored detached signature names as its signer's: read again for showing, never for trust. */
import { summarizeCertificate, type CertificateSummary } from '../resident/summary.js';
import { equalBytes } from '../pki/encoding.js';
import { contents, findIssuerAndSerial } from './der-codec.js';
import { parseSignedData } from './parse.js';

/**
 * What the signer's certificate in a CMS SignedData says (subject, serial, validity): the
 * certificate whose serial number the SignerInfo names, else the first one it carries; undefined
 * for a signature that carries none or cannot be read.
 */
export function signerCertificateSummary(cms: Uint8Array): CertificateSummary | undefined {
  try {
    const sd = parseSignedData(cms);
    const serial = sd.signers[0]?.serialNumber;
    const own = sd.certificates.find((der) => {
      const at = findIssuerAndSerial(der);
      return at !== undefined && serial !== undefined && equalBytes(contents(der, at.serial), serial);
    });
    const der = own ?? sd.certificates[0];
    return der ? summarizeCertificate(der) : undefined;
  } catch {
    return undefined;
  }
}
