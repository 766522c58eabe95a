/** Polish postal code: 00-000. */
export function isPostalCodePl(value: string): boolean {
  return /^\d{2}-\d{3}$/.test(value);
}

/**
 * Parcel identifier (identyfikator działki ewidencyjnej): WWPPGG_R.OOOO.NR, optionally with a
 * map sheet: 221101_1.0001.138/28, 160902_2.0002.AR_1.259/2. R is the commune type, 1 to 5.
 */
export function isParcelId(value: string): boolean {
  return /^\d{6}_[1-5]\.\d{4}\.(?:AR_\d{1,4}\.)?\d{1,5}(?:\/\d{1,4})?$/.test(value);
}

/** Strips an optional PL prefix and spaces; returns the 26 digits of a Polish account number. */
export function normalizeIbanPl(value: string): string | undefined {
  const stripped = value.replace(/\s/g, '').replace(/^PL/i, '');
  return /^\d{26}$/.test(stripped) ? stripped : undefined;
}

/** Polish IBAN (or bare 26-digit NRB): ISO 13616 mod 97 check with the country code PL. */
export function isIbanPl(value: string): boolean {
  const digits = normalizeIbanPl(value);
  if (digits === undefined) return false;
  // Move "PL" + check digits to the end; P=25, L=21.
  const rearranged = digits.slice(2) + '2521' + digits.slice(0, 2);
  let remainder = 0;
  for (const c of rearranged) remainder = (remainder * 10 + Number(c)) % 97;
  return remainder === 1;
}
