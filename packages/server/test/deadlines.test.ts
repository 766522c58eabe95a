// The deadline arithmetic against cases written from the KPA's text (art. 35 § 3 and § 5, art. 57
// § 1–4) and the act on days free from work: month ends, leap years, Saturdays, holidays that move
// with Easter, Christmas Eve since 2025, and periods of suspension.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  deadline,
  deadlineState,
  easterSunday,
  isDayOff,
  nextWorkingDay,
  pausedDays,
  publicHolidays,
  procedurePeriod,
  type Pause,
  type Period,
} from '../src/core/deadlines.js';

describe('a period in months ends on the matching day, or the month’s last (art. 57 § 3)', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // a leap year
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-15', 1, '2027-01-15'], // into the next year
    ['2026-08-31', 2, '2026-10-31'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months → %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });
});

describe('public holidays', () => {
  it.each([
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest Easter possible
    [2285, '2285-03-22'], // the earliest
  ])('Easter Sunday %i is %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  it('lists the thirteen days of the act, and Christmas Eve from 2025', () => {
    expect([...publicHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-03',
      '2026-05-24', // Pentecost Sunday
      '2026-06-04', // Corpus Christi
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(publicHolidays(2024).has('2024-12-24')).toBe(false);
    expect(publicHolidays(2025).has('2025-12-24')).toBe(true);
    expect(publicHolidays(2010).has('2010-01-06')).toBe(false);
    expect(publicHolidays(2025).has('2025-06-19')).toBe(true); // Corpus Christi 2025
  });

  it('a deadline cannot end on a Saturday, a Sunday or a holiday', () => {
    expect(isDayOff('2026-12-05')).toBe(true); // Saturday
    expect(isDayOff('2026-12-06')).toBe(true); // Sunday
    expect(isDayOff('2026-12-07')).toBe(false);
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-28')).toBe('2026-12-28');
  });
});

describe('the day a case must be settled by', () => {
  const month: Period = { months: 1 };
  it.each<[string, string, Period, Pause[], string]>([
    ['an ordinary month', '2026-10-05', month, [], '2026-11-05'],
    ['the month’s last day, a Saturday → Monday', '2026-01-31', month, [], '2026-03-02'],
    ['Easter Monday → Tuesday', '2026-03-06', month, [], '2026-04-07'],
    ['Corpus Christi (a Thursday) → Friday', '2026-05-04', month, [], '2026-06-05'],
    ['Independence Day → the next day', '2026-10-11', month, [], '2026-11-12'],
    ['Christmas Eve, Christmas and a weekend → Monday', '2026-11-24', month, [], '2026-12-28'],
    ['two months into a leap February', '2027-12-31', { months: 2 }, [], '2028-02-29'],
    // A period in days leaves out the day the office received the item (art. 57 § 1).
    ['seven days', '2026-12-29', { days: 7 }, [], '2027-01-05'],
    ['seven days ending on Epiphany', '2026-12-30', { days: 7 }, [], '2027-01-07'],
    // Working days skip weekends and holidays: after Wednesday 23 Dec 2026, 24–27 Dec, 1–3 Jan and
    // Epiphany are off, so the seventh is Thursday 7 Jan.
    ['seven working days over Christmas', '2026-12-23', { workingDays: 7 }, [], '2027-01-07'],
    ['seven working days from a Friday', '2026-12-04', { workingDays: 7 }, [], '2026-12-15'],
    // Suspension does not count (art. 35 § 5): ten days paused, then a Sunday → Monday.
    ['a ten-day suspension', '2026-03-02', month, [{ from: '2026-03-10', until: '2026-03-20' }], '2026-04-13'],
    [
      'overlapping pauses count each day once',
      '2026-03-02',
      month,
      [
        { from: '2026-03-10', until: '2026-03-20' },
        { from: '2026-03-15', until: '2026-03-22' },
      ],
      '2026-04-14',
    ],
    [
      'a pause after the first deadline still moves it',
      '2026-10-05',
      month,
      [{ from: '2026-11-02', until: '2026-11-09' }],
      '2026-11-12',
    ],
  ])('%s: received %s', (_name, received, period, pauses, due) => {
    expect(deadline(received, period, pauses)).toBe(due);
  });

  it('a pause still running counts up to the day asked about', () => {
    const pauses = [{ from: '2026-03-10' }];
    expect(pausedDays(pauses, '2026-03-15')).toBe(5);
    expect(deadline('2026-03-02', month, pauses, '2026-03-15')).toBe('2026-04-07');
    expect(deadline('2026-03-02', month, pauses, '2026-03-10')).toBe('2026-04-02');
  });

  it('gives a procedure without a deadline of its own one month (KPA art. 35 § 3)', () => {
    expect(procedurePeriod(undefined)).toEqual({ months: 1 });
    expect(procedurePeriod({ workingDays: 7 })).toEqual({ workingDays: 7 });
  });

  it('refuses what is not a day', () => {
    expect(() => deadline('2026-02-30', month)).toThrow(RangeError);
    expect(() => deadline('30.01.2026', month)).toThrow(/is not a day/);
  });

  it('says in time, due soon or overdue', () => {
    expect(deadlineState('2026-12-20', '2026-12-07')).toBe('in-time');
    expect(deadlineState('2026-12-14', '2026-12-07')).toBe('due-soon');
    expect(deadlineState('2026-12-07', '2026-12-07')).toBe('due-soon');
    expect(deadlineState('2026-12-06', '2026-12-07')).toBe('overdue');
  });
});
