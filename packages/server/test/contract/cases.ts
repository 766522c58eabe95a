// Cases over real HTTP on each runtime: a department opens a case on one of its items with a
// gapless znak sprawy, adds items and events, reads its deadline and lists its cases; another
// department, the registrar and anyone without a token get nowhere.
import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/core/deadlines.js';
import { api } from './client.js';
import type { Target } from './target.js';

type CaseBody = {
  caseNumber: string;
  sequence: number;
  status: string;
  deadline: string;
  state: string;
  receivedOn: string;
  documents: string[];
  events: Array<{ type: string; reason: string | null; until: string | null }>;
  lateNotice?: string;
};

/** A paper letter registered by the chancellery for a department: its registry number. */
export async function letter(target: Target, department: string, subject: string): Promise<string> {
  const form = new FormData();
  form.append('metadata', JSON.stringify({ sender: 'Jan Nowak, ul. Lipowa 1, Olsztyn', subject, department }));
  form.append('scan-1', new Blob([new Uint8Array([37, 80, 68, 70, 9])], { type: 'application/pdf' }), 'scan-1.pdf');
  const res = await fetch(`${target.baseUrl}/v1/chancelleries/k1/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${target.registrarToken}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registryNumber: string }).registryNumber;
}

export function caseContract(target: () => Target): void {
  describe('cases', () => {
    const wgn = () => target().departmentToken('WGN');
    const open = (json: unknown, token = wgn()) => api(target(), '/v1/cases', { method: 'POST', token, json });
    const event = async (caseNumber: string, json: unknown) =>
      api(target(), `/v1/cases/${caseNumber}/events`, { method: 'POST', token: wgn(), json });

    it('opens a case with its znak on a department’s item, once, and counts its deadline from the day the office received it', async () => {
      const item = await letter(target(), 'WGN', 'Wniosek o wznowienie granic');
      const withoutClass = await open({ registryNumber: item });
      expect(withoutClass.status).toBe(400);
      const res = await open({ registryNumber: item, jrwa: '6640', officer: 'Anna Geodetka' });
      expect(res.status).toBe(201);
      const c = (await res.json()) as CaseBody;
      const year = Number(c.receivedOn.slice(0, 4));
      expect(c.caseNumber).toBe(`WGN.6640.${c.sequence}.${year}`);
      expect(c).toMatchObject({ status: 'open', state: 'in-time', documents: [item], events: [] });
      expect(c.deadline).toBe(deadline(c.receivedOn, { months: 1 }));

      const again = await open({ registryNumber: item, jrwa: '6640' });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { type: string; detail: string }).detail).toContain(c.caseNumber);

      // Another department neither sees the case nor opens one on the item; the registrar may not.
      const wso = target().departmentToken('WSO');
      expect((await open({ registryNumber: item, jrwa: '6640' }, wso)).status).toBe(404);
      expect((await api(target(), `/v1/cases/${c.caseNumber}`, { token: wso })).status).toBe(404);
      expect((await open({ registryNumber: item, jrwa: '6640' }, target().registrarToken)).status).toBe(403);
      expect((await api(target(), `/v1/cases/${c.caseNumber}`)).status).toBe(401);
      const read = await api(target(), `/v1/cases/${c.caseNumber}`, { token: target().adminToken });
      expect(((await read.json()) as CaseBody).caseNumber).toBe(c.caseNumber);
    });

    it('numbers cases opened at once in one unit and class consecutively', async () => {
      // The letters one after another (the register's own concurrency is the intake tests'); the cases at once.
      const items: string[] = [];
      for (let i = 0; i < 12; i++) items.push(await letter(target(), 'WGN', `Pismo ${i}`));
      const opened = await Promise.all(items.map((registryNumber) => open({ registryNumber, jrwa: '6641' })));
      const bodies = (await Promise.all(opened.map((r) => r.json()))) as CaseBody[];
      expect(opened.map((r) => r.status)).toEqual(items.map(() => 201));
      const numbers = bodies.map((b) => b.sequence).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
      expect(new Set(bodies.map((b) => b.caseNumber)).size).toBe(12);
    });

    it('keeps its events in order: suspension stops the clock, an extension sets the new date, nothing after closing', async () => {
      const [first, second] = [
        await letter(target(), 'WGN', 'Podział działki'),
        await letter(target(), 'WGN', 'Uzupełnienie'),
      ];
      const c = (await (await open({ registryNumber: first, jrwa: '6642' })).json()) as CaseBody;

      const added = await api(target(), `/v1/cases/${c.caseNumber}/documents`, {
        method: 'POST',
        token: wgn(),
        json: { registryNumber: second },
      });
      expect(added.status).toBe(201);
      expect(((await added.json()) as CaseBody).documents.sort()).toEqual([first, second].sort());

      expect((await event(c.caseNumber, { type: 'suspended' })).status).toBe(409); // no reason
      expect((await event(c.caseNumber, { type: 'resumed' })).status).toBe(409); // not suspended
      const suspended = (await (
        await event(c.caseNumber, { type: 'suspended', reason: 'art. 97 § 1 pkt 4 KPA', inform: true })
      ).json()) as CaseBody;
      expect(suspended.status).toBe('suspended');
      const list = async (query: string) =>
        (
          (await (await api(target(), `/v1/cases?department=WGN&${query}`, { token: wgn() })).json()) as {
            cases: Array<{ caseNumber: string; dueOn: string | null }>;
          }
        ).cases;
      expect((await list('status=suspended')).find((x) => x.caseNumber === c.caseNumber)?.dueOn).toBeNull();
      expect((await event(c.caseNumber, { type: 'resumed' })).status).toBe(201);

      const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      const extended = (await (
        await event(c.caseNumber, { type: 'extended', reason: 'opinia rzeczoznawcy', until })
      ).json()) as CaseBody;
      expect(extended).toMatchObject({ status: 'extended', deadline: until });
      expect((await list('status=extended')).map((x) => x.caseNumber)).toContain(c.caseNumber);

      expect((await event(c.caseNumber, { type: 'decided' })).status).toBe(409); // no outcome
      expect((await event(c.caseNumber, { type: 'decided', outcome: 'decyzja nr 12/2026' })).status).toBe(201);
      const closed = (await (await event(c.caseNumber, { type: 'closed' })).json()) as CaseBody;
      expect(closed).toMatchObject({ status: 'closed', state: 'settled' });
      expect(closed.events.map((e) => e.type)).toEqual(['suspended', 'resumed', 'extended', 'decided', 'closed']);
      expect((await event(c.caseNumber, { type: 'suspended', reason: 'x' })).status).toBe(409);
      expect(
        (
          await api(target(), `/v1/cases/${c.caseNumber}/events`, {
            method: 'POST',
            token: target().departmentToken('WSO'),
            json: { type: 'closed' },
          })
        ).status,
      ).toBe(404);

      // Every step is in the audit chain.
      const audit = (await (await api(target(), '/v1/audit?limit=1000', { token: target().adminToken })).json()) as {
        records: Array<{ action: string; target: string }>;
      };
      expect(audit.records.filter((r) => r.target === c.caseNumber).map((r) => r.action)).toEqual([
        'case.open',
        'case.add-document',
        'case.suspended',
        'case.resumed',
        'case.extended',
        'case.decided',
        'case.closed',
      ]);
    });

    it('exports the spis spraw of a unit, class and year as CSV, with the first item’s sender', async () => {
      const item = await letter(target(), 'WGN', '=HYPERLINK("http://x");tytuł');
      const c = (await (
        await open({ registryNumber: item, jrwa: '6643', officer: 'Anna Geodetka' })
      ).json()) as CaseBody;
      const year = c.caseNumber.slice(-4);
      const res = await api(target(), `/v1/cases/export?department=WGN&jrwa=6643&year=${year}`, { token: wgn() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM: spreadsheets then read UTF-8
      const [head, ...rows] = new TextDecoder().decode(bytes).split('\r\n');
      expect(head).toBe(
        'Lp.;Znak sprawy;Sprawa (krótka treść);Od kogo wpłynęła;Znak pisma;Data pisma;Data wszczęcia sprawy;Data ostatecznego załatwienia;Prowadzący;Uwagi (sposób załatwienia)',
      );
      const row = rows.find((r) => r.includes(c.caseNumber))!;
      // A title a spreadsheet would run as a formula is written as text.
      expect(row).toBe(
        `${c.sequence};${c.caseNumber};"'=HYPERLINK(""http://x"");tytuł";Jan Nowak, ul. Lipowa 1, Olsztyn;;;${c.receivedOn};;Anna Geodetka;`,
      );
      expect((await api(target(), '/v1/cases/export?department=WGN&jrwa=66430', { token: wgn() })).status).toBe(400);
      expect((await api(target(), '/v1/cases/export?department=WSO&jrwa=6643', { token: wgn() })).status).toBe(403);
    });

    it('moves a misrouted item to its department’s inbox with a reason, keeping the date received, and lets that department accept it', async () => {
      const item = await letter(target(), 'WSO', 'Wniosek o numer porządkowy');
      const wso = target().departmentToken('WSO');
      const path = (code: string, what: string) =>
        `/v1/departments/${code}/documents/${encodeURIComponent(item)}/${what}`;
      const leased = async (code: string) =>
        (
          (await (
            await api(target(), `/v1/departments/${code}/queue/lease`, {
              method: 'POST',
              token: target().departmentToken(code),
              json: { max: 100, visibilitySeconds: 1 },
            })
          ).json()) as { messages: Array<{ registryNumber: string }> }
        ).messages.map((m) => m.registryNumber);

      expect(
        (
          await api(target(), path('WSO', 'forwarding'), {
            method: 'POST',
            token: wso,
            json: { to: 'XYZ', reason: 'x' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api(target(), path('WSO', 'forwarding'), {
            method: 'POST',
            token: target().registrarToken,
            json: { to: 'WGN', reason: 'x' },
          })
        ).status,
      ).toBe(403);
      const forwarded = await api(target(), path('WSO', 'forwarding'), {
        method: 'POST',
        token: wso,
        json: { to: 'WGN', reason: 'Numery porządkowe nadaje Wydział Geodezji' },
      });
      expect(forwarded.status).toBe(200);
      const way = (await forwarded.json()) as {
        department: string;
        receivedAt: string;
        dispatches: Array<{ kind: string; fromDepartment: string; reason: string }>;
      };
      expect(way).toMatchObject({
        department: 'WGN',
        dispatches: [{ kind: 'forwarded', fromDepartment: 'WSO', reason: 'Numery porządkowe nadaje Wydział Geodezji' }],
      });
      // It left the old inbox and entered the new one.
      expect(await leased('WSO')).not.toContain(item);
      expect(await leased('WGN')).toContain(item);
      expect(
        (await api(target(), `/v1/departments/WSO/documents/${encodeURIComponent(item)}`, { token: wso })).status,
      ).toBe(404);
      const doc = (await (
        await api(target(), `/v1/departments/WGN/documents/${encodeURIComponent(item)}`, { token: wgn() })
      ).json()) as { entry: { receivedAt: string } };
      expect(doc.entry.receivedAt).toBe(way.receivedAt);
      expect((await api(target(), path('WSO', 'acceptance'), { method: 'POST', token: wso })).status).toBe(404);
      expect((await api(target(), path('WGN', 'acceptance'), { method: 'POST', token: wgn() })).status).toBe(200);
      expect((await api(target(), path('WGN', 'acceptance'), { method: 'POST', token: wgn() })).status).toBe(409);
      // WGN opens its case on it.
      expect((await open({ registryNumber: item, jrwa: '6630' })).status).toBe(201);
    });

    it('assigns an item to a department and officer; a reassignment may shorten the first deadline, never extend it', async () => {
      const item = await letter(target(), 'WSO', 'Pismo do przydzielenia');
      const assign = (json: unknown, token = target().registrarToken) =>
        api(target(), `/v1/register/${encodeURIComponent(item)}/assignment`, { method: 'POST', token, json });
      const first = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      const later = new Date(Date.now() + 25 * 86_400_000).toISOString().slice(0, 10);
      const sooner = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
      expect((await assign({ department: 'WGN', officer: 'Jan Geodeta', deadline: first, note: 'pilne' })).status).toBe(
        200,
      );
      expect((await assign({ department: 'WGN', deadline: first }, wgn())).status).toBe(403);
      const extended = await assign({ department: 'WSO', deadline: later });
      expect(extended.status).toBe(409);
      expect(((await extended.json()) as { detail: string }).detail).toContain(first);
      const moved = (await (await assign({ department: 'WSO', deadline: sooner })).json()) as {
        department: string;
        dispatches: Array<{ kind: string; department: string; deadline: string | null; officer: string | null }>;
      };
      expect(moved.department).toBe('WSO');
      expect(moved.dispatches.map((d) => [d.kind, d.department, d.deadline])).toEqual([
        ['assigned', 'WGN', first],
        ['assigned', 'WSO', sooner],
      ]);
      // Without a deadline of its own, a reassignment keeps the first.
      const kept = (await (await assign({ department: 'WGN' })).json()) as {
        dispatches: Array<{ deadline: string | null }>;
      };
      expect(kept.dispatches.at(-1)!.deadline).toBe(first);
    });

    it('registers a paper letter with what annex 1 part A asks, a slash-free identifier beside its number, and lists those not fully scanned', async () => {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({
          sender: 'Spółdzielnia Mieszkaniowa „Pojezierze”',
          subject: 'Mapa do celów projektowych',
          department: 'WGN',
          documentDate: '2026-11',
          postedOn: '2026-11-28',
          accessLevel: 'public-in-part',
          deliveryMethod: 'courier',
          documentType: 'wniosek',
          senderAddress: {
            street: 'Pana Tadeusza',
            building: '9',
            town: 'Olsztyn',
            postalCode: '10-688',
            country: 'PL',
          },
          paperAttachments: 3,
          notFullyScanned: true,
        }),
      );
      form.append('scan-1', new Blob([new Uint8Array([37, 80, 68, 70, 7])], { type: 'application/pdf' }), 'scan-1.pdf');
      const res = await fetch(`${target().baseUrl}/v1/chancelleries/k1/documents`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${target().registrarToken}` },
      });
      expect(res.status).toBe(201);
      const { registryNumber } = (await res.json()) as { registryNumber: string };
      const year = registryNumber.split('/').at(-1);
      const page = (await (
        await api(target(), `/v1/register?year=${year}&notFullyScanned=true&limit=10000`, {
          token: target().adminToken,
        })
      ).json()) as { entries: Array<Record<string, unknown>> };
      const entry = page.entries.find((e) => e['registryNumber'] === registryNumber)!;
      expect(entry).toMatchObject({
        identifier: registryNumber.replaceAll('/', '-'),
        documentDate: '2026-11',
        notFullyScanned: true,
        details: {
          accessLevel: 'public-in-part',
          deliveryMethod: 'courier',
          postedOn: '2026-11-28',
          documentType: 'wniosek',
          senderAddress: { town: 'Olsztyn', country: 'PL' },
          paperAttachments: 3,
        },
      });
      expect(page.entries.every((e) => e['notFullyScanned'] === true)).toBe(true);
      expect((await api(target(), `/v1/register?notFullyScanned=yes`, { token: target().adminToken })).status).toBe(
        400,
      );
    });

    it('lists a department’s cases within bounds', async () => {
      const token = wgn();
      expect((await api(target(), '/v1/cases?department=WGN&limit=5', { token })).status).toBe(200);
      expect((await api(target(), '/v1/cases?department=WGN&limit=5000', { token })).status).toBe(400);
      expect((await api(target(), '/v1/cases?department=WGN&due=later', { token })).status).toBe(400);
      expect((await api(target(), '/v1/cases?department=WSO', { token })).status).toBe(403);
      const soon = await api(target(), '/v1/cases?department=WGN&due=overdue', { token });
      expect(((await soon.json()) as { cases: unknown[] }).cases).toEqual([]);
    });

    it('gives a particularly complicated case two months (art. 35 § 3 KPA)', async () => {
      const item = await letter(target(), 'WGN', 'Podział nieruchomości o wielu współwłaścicielach');
      const res = await open({ registryNumber: item, jrwa: '6831', complicated: true });
      expect(res.status).toBe(201);
      const c = (await res.json()) as CaseBody;
      expect(c.deadline).toBe(deadline(c.receivedOn, { months: 2 }));
    });

    it('gives an open case its prowadzący, lists an officer’s cases, and leaves a closed one as it was', async () => {
      const item = await letter(target(), 'WGN', 'Wniosek o wypis z ewidencji');
      const c = (await (
        await open({ registryNumber: item, jrwa: '6621', officer: 'Anna Geodetka' })
      ).json()) as CaseBody;
      const setOfficer = (officer: unknown, token = wgn()) =>
        api(target(), `/v1/cases/${c.caseNumber}/officer`, { method: 'POST', token, json: { officer } });
      const changed = await setOfficer('Piotr Kartograf');
      expect(changed.status).toBe(200);
      expect(((await changed.json()) as { officer: string }).officer).toBe('Piotr Kartograf');
      const listed = async (officer: string) =>
        (
          (await (
            await api(target(), `/v1/cases?department=WGN&officer=${encodeURIComponent(officer)}&limit=1000`, {
              token: wgn(),
            })
          ).json()) as { cases: Array<{ caseNumber: string }> }
        ).cases.map((x) => x.caseNumber);
      expect(await listed('Piotr Kartograf')).toContain(c.caseNumber);
      expect(await listed('Anna Geodetka')).not.toContain(c.caseNumber);
      expect((await setOfficer('')).status).toBe(400);
      expect((await setOfficer('Obcy', target().departmentToken('WSO'))).status).toBe(404);
      expect((await setOfficer('Ktoś', target().registrarToken)).status).toBe(403);
      expect((await event(c.caseNumber, { type: 'closed', outcome: 'załatwiona' })).status).toBe(201);
      expect((await setOfficer('Anna Geodetka')).status).toBe(409);
      const audit = (await (await api(target(), '/v1/audit/verification', { token: target().adminToken })).json()) as {
        ok: boolean;
      };
      expect(audit.ok).toBe(true);
    });
  });
}
