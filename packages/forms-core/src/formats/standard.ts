/** Whether year-month-day is a day on the calendar (months 1–12, leap years counted). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** JSON Schema `date` (RFC 3339 full-date): YYYY-MM-DD, a day that exists. */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A date as far as someone knows it: a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD), each
 * one that exists. For events of long ago, where people often know only the year.
 */
export function isPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  if (m[3] !== undefined) return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 12);
}

/** JSON Schema `date-time` (RFC 3339): a real date, a time, and Z or an offset. */
export function isDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!m || !isDate(m[1]!)) return false;
  const [h, min, s, oh, om] = [m[2], m[3], m[4], m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return h <= 23 && min <= 59 && s <= 60 && oh <= 23 && om <= 59;
}

// The HTML standard's "valid e-mail address": what a browser's <input type="email"> accepts,
// so the form and the validator agree.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** JSON Schema `email`, as the HTML standard defines a valid e-mail address (at most 254 characters). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
