// E-mail to residents on Workers, in workerd: a flagged change of a case is posted to the office's
// HTTP mail relay after the answer (waitUntil); refused once, it is posted again by the cron
// trigger when due, and accepted once, the outbox row then sent with its address forgotten.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData, prepare, signerFor, submit } from './contract/client.js';
import { startWorkersTarget, type WorkersTarget } from './workers-target.js';

const TOKEN = 'mail-relay-token-for-tests-0123456789';
const LIST = 'https://bip.olsztyn.example/moje-wnioski';

interface Posted {
  readonly authorized: boolean;
  readonly idempotencyKey: string | undefined;
  readonly body: { from: string; to: string; subject: string; text: string; language: string; messageId: string };
  readonly status: number;
}

describe('e-mail to residents through the HTTP relay (Workers, in workerd)', () => {
  let target: WorkersTarget;
  let relay: Server;
  const posted: Posted[] = [];
  let refuse = 1;

  beforeAll(async () => {
    relay = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const status = refuse > 0 ? 503 : 202;
        if (refuse > 0) refuse--;
        posted.push({
          authorized: req.headers.authorization === `Bearer ${TOKEN}`,
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          body: JSON.parse(body) as Posted['body'],
          status,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((ok) => relay.listen(0, '127.0.0.1', ok));
    target = await startWorkersTarget({
      EBOK_MAIL_FROM: 'Urząd Miasta Olsztyn <wnioski@olsztyn.example>',
      EBOK_APPLICATIONS_URL: LIST,
      EBOK_MAIL_RELAY_URL: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/send`,
      EBOK_MAIL_RELAY_TOKEN: TOKEN,
      EBOK_MAIL_RETRY_SECONDS: '1',
    });
  }, 90_000);
  afterAll(async () => {
    await target?.stop();
    await new Promise((ok) => relay?.close(ok));
  });

  const until = async <T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('posts a flagged change once, in the form’s language, though the relay refused it first', async () => {
    const resident = await signerFor(target, 'usc-odpis-aktu');
    const filed = await submit(target, formData(await prepare(resident, 'usc-odpis-aktu')), {
      'accept-language': 'en',
    });
    expect(filed.status).toBe(201);
    const { registryNumber } = (await filed.json()) as { registryNumber: string };
    const usc = target.departmentToken('USC');
    const post = async (path: string, json?: unknown) => {
      const res = await api(target, path, { method: 'POST', token: usc, ...(json !== undefined && { json }) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res;
    };
    await post(`/v1/departments/USC/documents/${encodeURIComponent(registryNumber)}/acceptance`);
    const { caseNumber } = (await (await post('/v1/cases', { registryNumber })).json()) as { caseNumber: string };
    await post(`/v1/cases/${caseNumber}/events`, { type: 'waiting-for-resident', reason: 'brak opłaty', inform: true });

    // Posted after the answer, and refused.
    const first = await until('the first post', () => posted[0]);
    expect(first).toMatchObject({ authorized: true, status: 503 });
    expect(first.body).toMatchObject({
      from: 'Urząd Miasta Olsztyn <wnioski@olsztyn.example>',
      to: 'anna.kowalska@example.pl',
      subject: `Your application ${registryNumber}: the office is waiting for you`,
      language: 'en',
    });
    expect(first.body.text).toContain(LIST);
    expect(first.body.text).not.toContain('brak opłaty');
    expect(first.idempotencyKey).toBe(first.body.messageId);

    // Due again a second later: the cron trigger posts it, and the relay takes it.
    await new Promise((r) => setTimeout(r, 1200));
    const cron = await fetch(`${target.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(cron.status).toBe(200);
    const second = await until('the second post', () => posted[1]);
    expect(second.status).toBe(202);
    expect(second.body.messageId).toBe(first.body.messageId);
    const rows = await until('the message marked sent', () => {
      const r = target.sql<{ state: string; attempts: number; recipient: string | null }>(
        'SELECT state, attempts, recipient FROM mail_outbox',
      );
      return r[0]?.state === 'sent' ? r : undefined;
    });
    expect(rows).toEqual([{ state: 'sent', attempts: 2, recipient: null }]);

    // Sent: another cron round posts nothing.
    await fetch(`${target.baseUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(posted).toHaveLength(2);
  }, 90_000);
});
