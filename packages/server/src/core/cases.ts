/**
 * @module Cases, decided once for every backend: what each event may follow and what it changes,
 * the case's deadline as the KPA counts it (deadlines.ts), and the art. 36 notice a late case
 * needs, drafted in Polish for the officer to complete.
 */
import { addMonths, deadline, deadlineState, nextWorkingDay, type Day, type Pause, type Period } from './deadlines.js';
import { senderName } from './search-keys.js';
import type { CaseChange, CaseEvent, CaseEventType, CaseFile, CaseListLine, CaseRecord, CaseStatus } from './ports.js';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The office's calendar day of an instant, in its time zone (a formatter made once per zone: making one is slow). */
export function officeDay(at: Date, timeZone: string): Day {
  let format = dayFormats.get(timeZone);
  if (!format)
    dayFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return format.format(at);
}

/** The first instant of an office day in its time zone (midnight there, whatever the offset that day). */
export function officeDayStart(day: Day, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Midnight there lies within 14 hours of midnight UTC: the first instant of the day, found by halving.
  let low = Date.UTC(y, m - 1, d) - 14 * 3_600_000;
  let high = Date.UTC(y, m - 1, d) + 14 * 3_600_000;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (officeDay(new Date(mid), timeZone) >= day) high = mid;
    else low = mid;
  }
  return new Date(high);
}

/** Why an event cannot be added: said to the officer as it is. */
export class CaseEventError extends Error {
  override readonly name = 'CaseEventError';
}

/** The statuses each event may follow. */
const FOLLOWS: Readonly<Record<CaseEventType, readonly CaseStatus[]>> = {
  suspended: ['open', 'extended'],
  'waiting-for-resident': ['open', 'extended'],
  resumed: ['suspended', 'waiting-for-resident'],
  extended: ['open', 'extended'],
  decided: ['open', 'extended', 'suspended', 'waiting-for-resident'],
  closed: ['open', 'extended', 'suspended', 'waiting-for-resident', 'decided'],
};

/** Statuses in which the clock stands still (KPA art. 35 § 5: suspension, delays caused by the party). */
const PAUSED: ReadonlySet<CaseStatus> = new Set(['suspended', 'waiting-for-resident']);
const SETTLED: ReadonlySet<CaseStatus> = new Set(['decided', 'closed']);

/** The periods a case stood still, from its events: each pause runs from its event's day to the day it resumed. */
function pausesOf(events: readonly CaseEvent[]): Pause[] {
  const pauses: Pause[] = [];
  let from: Day | undefined;
  for (const e of events) {
    if ((e.type === 'suspended' || e.type === 'waiting-for-resident') && from === undefined) from = e.onDay;
    else if (e.type === 'resumed' && from !== undefined) {
      pauses.push({ from, until: e.onDay });
      from = undefined;
    }
  }
  if (from !== undefined) pauses.push({ from });
  return pauses;
}

/**
 * The day a case must be settled by, as of `today`: its period from the day the office received
 * the item, every pause left out (one still running counts up to today), and never earlier than
 * the new date of an extension (art. 36).
 */
export function caseDeadline(c: CaseRecord, events: readonly CaseEvent[], today: Day): Day {
  const base = deadline(c.receivedOn, c.period as unknown as Period, pausesOf(events), today);
  const extended = events.filter((e) => e.type === 'extended' && e.until).map((e) => e.until!);
  const latest = extended.length ? extended.reduce((a, b) => (a > b ? a : b)) : undefined;
  return latest && latest > base ? latest : base;
}

/** What an officer asks of a case: the event, with what it needs. */
export interface CaseEventInput {
  readonly type: CaseEventType;
  readonly reason?: string;
  readonly until?: Day;
  readonly outcome?: string;
  readonly inform?: boolean;
}

/** The event as it is appended, and the change it makes; or why it cannot be. */
export function applyCaseEvent(
  file: CaseFile,
  input: CaseEventInput,
  actor: string,
  now: Date,
  today: Day,
): { event: CaseEvent; change: CaseChange } {
  const c = file.case;
  if (!FOLLOWS[input.type].includes(c.status))
    throw new CaseEventError(`a case that is ${c.status} cannot be ${input.type}`);
  if ((input.type === 'suspended' || input.type === 'extended') && !input.reason?.trim())
    throw new CaseEventError(`"${input.type}" needs a reason`);
  if (input.type === 'extended') {
    if (!input.until) throw new CaseEventError('"extended" needs the new date ("until")');
    if (input.until <= today) throw new CaseEventError('the new date must come after today');
  } else if (input.until !== undefined) throw new CaseEventError(`"until" belongs to "extended" only`);
  if (input.type === 'decided' && !input.outcome?.trim()) throw new CaseEventError('"decided" needs an outcome');
  const event: CaseEvent = {
    seq: file.events.length + 1,
    type: input.type,
    at: now.toISOString(),
    onDay: today,
    reason: input.reason?.trim() || null,
    until: input.until ?? null,
    outcome: input.outcome?.trim() || null,
    inform: input.inform ?? false,
    actor,
  };
  const events = [...file.events, event];
  const status: CaseStatus =
    input.type === 'resumed' ? (events.some((e) => e.type === 'extended') ? 'extended' : 'open') : input.type;
  const settled = SETTLED.has(status);
  return {
    event,
    change: {
      status,
      dueOn: settled || PAUSED.has(status) ? null : caseDeadline(c, events, today),
      closedAt: status === 'closed' ? now.toISOString() : c.closedAt,
      outcome: event.outcome ?? c.outcome,
    },
  };
}

/** The status of a new case and its first deadline. */
export function openedCase(receivedOn: Day, period: Period, today: Day): { status: CaseStatus; dueOn: Day } {
  return { status: 'open', dueOn: deadline(receivedOn, period, [], today) };
}

/** Where a case stands against its deadline today, or `settled`. */
export function caseState(c: CaseRecord, due: Day, today: Day): 'in-time' | 'due-soon' | 'overdue' | 'settled' {
  return SETTLED.has(c.status) ? 'settled' : deadlineState(due, today);
}

/**
 * The notice of KPA art. 36 that a late case needs, drafted for the officer: the case, the missed
 * date, the reason (to fill in where none was given), a proposed new date (a month from today,
 * on a working day), and the party's right to a reminder (ponaglenie, art. 37).
 */
export function lateNotice(c: CaseRecord, due: Day, today: Day, reason: string | null): string {
  return art36Notice(
    c,
    `nie została załatwiona w terminie, który upłynął ${due}`,
    reason ?? '[wpisz przyczynę]',
    nextWorkingDay(addMonths(today, 1)),
  );
}

/**
 * The art. 36 notice of an extension as the resident reads it: the date the case was due by
 * before it (missed, or yet to come on the day of the extension), the new date, the reason where
 * the officer let the resident be told it (null leaves the line out), and the right to a reminder.
 */
export function extensionNotice(c: CaseRecord, events: readonly CaseEvent[], extension: CaseEvent): string {
  const before = events.filter((e) => e.seq < extension.seq);
  const due = caseDeadline(c, before, extension.onDay);
  return art36Notice(
    c,
    due < extension.onDay
      ? `nie została załatwiona w terminie, który upłynął ${due}`
      : `nie zostanie załatwiona w terminie do ${due}`,
    extension.inform ? extension.reason : null,
    extension.until ?? due,
  );
}

function art36Notice(c: CaseRecord, late: string, reason: string | null, newDate: Day): string {
  return [
    `Znak sprawy: ${c.caseNumber}`,
    '',
    'ZAWIADOMIENIE',
    '',
    `Na podstawie art. 36 § 1 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego zawiadamiam, że sprawa „${c.title}” ${late}.`,
    ...(reason === null ? [] : [`Przyczyna zwłoki: ${reason}.`]),
    `Nowy termin załatwienia sprawy: ${newDate}.`,
    '',
    'Pouczenie: na podstawie art. 37 § 1 Kodeksu postępowania administracyjnego przysługuje Pani/Panu prawo do wniesienia ponaglenia, jeżeli sprawa nie została załatwiona w terminie (bezczynność) albo postępowanie jest prowadzone dłużej, niż jest to niezbędne (przewlekłość). Ponaglenie wnosi się do organu wyższego stopnia za pośrednictwem organu prowadzącego postępowanie.',
  ].join('\n');
}

/** The spis spraw's columns, as the instrukcja kancelaryjna lists them. */
export const SPIS_COLUMNS = [
  'Lp.',
  'Znak sprawy',
  'Sprawa (krótka treść)',
  'Od kogo wpłynęła',
  'Znak pisma',
  'Data pisma',
  'Data wszczęcia sprawy',
  'Data ostatecznego załatwienia',
  'Prowadzący',
  'Uwagi (sposób załatwienia)',
] as const;

/**
 * A CSV cell (RFC 4180 quoting, `;` between cells as spreadsheets in Poland expect). A text that
 * a spreadsheet would run as a formula (= + - @, a tab or a carriage return first) is prefixed with
 * an apostrophe, so a sender's name cannot be made to do anything when the office opens the file.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines of the spis spraw as CSV rows (CRLF-terminated), in the office's calendar. */
export function spisRows(lines: readonly CaseListLine[], timeZone: string): string {
  return lines
    .map(
      ({ case: c, sender, senderReference, documentDate }) =>
        [
          c.sequence,
          c.caseNumber,
          c.title,
          senderName(sender),
          senderReference,
          documentDate,
          officeDay(new Date(c.openedAt), timeZone),
          c.closedAt ? officeDay(new Date(c.closedAt), timeZone) : null,
          c.officer,
          c.outcome,
        ]
          .map(csvCell)
          .join(';') + '\r\n',
    )
    .join('');
}
