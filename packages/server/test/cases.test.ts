// Cases in core and on SQLite: what each event may follow and what it changes, the deadline with
// pauses and extensions, the art. 36 notice of a late case, and 100 cases opened at once in one
// unit and class getting 100 consecutive numbers.
import { afterEach, describe, expect, it } from 'vitest';
import { applyCaseEvent, caseDeadline, caseState, lateNotice, officeDay } from '../src/core/cases.js';
import type { CaseFile, CaseRecord, NewCase } from '../src/core/ports.js';
import type { SqliteStorage } from '../src/adapters/node/sqlite-storage.js';
import { newEntry, openStorage, receipt } from './sqlite-support.js';

const CASE: CaseRecord = {
  caseNumber: 'WGN.6640.7.2026',
  unit: 'WGN',
  jrwa: '6640',
  year: 2026,
  sequence: 7,
  title: 'Wznowienie znaków granicznych',
  department: 'WGN',
  officer: null,
  openedBy: 'token:department:WGN#000000000000',
  openedAt: '2026-03-02T09:00:00.000Z',
  receivedOn: '2026-03-02',
  period: { months: 1 },
  status: 'open',
  dueOn: '2026-04-02',
  closedAt: null,
  outcome: null,
};

/** The file after events applied one after another, each on its day. */
function afterEvents(steps: Array<[string, Parameters<typeof applyCaseEvent>[1]]>): CaseFile {
  let file: CaseFile = { case: CASE, documents: ['RPW/1/2026'], events: [] };
  for (const [day, input] of steps) {
    const { event, change } = applyCaseEvent(file, input, 'staff:anna', new Date(`${day}T10:00:00Z`), day);
    file = { ...file, case: { ...file.case, ...change }, events: [...file.events, event] };
  }
  return file;
}

describe('a case’s events', () => {
  it('stops the clock while suspended and moves the deadline by the days it stood', () => {
    const suspended = afterEvents([['2026-03-10', { type: 'suspended', reason: 'art. 97 § 1 pkt 4 KPA' }]]);
    expect(suspended.case).toMatchObject({ status: 'suspended', dueOn: null });
    // Still suspended on 15 March: five days so far.
    expect(caseDeadline(suspended.case, suspended.events, '2026-03-15')).toBe('2026-04-07');
    const resumed = afterEvents([
      ['2026-03-10', { type: 'suspended', reason: 'art. 97 § 1 pkt 4 KPA' }],
      ['2026-03-20', { type: 'resumed' }],
    ]);
    // Ten days: 12 April is a Sunday, so Monday 13 April.
    expect(resumed.case).toMatchObject({ status: 'open', dueOn: '2026-04-13' });
    // Waiting for the resident stops it too (art. 35 § 5).
    const waiting = afterEvents([
      ['2026-03-10', { type: 'waiting-for-resident', inform: true }],
      ['2026-03-17', { type: 'resumed' }],
    ]);
    expect(waiting.case.dueOn).toBe('2026-04-09');
    expect(waiting.events[0]!.inform).toBe(true);
  });

  it('takes the new date of an extension, and keeps the case extended after a pause', () => {
    const file = afterEvents([
      ['2026-03-25', { type: 'extended', reason: 'opinia biegłego', until: '2026-05-15' }],
      ['2026-03-26', { type: 'suspended', reason: 'zagadnienie wstępne' }],
      ['2026-03-27', { type: 'resumed' }],
    ]);
    expect(file.case).toMatchObject({ status: 'extended', dueOn: '2026-05-15' });
  });

  it('refuses what an event may not follow, or lacks', () => {
    const bad: Array<[Parameters<typeof applyCaseEvent>[1], RegExp]> = [
      [{ type: 'resumed' }, /open cannot be resumed/],
      [{ type: 'suspended' }, /needs a reason/],
      [{ type: 'extended', reason: 'x' }, /needs the new date/],
      [{ type: 'extended', reason: 'x', until: '2026-03-02' }, /after today/],
      [{ type: 'decided' }, /needs an outcome/],
      [{ type: 'closed', until: '2026-05-01' }, /"until" belongs to "extended" only/],
    ];
    const file: CaseFile = { case: CASE, documents: [], events: [] };
    for (const [input, message] of bad)
      expect(() => applyCaseEvent(file, input, 'staff:anna', new Date('2026-03-02T10:00:00Z'), '2026-03-02')).toThrow(
        message,
      );
    const closed = afterEvents([['2026-03-05', { type: 'closed', outcome: 'wycofany' }]]);
    expect(closed.case).toMatchObject({ status: 'closed', dueOn: null, outcome: 'wycofany' });
    expect(() =>
      applyCaseEvent(closed, { type: 'suspended', reason: 'x' }, 'staff:anna', new Date(), '2026-03-06'),
    ).toThrow(/closed cannot be suspended/);
  });

  it('drafts the art. 36 notice of a late case, with the right to a reminder', () => {
    expect(caseState(CASE, '2026-04-02', '2026-04-03')).toBe('overdue');
    expect(caseState({ ...CASE, status: 'decided' }, '2026-04-02', '2026-04-03')).toBe('settled');
    const notice = lateNotice(CASE, '2026-04-02', '2026-04-03', null);
    expect(notice).toContain('Znak sprawy: WGN.6640.7.2026');
    expect(notice).toContain('art. 36 § 1');
    expect(notice).toContain(
      '„Wznowienie znaków granicznych” nie została załatwiona w terminie, który upłynął 2026-04-02',
    );
    expect(notice).toContain('Przyczyna zwłoki: [wpisz przyczynę].');
    // A month from 3 April 2026 is Sunday 3 May, a holiday too: Monday 4 May.
    expect(notice).toContain('Nowy termin załatwienia sprawy: 2026-05-04.');
    expect(notice).toMatch(/ponaglenia.*art\. 37 § 1|art\. 37 § 1.*ponaglenia/s);
  });

  it('dates events in the office’s own calendar', () => {
    expect(officeDay(new Date('2026-12-31T23:30:00Z'), 'Europe/Warsaw')).toBe('2027-01-01');
    expect(officeDay(new Date('2026-06-30T21:59:00Z'), 'Europe/Warsaw')).toBe('2026-06-30');
  });
});

describe('cases on SQLite', () => {
  let storage: SqliteStorage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('gives 100 cases opened at once in one unit and class 100 consecutive numbers, and an item one case', async () => {
    storage = openStorage().storage;
    const s = storage;
    const items: string[] = [];
    for (let i = 0; i < 101; i++) {
      const outcome = await s.register.enter(newEntry(i), receipt);
      if (!('entry' in outcome)) throw new Error('not registered');
      items.push(outcome.entry.registryNumber);
    }
    const newCase = (registryNumber: string, jrwa = '6640'): NewCase => ({
      ...CASE,
      registryNumber,
      jrwa,
    });
    const opened = await Promise.all(items.slice(0, 100).map((r) => s.cases.open(newCase(r))));
    const numbers = opened.map((c) => (c === 'taken' ? 0 : c.sequence)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(opened.every((c) => c !== 'taken' && c.caseNumber === `WGN.6640.${c.sequence}.2026`)).toBe(true);
    // Another class starts at 1; an item already in a case is refused, and no number is used up.
    expect(await s.cases.open(newCase(items[0]!, '6641'))).toBe('taken');
    expect(await s.cases.open(newCase(items[100]!, '6641'))).toMatchObject({ caseNumber: 'WGN.6641.1.2026' });
    expect(await s.cases.caseOf(items[5]!)).toMatch(/^WGN\.6640\.\d+\.2026$/);
    const all = await s.cases.list({ department: 'WGN', limit: 1000 });
    expect(all).toHaveLength(101);
    // In the order of the znak, numbers as numbers: 9 before 10; a page goes on after its last.
    expect(all.slice(8, 11).map((c) => c.caseNumber)).toEqual([
      'WGN.6640.9.2026',
      'WGN.6640.10.2026',
      'WGN.6640.11.2026',
    ]);
    const next = await s.cases.list({ department: 'WGN', after: 'WGN.6640.99.2026', limit: 5 });
    expect(next.map((c) => c.caseNumber)).toEqual(['WGN.6640.100.2026', 'WGN.6641.1.2026']);
  });
});
