// A head of department over real HTTP on each runtime: the officers the directory knows from their
// sign-ins, an officer's work handed to another without extending a deadline, and the overview's
// figures; nobody else reads them, and bad questions are refused.
import { describe, expect, it } from 'vitest';
import { api } from './client.js';
import { letter } from './cases.js';
import { signIn, type SignedIn } from './sign-in.js';
import type { Target } from './target.js';

type Overview = {
  today: string;
  received: Array<{ day: string; count: number }>;
  openCases: Array<{ bucket: string; count: number }>;
};
type Work = { items: Array<{ registryNumber: string; deadline: string | null }>; cases: Array<{ caseNumber: string }> };

export function headContract(target: () => Target): void {
  describe('a head of department', () => {
    const as = (who: SignedIn, path: string, json?: unknown) =>
      api(target(), path, {
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, origin: target().baseUrl },
        ...(json !== undefined && { method: 'POST', json }),
      });
    const overview = async (head: SignedIn): Promise<Overview> => {
      const res = await as(head, '/v1/departments/WGN/overview?days=7');
      expect(res.status).toBe(200);
      return (await res.json()) as Overview;
    };
    const bucket = (o: Overview, name: string) => o.openCases.find((b) => b.bucket === name)!.count;

    it('lists the officers who signed in, for the head of their department and administrators only', async () => {
      await signIn(target().baseUrl, 'officer-wgn');
      await signIn(target().baseUrl, 'officer2-wgn');
      await signIn(target().baseUrl, 'officer-wso');
      const head = await signIn(target().baseUrl, 'head-wgn');
      const res = await as(head, '/v1/departments/WGN/officers');
      expect(res.status).toBe(200);
      const { officers } = (await res.json()) as {
        officers: Array<{ subject: string; name: string; roles: string[] }>;
      };
      const subjects = officers.map((o) => o.subject);
      expect(subjects).toEqual(expect.arrayContaining(['officer-wgn', 'officer2-wgn', 'head-wgn']));
      expect(subjects).not.toContain('officer-wso');
      expect(officers.find((o) => o.subject === 'officer-wgn')).toMatchObject({
        name: 'Urzędnik WGN',
        roles: ['officer:WGN'],
      });

      const officer = await signIn(target().baseUrl, 'officer-wgn');
      const otherHead = await signIn(target().baseUrl, 'head-wso');
      expect((await as(officer, '/v1/departments/WGN/officers')).status).toBe(403);
      expect((await as(otherHead, '/v1/departments/WGN/officers')).status).toBe(403);
      expect((await as(otherHead, '/v1/departments/WGN/overview')).status).toBe(403);
      expect((await as(officer, '/v1/departments/WGN/officers/officer-wgn/work')).status).toBe(403);
      expect((await api(target(), '/v1/departments/WGN/officers')).status).toBe(401);
      expect(
        (await api(target(), '/v1/departments/WGN/overview', { token: target().departmentToken('WGN') })).status,
      ).toBe(403);
      expect((await api(target(), '/v1/departments/WGN/officers', { token: target().adminToken })).status).toBe(200);
    });

    it('hands an officer’s items and cases to another, each audited, none past its first deadline', async () => {
      const head = await signIn(target().baseUrl, 'head-wgn');
      const [first, second, third] = [
        await letter(target(), 'WGN', 'Pismo dla referenta 1'),
        await letter(target(), 'WGN', 'Pismo dla referenta 2'),
        await letter(target(), 'WGN', 'Pismo dla referenta 3'),
      ];
      const assign = (item: string, officer: string, deadline?: string) =>
        as(head, `/v1/register/${encodeURIComponent(item)}/assignment`, {
          department: 'WGN',
          officer,
          ...(deadline && { deadline }),
        });
      expect((await assign(first!, 'officer-wgn', '2099-01-10')).status).toBe(200);
      expect((await assign(second!, 'officer-wgn')).status).toBe(200);
      expect((await assign(third!, 'officer-wgn')).status).toBe(200);
      // An item in a case is the case's work now.
      const opened = await api(target(), '/v1/cases', {
        method: 'POST',
        token: target().departmentToken('WGN'),
        json: { registryNumber: third, jrwa: '6640', officer: 'officer-wgn' },
      });
      const { caseNumber } = (await opened.json()) as { caseNumber: string };

      const work = async (officer: string): Promise<Work> =>
        (await (await as(head, `/v1/departments/WGN/officers/${officer}/work`)).json()) as Work;
      const before = await work('officer-wgn');
      expect(before.items.map((i) => i.registryNumber)).toEqual(expect.arrayContaining([first, second]));
      expect(before.items.map((i) => i.registryNumber)).not.toContain(third);
      expect(before.items.find((i) => i.registryNumber === first)!.deadline).toBe('2099-01-10');
      expect(before.cases.map((c) => c.caseNumber)).toContain(caseNumber);

      expect((await assign(first!, 'officer2-wgn', '2099-02-01')).status).toBe(409);
      expect((await assign(first!, 'officer2-wgn')).status).toBe(200);
      expect((await as(head, `/v1/cases/${caseNumber}/officer`, { officer: 'officer2-wgn' })).status).toBe(200);

      const after = await work('officer-wgn');
      expect(after.items.map((i) => i.registryNumber)).not.toContain(first);
      expect(after.cases.map((c) => c.caseNumber)).not.toContain(caseNumber);
      const taken = await work('officer2-wgn');
      expect(taken.items.find((i) => i.registryNumber === first)).toMatchObject({ deadline: '2099-01-10' });
      expect(taken.cases.map((c) => c.caseNumber)).toContain(caseNumber);

      const records: Array<{ seq: number; action: string; target: string; actor: string }> = [];
      for (let page: typeof records = []; records.length === 0 || page.length === 1000;) {
        const res = await api(target(), `/v1/audit?limit=1000&after=${records.at(-1)?.seq ?? 0}`, {
          token: target().adminToken,
        });
        page = ((await res.json()) as { records: typeof records }).records;
        records.push(...page);
        if (page.length === 0) break;
      }
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'register.assign', target: first, actor: 'staff:head-wgn' }),
          expect.objectContaining({ action: 'case.officer', target: caseNumber, actor: 'staff:head-wgn' }),
        ]),
      );
      expect((await as(head, '/v1/departments/WGN/officers/%07x/work')).status).toBe(400);
    });

    it('counts the items received per day and the unsettled cases by deadline', async () => {
      const head = await signIn(target().baseUrl, 'head-wgn');
      const before = await overview(head);
      expect(before.received).toHaveLength(7);
      expect(before.received.at(-1)!.day).toBe(before.today);
      expect(before.openCases.map((b) => b.bucket)).toEqual([
        'overdue',
        'due-3',
        'due-7',
        'due-14',
        'later',
        'suspended',
      ]);

      const items = [await letter(target(), 'WGN', 'Przegląd 1'), await letter(target(), 'WGN', 'Przegląd 2')];
      const token = target().departmentToken('WGN');
      const cases: string[] = [];
      for (const registryNumber of items) {
        const res = await api(target(), '/v1/cases', { method: 'POST', token, json: { registryNumber, jrwa: '6640' } });
        cases.push(((await res.json()) as { caseNumber: string }).caseNumber);
      }
      const suspended = await api(target(), `/v1/cases/${cases[0]}/events`, {
        method: 'POST',
        token,
        json: { type: 'suspended', reason: 'Czekamy na opinię' },
      });
      expect(suspended.status).toBe(201);

      const after = await overview(head);
      expect(after.received.at(-1)!.count - before.received.at(-1)!.count).toBe(2);
      expect(bucket(after, 'later') - bucket(before, 'later')).toBe(1);
      expect(bucket(after, 'suspended') - bucket(before, 'suspended')).toBe(1);

      for (const days of ['0', '93', 'x'])
        expect((await as(head, `/v1/departments/WGN/overview?days=${days}`)).status).toBe(400);
      expect((await as(head, '/v1/departments/WGN/overview?days=92')).status).toBe(200);
      expect((await api(target(), '/v1/departments/WGN/overview', { token: target().adminToken })).status).toBe(200);
    });
  });
}
