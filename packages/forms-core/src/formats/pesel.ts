import { isRealDate } from './standard.js';

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

/** The century offset that PESEL adds to the month, by century start year. */
const CENTURY_BY_MONTH_OFFSET: ReadonlyArray<readonly [offset: number, century: number]> = [
  [80, 1800],
  [0, 1900],
  [20, 2000],
  [40, 2100],
  [60, 2200],
];

export interface PeselInfo {
  birthDate: string;
  sex: 'female' | 'male';
}

/** A PESEL's birth date, when its checksum is right and the date it encodes exists. */
function birthDateOf(d: readonly number[]): readonly [year: number, month: number, day: number] | undefined {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += d[i]! * PESEL_WEIGHTS[i]!;
  if ((10 - (sum % 10)) % 10 !== d[10]) return undefined;
  const yy = d[0]! * 10 + d[1]!;
  const mm = d[2]! * 10 + d[3]!;
  const dd = d[4]! * 10 + d[5]!;
  for (const [offset, century] of CENTURY_BY_MONTH_OFFSET) {
    const month = mm - offset;
    if (month >= 1 && month <= 12) return isRealDate(century + yy, month, dd) ? [century + yy, month, dd] : undefined;
  }
  return undefined;
}

const digitsOf = (value: string): number[] | undefined =>
  /^\d{11}$/.test(value) ? Array.from(value, Number) : undefined;

/**
 * Decodes a PESEL: its birth date (the month carries the century) and sex.
 * Returns undefined when the number is not a valid PESEL.
 */
export function decodePesel(value: string): PeselInfo | undefined {
  const d = digitsOf(value);
  const date = d && birthDateOf(d);
  if (!d || !date) return undefined;
  const [year, month, day] = date;
  const birthDate = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { birthDate, sex: d[9]! % 2 === 0 ? 'female' : 'male' };
}

/** PESEL: 11 digits, weighted checksum, and a real birth date encoded in the first six (no text made). */
export function isPesel(value: string): boolean {
  const d = digitsOf(value);
  return d !== undefined && birthDateOf(d) !== undefined;
}
