/**
 * @module The legal deadlines of cases, counted as the Code of Administrative Procedure counts
 * them: from the day the office received the item, in months or days (art. 57 § 1–3), with
 * periods of suspension left out (art. 35 § 5), and ending on the next working day when the last
 * day is a Saturday or a public holiday (art. 57 § 4). Dates are calendar days (`YYYY-MM-DD`) in
 * the office's own calendar: no times, no time zones.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

/**
 * How long a procedure's case may take: months (KPA art. 35 § 3), or days or working days where
 * a special act, or the office's own practice under one, says so.
 */
export type Period = { readonly months: number } | { readonly days: number } | { readonly workingDays: number };

/** A span of days that does not count: from its first day up to, not including, `until`. */
export interface Pause {
  readonly from: Day;
  /** The day the clock runs again; a pause still running has none. */
  readonly until?: Day;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A day as a count of days since 1970-01-01 (UTC, so no daylight-saving gaps). */
function toNumber(day: Day): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`"${day}" is not a day (YYYY-MM-DD)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  if (mo < 1 || mo > 12 || d < 1 || new Date(t).getUTCDate() !== d) throw new RangeError(`"${day}" is not a day`);
  return t / MS_PER_DAY;
}

const fromNumber = (n: number): Day => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

/** `day` moved by `n` calendar days. */
export const addDays = (day: Day, n: number): Day => fromNumber(toNumber(day) + n);

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: Day, b: Day): number => toNumber(b) - toNumber(a);

/**
 * Art. 57 § 3: a period in months ends on the day of the last month that matches the first day
 * (the day of the event), or on that month's last day when it has no such day (31 January + one
 * month → 28 or 29 February).
 */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  toNumber(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromNumber(Date.UTC(year, month, Math.min(d, last)) / MS_PER_DAY);
}

/** Easter Sunday of a year (the Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<Day>>();

/**
 * Poland's public holidays of a year, as the act on days free from work (ustawa z dnia 18
 * stycznia 1951 r. o dniach wolnych od pracy, art. 1) lists them: New Year, Epiphany (since
 * 2011), Easter Sunday and Monday, 1 and 3 May, Pentecost Sunday, Corpus Christi, 15 August,
 * 1 and 11 November, Christmas Eve (since 2025), and the two days of Christmas.
 */
export function publicHolidays(year: number): ReadonlySet<Day> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-03', '08-15', '11-01', '11-11', '12-25', '12-26'];
  if (year >= 2011) fixed.push('01-06');
  if (year >= 2025) fixed.push('12-24');
  const days = new Set<Day>([
    ...fixed.map((md) => `${year}-${md}`),
    easter,
    addDays(easter, 1), // Easter Monday
    addDays(easter, 49), // Pentecost Sunday
    addDays(easter, 60), // Corpus Christi
  ]);
  holidayCache.set(year, days);
  return days;
}

/** A Saturday, a Sunday or a public holiday: a day on which a deadline cannot end (art. 57 § 4). */
export function isDayOff(day: Day): boolean {
  const weekday = new Date(toNumber(day) * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6 || publicHolidays(Number(day.slice(0, 4))).has(day);
}

/** The `n`-th working day after `day` (the day itself left out, as art. 57 § 1 leaves it out). */
export function addWorkingDays(day: Day, n: number): Day {
  let d = day;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!isDayOff(d)) left--;
  }
  return d;
}

/** The day itself when a deadline may end on it, else the next working day (art. 57 § 4). */
export function nextWorkingDay(day: Day): Day {
  let d = day;
  while (isDayOff(d)) d = addDays(d, 1);
  return d;
}

/**
 * Days a case stood still before `asOf` (art. 35 § 5), each counted once where pauses overlap;
 * a pause without an end runs up to `asOf`.
 */
export function pausedDays(pauses: readonly Pause[], asOf: Day): number {
  const spans = pauses
    .map((p) => [toNumber(p.from), Math.min(toNumber(p.until ?? asOf), toNumber(asOf))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reached = -Infinity;
  for (const [a, b] of spans) {
    const start = Math.max(a, reached);
    if (b > start) total += b - start;
    reached = Math.max(reached, b);
  }
  return total;
}

/**
 * The day a case must be settled by: the period counted from the day the office received the
 * item (a period in days leaves that day out, art. 57 § 1; one in months ends on the matching
 * day, § 3), lengthened by every day the case stood still (art. 35 § 5), and moved to the next
 * working day when it falls on a Saturday or a public holiday (§ 4).
 */
export function deadline(received: Day, period: Period, pauses: readonly Pause[] = [], asOf?: Day): Day {
  const base =
    'months' in period
      ? addMonths(received, period.months)
      : 'days' in period
        ? addDays(received, period.days)
        : addWorkingDays(received, period.workingDays);
  const paused = pausedDays(pauses, asOf ?? maxDay(pauses, base));
  return nextWorkingDay(addDays(base, paused));
}

/** The latest day that any pause or the base deadline names: "as of then", every closed pause counts. */
function maxDay(pauses: readonly Pause[], base: Day): Day {
  let latest = toNumber(base);
  for (const p of pauses) latest = Math.max(latest, toNumber(p.until ?? p.from), toNumber(p.from));
  return fromNumber(latest);
}

/** A procedure's period: its schema's `deadline`, or one month (KPA art. 35 § 3). */
export const procedurePeriod = (deadline: Period | undefined): Period => deadline ?? { months: 1 };

/** Where a case stands against its deadline on a day: in time, due within `soonDays`, or late. */
export function deadlineState(due: Day, today: Day, soonDays = 7): 'in-time' | 'due-soon' | 'overdue' {
  const left = daysBetween(today, due);
  return left < 0 ? 'overdue' : left <= soonDays ? 'due-soon' : 'in-time';
}
