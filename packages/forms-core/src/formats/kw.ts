// Land-register (księga wieczysta) check digit: letters have fixed values, no Q or V.
const KW_LETTER_VALUES: Readonly<Record<string, number>> = {
  X: 10,
  A: 11,
  B: 12,
  C: 13,
  D: 14,
  E: 15,
  F: 16,
  G: 17,
  H: 18,
  I: 19,
  J: 20,
  K: 21,
  L: 22,
  M: 23,
  N: 24,
  O: 25,
  P: 26,
  R: 27,
  S: 28,
  T: 29,
  U: 30,
  W: 31,
  Y: 32,
  Z: 33,
};
const KW_WEIGHTS = [1, 3, 7] as const;

function kwValue(c: string): number | undefined {
  if (c >= '0' && c <= '9') return Number(c);
  return KW_LETTER_VALUES[c];
}

/** Land-register number: court code (e.g. WA4M), 8 digits and a check digit, e.g. WA4M/00123456/4. */
export function isKwNumber(value: string): boolean {
  const m = /^([A-Z]{2}\d[A-Z])\/(\d{8})\/(\d)$/.exec(value);
  if (!m) return false;
  const chars = m[1]! + m[2]!;
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const v = kwValue(chars[i]!);
    if (v === undefined) return false;
    sum += v * KW_WEIGHTS[i % 3]!;
  }
  return sum % 10 === Number(m[3]);
}
