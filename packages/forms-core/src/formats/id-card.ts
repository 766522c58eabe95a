const ID_CARD_WEIGHTS = [7, 3, 1, 9, 7, 3, 1, 7, 3] as const;

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  return code >= 65 ? code - 55 : code - 48; // A=10 … Z=35, digits as themselves
}

/** Polish ID card series and number: AAA999999, the 4th character is the check digit. */
export function isIdCardNumber(value: string): boolean {
  if (!/^[A-Z]{3}\d{6}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += charValue(value[i]!) * ID_CARD_WEIGHTS[i]!;
  return sum % 10 === 0;
}
