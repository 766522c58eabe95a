import { childAt, children, contents, decodeOid, decodeTime, expectTag, readTlv, TAG } from '../cms/der-codec.js';
import { toHex } from '../pki/encoding.js';
import { PESEL_SERIAL_PREFIX } from '../pki/names.js';

/** What a resident's certificate says, for showing its status: read without a full X.509 parser. */
export interface CertificateSummary {
  readonly serialNumber: string;
  readonly givenNames?: string;
  readonly surname?: string;
  readonly commonName?: string;
  readonly pesel?: string;
  /** The semantics identifier the certificate names its holder by (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …). */
  readonly identifier?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const NAME_OIDS: Readonly<Record<string, 'commonName' | 'surname' | 'serialNumber' | 'givenNames'>> = {
  '2.5.4.3': 'commonName',
  '2.5.4.4': 'surname',
  '2.5.4.5': 'serialNumber',
  '2.5.4.42': 'givenNames',
};

/**
 * The subject, serial number and validity of a DER certificate, by position (the browser's
 * certificate status needs these, not the 58 kB of a full X.509 library). Throws a DerError on
 * anything that is not a certificate.
 */
export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const certificate = expectTag(readTlv(der, 0), TAG.sequence, 'Certificate');
  const tbs = children(der, childAt(der, certificate, 0, TAG.sequence, 'TBSCertificate'));
  const at = tbs[0]?.tag === TAG.context0 ? 1 : 0;
  const serial = expectTag(tbs[at], TAG.integer, 'serialNumber');
  const validity = children(der, expectTag(tbs[at + 3], TAG.sequence, 'validity'));
  const subject = expectTag(tbs[at + 4], TAG.sequence, 'subject');
  const names: Partial<Record<'commonName' | 'surname' | 'serialNumber' | 'givenNames', string>> = {};
  const decoder = new TextDecoder();
  for (const rdn of children(der, subject)) {
    for (const atv of children(der, rdn)) {
      const [type, value] = children(der, atv);
      if (!type || !value) continue;
      const key = NAME_OIDS[decodeOid(contents(der, type))];
      if (key) names[key] = decoder.decode(contents(der, value));
    }
  }
  const { serialNumber, ...rest } = names;
  return {
    serialNumber: toHex(contents(der, serial)).replace(/^(00)+(?=.)/, ''),
    ...rest,
    ...(serialNumber && { identifier: serialNumber }),
    ...(serialNumber?.startsWith(PESEL_SERIAL_PREFIX) ? { pesel: serialNumber.slice(PESEL_SERIAL_PREFIX.length) } : {}),
    notBefore: decodeTime(der, validity[0]!),
    notAfter: decodeTime(der, validity[1]!),
  };
}
