// The administrator's view of delivery over real HTTP on each runtime: the departments and how
// items reach them, a hand-off that failed for real (its department gave it back until its last
// delivery), listed, put back once, and then delivered.
import { describe, expect, it } from 'vitest';
import { api } from './client.js';
import { letter } from './cases.js';
import type { Target } from './target.js';

type HandOff = {
  id: string;
  kind: string;
  department: string;
  registryNumber: string;
  attempts: number;
  lastError: string | null;
  failedAt: string;
};
type Message = { id: number; leaseId: string; registryNumber: string; deliveries: number };

/**
 * Gives the department's message for an item back until the queue gives up on it; its last
 * delivery count. A lease takes the oldest messages first: others it takes stay leased until
 * their lease runs out, so the item's own comes up however many wait before it.
 */
export async function failHandOff(target: Target, department: string, registryNumber: string): Promise<number> {
  const token = target.departmentToken(department);
  let deliveries = 0;
  for (let round = 0; round < 100; round++) {
    const res = await api(target, `/v1/departments/${department}/queue/lease`, {
      method: 'POST',
      token,
      json: { max: 100, visibilitySeconds: 60 },
    });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: Message[] };
    const m = messages.find((x) => x.registryNumber === registryNumber);
    if (!m) {
      if (messages.length === 0) return deliveries;
      continue;
    }
    deliveries = m.deliveries;
    const nack = await api(target, `/v1/departments/${department}/queue/${m.id}/nack`, {
      method: 'POST',
      token,
      json: { leaseId: m.leaseId, delaySeconds: 0 },
    });
    expect(nack.status).toBe(200);
  }
  throw new Error(`the message of ${registryNumber} was never given up on`);
}

export function handOffContract(target: () => Target): void {
  describe('departments and failed hand-offs', () => {
    const admin = () => target().adminToken;
    const failed = async (query = ''): Promise<{ handOffs: HandOff[]; next?: string }> => {
      const res = await api(target(), `/v1/hand-offs/failed${query}`, { token: admin() });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { handOffs: HandOff[]; next?: string };
    };

    it('lists the departments with the procedures routed to each and how items reach them, for staff only', async () => {
      const res = await api(target(), '/v1/departments', { token: admin() });
      expect(res.status).toBe(200);
      const { departments } = (await res.json()) as {
        departments: Array<{ code: string; name: string | null; procedures: Array<{ id: string }>; delivery: string }>;
      };
      const wgn = departments.find((d) => d.code === 'WGN')!;
      expect(wgn.procedures.map((p) => p.id)).toContain('wgn-informacja-egib');
      expect(wgn.delivery).toBe('queue');
      expect(departments.map((d) => d.code)).toEqual([...departments.map((d) => d.code)].sort());
      expect((await api(target(), '/v1/departments', { token: target().departmentToken('WK') })).status).toBe(200);
      expect((await api(target(), '/v1/departments')).status).toBe(401);
    });

    it('shows a hand-off that failed, puts it back once on retry, and the department then receives it', async () => {
      const item = await letter(target(), 'WSL', 'Wniosek o dodatek mieszkaniowy');
      const deliveries = await failHandOff(target(), 'WSL', item);
      expect(deliveries).toBe(5); // EBOK_MAX_DELIVERIES defaults to 5

      const listed = (await failed('?department=WSL')).handOffs.find((h) => h.registryNumber === item)!;
      expect(listed).toMatchObject({ kind: 'queue', department: 'WSL', attempts: 5, lastError: null });
      expect(listed.id).toMatch(/^queue-\d+$/);
      expect(Date.parse(listed.failedAt)).not.toBeNaN();
      expect((await failed()).handOffs.map((h) => h.id)).toContain(listed.id);

      // Only an administrator lists and retries.
      const wsl = target().departmentToken('WSL');
      expect((await api(target(), '/v1/hand-offs/failed', { token: wsl })).status).toBe(403);
      expect((await api(target(), `/v1/hand-offs/${listed.id}/retry`, { method: 'POST', token: wsl })).status).toBe(
        403,
      );

      const retry = (id = listed.id) => api(target(), `/v1/hand-offs/${id}/retry`, { method: 'POST', token: admin() });
      const first = await retry();
      expect(first.status, await first.clone().text()).toBe(200);
      expect(await first.json()).toEqual({
        id: listed.id,
        kind: 'queue',
        department: 'WSL',
        registryNumber: item,
        status: 'retrying',
      });
      // Once: a second retry finds nothing failed, and says so.
      const again = await retry();
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await again.json()) as { type: string }).type).toBe('urn:ebok:problem:hand-off-not-failed');
      expect((await retry('queue-999999999')).status).toBe(404);
      expect((await retry('nothing-1')).status).toBe(404);
      expect((await failed('?department=WSL')).handOffs.map((h) => h.id)).not.toContain(listed.id);

      // Delivered again, with fresh tries, exactly once.
      const lease = await api(target(), '/v1/departments/WSL/queue/lease', {
        method: 'POST',
        token: wsl,
        json: { max: 100, visibilitySeconds: 60 },
      });
      const messages = ((await lease.json()) as { messages: Message[] }).messages.filter(
        (m) => m.registryNumber === item,
      );
      expect(messages.map((m) => m.deliveries)).toEqual([1]);
      const ack = await api(target(), `/v1/departments/WSL/queue/${messages[0]!.id}/ack`, {
        method: 'POST',
        token: wsl,
        json: { leaseId: messages[0]!.leaseId },
      });
      expect(ack.status).toBe(200);

      // The retry is in the audit log, in the administrator's name, newest first.
      const audit = await api(target(), `/v1/audit?before=${Number.MAX_SAFE_INTEGER}&limit=20`, { token: admin() });
      const records = ((await audit.json()) as { records: Array<{ seq: number; action: string; target: string }> })
        .records;
      expect(records.map((r) => r.seq)).toEqual([...records.map((r) => r.seq)].sort((a, b) => b - a));
      expect(records.find((r) => r.action === 'hand-off.retry' && r.target === item)).toBeDefined();
    });

    it('pages the failed hand-offs with a cursor and refuses a malformed one', async () => {
      // One at a time: the others a lease takes stay leased, and one of them may be the next item.
      const items: string[] = [];
      for (const subject of ['Pierwszy', 'Drugi']) {
        items.push(await letter(target(), 'WSL', subject));
        expect(await failHandOff(target(), 'WSL', items.at(-1)!)).toBe(5);
      }
      const first = await failed('?department=WSL&limit=1');
      expect(first.handOffs).toHaveLength(1);
      expect(first.next).toBeDefined();
      const second = await failed(`?department=WSL&limit=1&cursor=${encodeURIComponent(first.next!)}`);
      expect(second.handOffs).toHaveLength(1);
      expect(second.handOffs[0]!.id).not.toBe(first.handOffs[0]!.id);
      expect([first.handOffs[0]!.registryNumber, second.handOffs[0]!.registryNumber].sort()).toEqual([...items].sort());
      const bad = await api(target(), '/v1/hand-offs/failed?cursor=x', { token: admin() });
      expect(bad.status).toBe(400);
      expect((await api(target(), '/v1/hand-offs/failed?limit=1000', { token: admin() })).status).toBe(400);
    });
  });
}
