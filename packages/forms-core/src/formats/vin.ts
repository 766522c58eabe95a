const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const VIN_TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

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
    const c = value[i]!;
    const v = c >= '0' && c <= '9' ? Number(c) : VIN_TRANSLITERATION[c]!;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const check = sum % 11;
  return value[8] === (check === 10 ? 'X' : String(check));
}
