// The register searched over real HTTP on each runtime: by number or its identifier, by the
// department that holds an item now, channel, status and dates, newest first with a cursor; a
// department sees what it holds, and only that.
import { describe, expect, it } from 'vitest';
import { api, formData, prepare, signerFor, submit } from './client.js';
import { letter } from './cases.js';
import type { Target } from './target.js';

type Found = {
  registryNumber: string;
  sender: unknown;
  identifier: string;
  channel: string;
  heldBy: string;
  status: string;
  caseNumber: string | null;
  receivedAt: string;
  dueOn?: string;
  deadlineState?: string;
};
type Page = { entries: Found[]; next?: string };

export function searchContract(target: () => Target): void {
  describe('the register searched', () => {
    const search = async (query: string, token = target().registrarToken): Promise<Page> => {
      const res = await api(target(), `/v1/register?${query}`, { token });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as Page;
    };

    it('finds an item by its number or identifier, and items by the department holding them, channel and status, newest first', async () => {
      const first = await letter(target(), 'WK', 'Wniosek o rejestrację');
      const second = await letter(target(), 'WK', 'Wniosek o wyrejestrowanie');
      const byNumber = await search(`q=${encodeURIComponent(first)}`);
      expect(byNumber.entries.map((e) => e.registryNumber)).toEqual([first]);
      expect(byNumber.entries[0]).toMatchObject({ heldBy: 'WK', status: 'registered', caseNumber: null });
      expect(byNumber.next).toBeUndefined();
      const byIdentifier = await search(`q=${byNumber.entries[0]!.identifier}`);
      expect(byIdentifier.entries.map((e) => e.registryNumber)).toEqual([first]);

      const wk = await search('department=WK&limit=200');
      const mine = wk.entries.map((e) => e.registryNumber).filter((n) => n === first || n === second);
      expect(mine).toEqual([second, first]);
      expect(wk.entries.every((e) => e.heldBy === 'WK')).toBe(true);

      // Forwarded to WGN: WGN holds it now, WK no longer.
      const forwarded = await api(target(), `/v1/departments/WK/documents/${encodeURIComponent(first)}/forwarding`, {
        method: 'POST',
        token: target().departmentToken('WK'),
        json: { to: 'WGN', reason: 'To sprawa geodezyjna' },
      });
      expect(forwarded.status).toBe(200);
      expect((await search('department=WK&limit=200')).entries.map((e) => e.registryNumber)).not.toContain(first);
      const wgn = await search('department=WGN&status=forwarded&limit=200');
      expect(wgn.entries.find((e) => e.registryNumber === first)).toMatchObject({ heldBy: 'WGN', status: 'forwarded' });
      expect(wgn.entries.every((e) => e.status === 'forwarded')).toBe(true);

      // A case opened on it: its status and znak.
      const opened = await api(target(), '/v1/cases', {
        method: 'POST',
        token: target().departmentToken('WGN'),
        json: { registryNumber: first, jrwa: '6620' },
      });
      const { caseNumber } = (await opened.json()) as { caseNumber: string };
      const inCase = await search('status=case-opened&department=WGN&limit=200');
      expect(inCase.entries.find((e) => e.registryNumber === first)).toMatchObject({
        status: 'case-opened',
        caseNumber,
      });

      const paper = await search('channel=chancellery:k1&limit=200');
      expect(paper.entries.length).toBeGreaterThan(0);
      expect(paper.entries.every((e) => e.channel === 'chancellery:k1')).toBe(true);
      expect((await search('channel=chancellery:k9')).entries).toEqual([]);
    });

    it('gives an item in no case its deadline: a month from the day the office received it, or the one its first assignment set', async () => {
      const item = await letter(target(), 'WK', 'Wniosek o zwrot dowodu rejestracyjnego');
      const [found] = (await search(`q=${encodeURIComponent(item)}`)).entries;
      const received = Date.parse(found!.receivedAt.slice(0, 10));
      const days = (Date.parse(found!.dueOn!) - received) / 86_400_000;
      // A month (art. 35 KPA), moved to the next working day when it ends on a day off.
      expect(days).toBeGreaterThanOrEqual(28);
      expect(days).toBeLessThanOrEqual(34);
      expect(found!.deadlineState).toBe('in-time');

      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const assigned = await api(target(), `/v1/register/${encodeURIComponent(item)}/assignment`, {
        method: 'POST',
        token: target().registrarToken,
        json: { department: 'WK', deadline: soon },
      });
      expect(assigned.status, await assigned.clone().text()).toBe(200);
      expect((await search(`q=${encodeURIComponent(item)}`)).entries[0]).toMatchObject({
        dueOn: soon,
        deadlineState: 'due-soon',
      });

      // In a case, the case's deadline is the one that counts: the item gives none of its own.
      const opened = await api(target(), '/v1/cases', {
        method: 'POST',
        token: target().departmentToken('WK'),
        json: { registryNumber: item, jrwa: '5410' },
      });
      expect(opened.status, await opened.clone().text()).toBe(201);
      const inCase = (await search(`q=${encodeURIComponent(item)}`)).entries[0]!;
      expect(inCase.caseNumber).toBeTruthy();
      expect(inCase.dueOn).toBeUndefined();
    });

    it('goes on page by page with its cursor, and keeps to the dates asked for', async () => {
      const items = [];
      for (let i = 0; i < 3; i++) items.push(await letter(target(), 'WSO', `Pismo ${i}`));
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 3; page++) {
        const p = await search(`department=WSO&limit=1${cursor}`);
        expect(p.entries).toHaveLength(1);
        seen.push(p.entries[0]!.registryNumber);
        cursor = `&cursor=${p.next}`;
      }
      expect(seen).toEqual([...items].reverse());
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
      const todays = await search(`from=${today}&to=${today}&department=WSO&limit=200`);
      expect(todays.entries.map((e) => e.registryNumber)).toEqual(expect.arrayContaining(items));
      expect((await search(`to=2001-01-01&department=WSO`)).entries).toEqual([]);
      const none = await search('from=2999-01-01');
      expect(none.entries).toEqual([]);
      expect(none.next).toBeUndefined();
    });

    it('finds items by the words of their sender’s name however typed, by a sender’s reference, and a signer’s filings by PESEL', async () => {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({
          sender: 'Łukasz Żółć-Gęślą, ul. Źródlana 7',
          subject: 'Wniosek o podział działki',
          department: 'WGN',
          senderReference: 'GN.6831.17.2026',
        }),
      );
      form.append('scan-1', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'scan-1.pdf');
      const res = await fetch(`${target().baseUrl}/v1/chancelleries/k2/documents`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${target().registrarToken}` },
      });
      expect(res.status).toBe(201);
      const { registryNumber } = (await res.json()) as { registryNumber: string };
      const found = async (q: string) =>
        (await search(`q=${encodeURIComponent(q)}&limit=200`)).entries.map((e) => e.registryNumber);
      expect(await found('lukasz zolc')).toEqual([registryNumber]);
      expect(await found('ŻÓŁĆ gęślą')).toEqual([registryNumber]);
      expect(await found('gn.6831.17.2026')).toEqual([registryNumber]);
      expect(await found('Zolc Nowakowski')).toEqual([]);
      expect((await search(`q=zolc&department=WK`)).entries).toEqual([]);
      expect((await search(`q=zolc&channel=chancellery:k2`)).entries.map((e) => e.registryNumber)).toEqual([
        registryNumber,
      ]);

      // A resident's filings, by the PESEL of the person who signed them, and by their name.
      const resident = await signerFor(target(), 'wso-ceidg-wpis');
      const filed = await submit(target(), formData(await prepare(resident, 'wso-ceidg-wpis')));
      expect(filed.status).toBe(201);
      const { registryNumber: web } = (await filed.json()) as { registryNumber: string };
      const byPesel = await search(`q=${resident.pesel}&limit=200`);
      expect(byPesel.entries.map((e) => e.registryNumber)).toContain(web);
      const sender = byPesel.entries.find((e) => e.registryNumber === web)!.sender as {
        givenNames: string;
        surname: string;
      };
      expect(await found(`${sender.surname} ${sender.givenNames}`.toUpperCase())).toContain(web);
      expect(await found('44051401350')).not.toContain(web);
    });

    it('lets a department search what it holds, nothing else, and refuses questions it cannot answer', async () => {
      const wso = target().departmentToken('WSO');
      expect((await search('department=WSO', wso)).entries.length).toBeGreaterThan(0);
      expect((await api(target(), '/v1/register?department=WK', { token: wso })).status).toBe(403);
      expect((await api(target(), '/v1/register?channel=web', { token: wso })).status).toBe(403);
      expect((await api(target(), '/v1/register?department=WSO')).status).toBe(401);
      for (const bad of [
        'status=lost',
        'from=2026-13-01',
        'cursor=x',
        'department=WSO&limit=500',
        'channel=fax',
        'department=wso',
      ]) {
        const res = await api(target(), `/v1/register?${bad}`, { token: target().registrarToken });
        expect(res.status, bad).toBe(400);
      }
    });
  });
}
