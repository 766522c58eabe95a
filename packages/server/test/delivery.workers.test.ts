import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData, prepare, type Resident, submit, signerFor } from './contract/client.js';
import { DEPARTMENTS } from './node-target.js';
import { startWorkersTarget, type WorkersTarget } from './workers-target.js';

const PROCEDURES: Record<string, string> = {
  USC: 'usc-odpis-aktu',
  WAP: 'wap-wypis-wyrys-mpzp',
  WGN: 'wgn-numer-porzadkowy',
  WK: 'wk-prawo-jazdy',
  WSL: 'wsl-dodatek-mieszkaniowy',
  WSO: 'wso-ceidg-wpis',
};
const SECRET = 'webhook-secret-for-tests-0123456789';
/** The department whose webhook is down: its deliveries are retried, then dead-lettered. */
const FAILING = 'WK';
/** Until the failing department's webhook is mended. */
let failing = true;

interface Push {
  readonly department: string;
  readonly registryNumber: string;
  readonly deliveryId: number;
  readonly attempt: number;
  readonly signed: boolean;
}

async function until<T>(what: string, check: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('delivery through Cloudflare Queues (Workers, in workerd)', () => {
  let target: WorkersTarget;
  let resident: Resident;
  let webhook: Server;
  const pushes: Push[] = [];

  beforeAll(async () => {
    // The departments' webhooks: one local receiver that checks the signature and records each push.
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['ebok-signature']));
        const signed = !!m && createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest('hex') === m[2];
        const push = JSON.parse(body) as Omit<Push, 'signed'>;
        pushes.push({ ...push, signed });
        res.statusCode = push.department === FAILING && failing ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((ok) => webhook.listen(0, '127.0.0.1', ok));
    const address = webhook.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    target = await startWorkersTarget({
      EBOK_WEBHOOKS: JSON.stringify(Object.fromEntries(DEPARTMENTS.map((d) => [d, `${url}?d=${d}`]))),
      EBOK_WEBHOOK_SECRET: SECRET,
      EBOK_DELIVERY_RETRY_SECONDS: '0',
    });
    resident = await signerFor(target, 'wgn-numer-porzadkowy');
  }, 90_000);
  afterAll(async () => {
    await target?.stop();
    await new Promise((ok) => webhook?.close(ok));
  });

  it("pushes a signed message to each department's webhook, once delivered, retries a failing one and dead-letters it", async () => {
    const numbers: Record<string, string> = {};
    for (const d of DEPARTMENTS) {
      const res = await submit(
        target,
        formData(await prepare(await signerFor(target, PROCEDURES[d]!), PROCEDURES[d]!)),
      );
      expect(res.status).toBe(201);
      numbers[d] = ((await res.json()) as { registryNumber: string }).registryNumber;
    }
    for (const d of DEPARTMENTS.filter((x) => x !== FAILING)) {
      const push = await until(`a push to ${d}`, () => pushes.find((p) => p.registryNumber === numbers[d]));
      expect(push).toMatchObject({ department: d, attempt: 1, signed: true });
    }
    // The failing webhook: 5 tries (max_retries 4), then the dead-letter queue records it.
    const row = await until('the dead letter', () =>
      target
        .sql<{ state: string; attempts: number }>('SELECT state, attempts FROM outbox WHERE registry_number = ?', [
          numbers[FAILING],
        ])
        .find((r) => r.state === 'dead'),
    );
    expect(row.attempts).toBe(5);
    const tries = pushes.filter((p) => p.registryNumber === numbers[FAILING]);
    expect(tries.map((p) => p.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(tries.map((p) => p.deliveryId)).size).toBe(1);
    // Nothing is lost: the department still finds the document in its inbox.
    const lease = (await (
      await api(target, `/v1/departments/${FAILING}/queue/lease`, {
        method: 'POST',
        token: target.departmentToken(FAILING),
        json: { max: 100 },
      })
    ).json()) as { messages: Array<{ registryNumber: string }> };
    expect(lease.messages.map((m) => m.registryNumber)).toContain(numbers[FAILING]);
    const states = target.sql<{ department: string; state: string }>(
      'SELECT department, state FROM outbox ORDER BY department',
    );
    expect(states).toEqual(DEPARTMENTS.map((d) => ({ department: d, state: d === FAILING ? 'dead' : 'delivered' })));
  }, 60_000);

  it('lists the dead webhook push as a failed hand-off, and a retry pushes it again, once, and it is delivered', async () => {
    const admin = target.adminToken;
    const departments = (await (await api(target, '/v1/departments', { token: admin })).json()) as {
      departments: Array<{ code: string; delivery: string }>;
    };
    expect(departments.departments.map((d) => d.delivery)).toEqual(DEPARTMENTS.map(() => 'webhook'));
    expect(JSON.stringify(departments)).not.toContain('http');

    const failed = (await (
      await api(target, `/v1/hand-offs/failed?department=${FAILING}`, { token: admin })
    ).json()) as {
      handOffs: Array<{ id: string; kind: string; registryNumber: string; attempts: number; lastError: string | null }>;
    };
    const dead = failed.handOffs.find((h) => h.kind === 'webhook')!;
    expect(dead).toMatchObject({ attempts: 5, lastError: 'webhook answered 500' });
    const [{ id }] = target.sql<{ id: number }>("SELECT id FROM outbox WHERE state = 'dead'") as [{ id: number }];
    expect(dead.id).toBe(`webhook-${id}`);

    failing = false;
    const pushed = pushes.length;
    const retry = () => api(target, `/v1/hand-offs/${dead.id}/retry`, { method: 'POST', token: admin });
    expect((await retry()).status).toBe(200);
    expect((await retry()).status).toBe(409);
    const again = await until('the push after the retry', () => pushes.slice(pushed).find((p) => p.deliveryId === id));
    expect(again).toMatchObject({ registryNumber: dead.registryNumber, department: FAILING, attempt: 1, signed: true });
    await until('the retried row delivered', () =>
      target.sql<{ state: string }>('SELECT state FROM outbox WHERE id = ?', [id]).find((r) => r.state === 'delivered'),
    );
    expect(pushes.slice(pushed).filter((p) => p.deliveryId === id)).toHaveLength(1);
    const after = (await (await api(target, '/v1/hand-offs/failed', { token: admin })).json()) as {
      handOffs: Array<{ id: string }>;
    };
    expect(after.handOffs.map((h) => h.id)).not.toContain(dead.id);
  }, 60_000);

  it('the cron relay sends an outbox row the sender never sent (the Worker stopped after the commit)', async () => {
    const res = await submit(
      target,
      formData(await prepare(await signerFor(target, PROCEDURES['WSO']!), PROCEDURES['WSO']!)),
    );
    const { registryNumber } = (await res.json()) as { registryNumber: string };
    await until('the first push', () => pushes.find((p) => p.registryNumber === registryNumber));
    // Recorded as delivered too: until then the consumer may still be working on it (a copy of the
    // message the queue hands out again in that window is pushed again, as at-least-once allows).
    await until('the first push recorded', () =>
      target
        .sql<{ state: string }>('SELECT state FROM outbox WHERE registry_number = ?', [registryNumber])
        .find((r) => r.state === 'delivered'),
    );
    // What a Worker that stopped between commit and send leaves behind: a committed row, never sent.
    target.sql('INSERT INTO outbox (department, registry_number, created_at) VALUES (?, ?, ?)', [
      'WSO',
      registryNumber,
      Date.now() - 3600_000,
    ]);
    const [{ id }] = target.sql<{ id: number }>('SELECT MAX(id) AS id FROM outbox') as [{ id: number }];
    const pushed = pushes.length;
    const cron = await fetch(`${target.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(cron.status).toBe(200);
    const relayed = await until('the relayed push', () => pushes.find((p) => p.deliveryId === id));
    expect(relayed).toMatchObject({ registryNumber, department: 'WSO', signed: true });
    await until('the relayed row delivered', () =>
      target.sql<{ state: string }>('SELECT state FROM outbox WHERE id = ?', [id]).find((r) => r.state === 'delivered'),
    );
    // Only that row: rows the sender sent are not sent again.
    expect(pushes.slice(pushed).map((p) => p.deliveryId)).toEqual([id]);
    expect(target.sql('SELECT id FROM outbox WHERE sent_at IS NULL')).toEqual([]);
  }, 60_000);

  it('gives 100 parallel submissions, each sent twice at once, 100 consecutive numbers and one receipt each', async () => {
    const before = target.sql<{ n: number }>('SELECT COUNT(*) AS n FROM register')[0]!.n;
    const submissions = await Promise.all(Array.from({ length: 100 }, () => prepare(resident, 'wgn-numer-porzadkowy')));
    const responses = await Promise.all(
      submissions.flatMap((s) => {
        const key = `twice-${crypto.randomUUID()}`;
        return [submit(target, formData(s), { 'idempotency-key': key }), submit(target, formData(s))];
      }),
    );
    const bodies = await Promise.all(
      responses.map(async (r) => ({
        status: r.status,
        ...((await r.json()) as { registryNumber: string; receipt: { document: string } }),
      })),
    );
    const seqs: number[] = [];
    for (let i = 0; i < bodies.length; i += 2) {
      const [a, b] = [bodies[i]!, bodies[i + 1]!];
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(b.registryNumber).toBe(a.registryNumber);
      expect(b.receipt.document).toBe(a.receipt.document);
      seqs.push(Number(a.registryNumber.split('/')[1]));
    }
    expect(new Set(seqs).size).toBe(100);
    expect(Math.min(...seqs)).toBe(before + 1);
    expect(Math.max(...seqs)).toBe(before + 100);
    expect(target.sql("SELECT registry_number FROM documents WHERE receipt_document = ''")).toEqual([]);
  }, 120_000);
});
