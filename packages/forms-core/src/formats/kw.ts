// Land-register (księga wieczysta) check digit: a character's value is its position here (digits
// are themselves, X is 10, A 11 … Z 33; there is no Q or V).
const KW_VALUES = '0123456789XABCDEFGHIJKLMNOPRSTUWYZ';
const KW_WEIGHTS = [1, 3, 7] as const;

/** Land-register number: court code (e.g. WA4M), 8 digits and a check digit, e.g. WA4M/00123456/4. */
export function isKwNumber(value: string): boolean {
  const m = /^([A-Z]{2}\d[A-Z])\/(\d{8})\/(\d)$/.exec(value);
  if (!m) return false;
  const chars = m[1]! + m[2]!;
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const v = KW_VALUES.indexOf(chars[i]!);
    if (v < 0) return false;
    sum += v * KW_WEIGHTS[i % 3]!;
  }
  return sum % 10 === Number(m[3]);
}
