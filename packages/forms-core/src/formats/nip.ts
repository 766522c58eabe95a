const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/** Strips an optional `PL` prefix, spaces and dashes; returns the ten digits or undefined. */
export function normalizeNip(value: string): string | undefined {
  const stripped = value
    .trim()
    .replace(/^PL\s*/i, '')
    .replace(/[\s-]/g, '');
  return /^\d{10}$/.test(stripped) ? stripped : undefined;
}

/** NIP (tax identification number): weights 6,5,7,2,3,4,5,6,7; sum mod 11 is the 10th digit. */
export function isNip(value: string): boolean {
  const digits = normalizeNip(value);
  if (digits === undefined) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * NIP_WEIGHTS[i]!;
  const check = sum % 11;
  return check !== 10 && check === Number(digits[9]);
}
