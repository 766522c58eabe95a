const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
// ISO 3779's values of the characters: a character's position here, modulo 10 (digits are
// themselves; A–H are 1–8, J–N 1–5, P 7, R 9, S–Z 2–9).
const VIN_VALUES = '0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ';

/** VIN shape: 17 characters, digits and capital letters without I, O and Q. */
export function isVin(value: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(value);
}

/**
 * The North-American (ISO 3779 annex) check digit in position 9. It is not mandatory for
 * vehicles made for the EU market, so a failure is a warning for the resident, never an error.
 */
export function vinCheckDigitOk(value: string): boolean {
  if (!isVin(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (VIN_VALUES.indexOf(value[i]!) % 10) * VIN_WEIGHTS[i]!;
  }
  const check = sum % 11;
  return value[8] === (check === 10 ? 'X' : String(check));
}
