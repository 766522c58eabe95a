const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

function checkDigitOk(digits: string, weights: readonly number[]): boolean {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return (sum % 11) % 10 === Number(digits[weights.length]);
}

/** REGON, 9 or 14 digits; a 14-digit REGON's first nine digits must be a valid REGON too. */
export function isRegon(value: string): boolean {
  if (/^\d{9}$/.test(value)) return checkDigitOk(value, REGON9_WEIGHTS);
  if (/^\d{14}$/.test(value)) {
    return checkDigitOk(value.slice(0, 9), REGON9_WEIGHTS) && checkDigitOk(value, REGON14_WEIGHTS);
  }
  return false;
}
