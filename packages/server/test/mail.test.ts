// E-mail to residents: the message a flagged change makes (its language, what it says and what it
// never says), and the outbox sent for real by the Node server to a real SMTP server: once when
// the relay refuses first, not at all for a change nobody flagged, and, past its last try, listed
// for the admin and sent once when retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { composeMail, contactAddress } from '../src/core/mail.js';
import { api, formData, prepare, signerFor, submit } from './contract/client.js';
import { findPostgres } from '../../../scripts/postgres.mjs';
import type { Target } from './contract/target.js';
import { startNodeTarget } from './node-target.js';
import { startPostgresTarget } from './postgres-target.js';
import { startSmtpRelay, type SmtpRelay } from './smtp-relay.js';

const URL_OF_LIST = 'https://bip.olsztyn.example/moje-wnioski';
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('the message of a change', () => {
  it('says what changed, the number and where to look, in the form’s language', () => {
    const pl = composeMail('pl', {
      registryNumber: 'RPW/7/2026',
      event: { type: 'extended', until: '2027-01-15' },
      applicationsUrl: URL_OF_LIST,
      office: 'Urząd Miasta Olsztyn',
    });
    expect(pl.subject).toBe('Twój wniosek RPW/7/2026: nowy termin załatwienia');
    expect(pl.body).toContain(
      'w sprawie Twojego wniosku o numerze RPW/7/2026: termin załatwienia sprawy został przedłużony do 15 stycznia 2027.',
    );
    expect(pl.body).toContain(URL_OF_LIST);
    const en = composeMail('en', {
      registryNumber: 'RPW/7/2026',
      event: { type: 'waiting-for-resident', until: null },
      applicationsUrl: URL_OF_LIST,
      office: 'Urząd Miasta Olsztyn',
    });
    expect(en.subject).toBe('Your application RPW/7/2026: the office is waiting for you');
    expect(en.body).toContain('it needs information or a document from you');
    const uk = composeMail('uk', {
      registryNumber: 'RPW/7/2026',
      event: { type: 'closed', until: null },
      applicationsUrl: URL_OF_LIST,
      office: 'Urząd Miasta Olsztyn',
    });
    expect(uk.subject).toBe('Ваша заява RPW/7/2026: справу завершено');
    expect(uk.body).toContain(URL_OF_LIST);
  });

  it('finds the address where the procedure says, the first one given, and refuses what is no address', () => {
    const doc = (data: unknown) => bytes({ procedure: 'x', data });
    const pointers = ['/applicant/email', '/organisation/email'];
    expect(contactAddress(doc({ applicant: { email: 'a@example.pl' } }), pointers)).toBe('a@example.pl');
    expect(contactAddress(doc({ organisation: { email: 'biuro@example.pl' } }), pointers)).toBe('biuro@example.pl');
    expect(contactAddress(doc({ owners: [{ email: 'o@example.pl' }] }), ['/owners/0/email'])).toBe('o@example.pl');
    expect(contactAddress(doc({ applicant: {} }), pointers)).toBeUndefined();
    expect(contactAddress(doc({ applicant: { email: 'a@example.pl' } }), undefined)).toBeUndefined();
    // Nothing that could add a header or a second recipient.
    for (const bad of [
      'a@example.pl\r\nBcc: x@example.pl',
      'a@example.pl, b@example.pl',
      '<a@example.pl>',
      'a@localhost',
    ])
      expect(contactAddress(doc({ applicant: { email: bad } }), pointers), bad).toBeUndefined();
    expect(contactAddress(new TextEncoder().encode('{not json'), pointers)).toBeUndefined();
  });

  it('is configured whole or not at all', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(() => loadConfig({ EBOK_MAIL_FROM: 'wnioski@olsztyn.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ EBOK_MAIL_FROM: 'not an address', EBOK_APPLICATIONS_URL: URL_OF_LIST })).toThrow(
      /EBOK_MAIL_FROM must be an address/,
    );
    expect(() =>
      loadConfig({ EBOK_MAIL_FROM: 'wnioski@olsztyn.example', EBOK_APPLICATIONS_URL: 'javascript:alert(1)' }),
    ).toThrow(/EBOK_APPLICATIONS_URL/);
    expect(
      loadConfig({ EBOK_MAIL_FROM: 'Urząd <wnioski@olsztyn.example>', EBOK_APPLICATIONS_URL: URL_OF_LIST }).mail,
    ).toMatchObject({ from: 'Urząd <wnioski@olsztyn.example>', applicationsUrl: URL_OF_LIST, attempts: 8 });
  });
});

/** The outbox on one Node instance with SQLite, and on two instances sharing PostgreSQL (both sending). */
const BACKENDS: Array<[string, (env: Record<string, string>) => Promise<Target>, boolean]> = [
  ['Node, SQLite', (env) => startNodeTarget(env), true],
  ['Node ×2, PostgreSQL', (env) => startPostgresTarget(env), !!findPostgres()],
];

describe.each(BACKENDS)('the mail outbox (%s), to a real SMTP server', (_name, start, available) => {
  let relay: SmtpRelay;
  let target: Target;

  beforeAll(async () => {
    if (!available) return;
    relay = await startSmtpRelay();
    target = await start({
      EBOK_MAIL_FROM: 'Urząd Miasta Olsztyn <wnioski@olsztyn.example>',
      EBOK_APPLICATIONS_URL: URL_OF_LIST,
      EBOK_SMTP_URL: relay.url,
      EBOK_MAIL_RETRY_SECONDS: '1',
      EBOK_MAIL_POLL_SECONDS: '1',
      EBOK_MAIL_ATTEMPTS: '3',
    });
  }, 90_000);
  afterAll(async () => {
    await target?.stop();
    await relay?.close();
  });

  const settle = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

  it.runIf(available)(
    'sends a flagged change once though the relay refused it first, and nothing for one not flagged',
    async () => {
      const resident = await signerFor(target, 'usc-odpis-aktu');
      const filed = await submit(target, formData(await prepare(resident, 'usc-odpis-aktu')), {
        'accept-language': 'uk',
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

      // Not flagged: the status changes, and no message is written.
      await post(`/v1/cases/${caseNumber}/events`, { type: 'suspended', reason: 'narada wewnętrzna' });
      await post(`/v1/cases/${caseNumber}/events`, { type: 'resumed' });
      expect(target.sql('SELECT id FROM mail_outbox')).toEqual([]);

      relay.refuseNext(1);
      await post(`/v1/cases/${caseNumber}/events`, {
        type: 'waiting-for-resident',
        reason: 'Proszę dołączyć pełnomocnictwo',
        inform: true,
      });
      const [mail] = await relay.waitFor(1);
      expect(relay.refused).toBe(1);
      expect(mail!.to).toEqual(['anna.kowalska@example.pl']);
      expect(mail!.headers.get('content-language')).toBe('uk');
      expect(mail!.headers.get('from')).toContain('wnioski@olsztyn.example');
      expect(mail!.subject).toBe(`Ваша заява ${registryNumber}: установа чекає на вас`);
      expect(mail!.text).toContain(registryNumber);
      expect(mail!.text).toContain(URL_OF_LIST);
      // What changed, the number, where to look: not the reason, the case, the person or their data.
      for (const never of ['pełnomocnictwo', caseNumber, 'Kowalska', 'Anna', '44051401359', 'Piłsudskiego', 'narada'])
        expect(mail!.text + mail!.subject, never).not.toContain(never);

      // Sent once: the relay's refusal was tried again, the acceptance never.
      await settle(2500);
      expect(relay.messages).toHaveLength(1);
      const [row] = target.sql<{ state: string; attempts: number; recipient: string | null }>(
        'SELECT state, attempts, recipient FROM mail_outbox',
      );
      expect(row).toEqual({ state: 'sent', attempts: 2, recipient: null });
    },
    60_000,
  );

  it.runIf(available)(
    'lists a message past its last try for the admin, and sends it once when retried',
    async () => {
      const resident = await signerFor(target, 'usc-odpis-aktu');
      const filed = await submit(target, formData(await prepare(resident, 'usc-odpis-aktu')));
      const { registryNumber } = (await filed.json()) as { registryNumber: string };
      const usc = target.departmentToken('USC');
      const post = (path: string, json?: unknown, token = usc) =>
        api(target, path, { method: 'POST', token, ...(json !== undefined && { json }) });
      await post(`/v1/departments/USC/documents/${encodeURIComponent(registryNumber)}/acceptance`);
      const { caseNumber } = (await (await post('/v1/cases', { registryNumber })).json()) as { caseNumber: string };

      const before = relay.messages.length;
      relay.refuseNext(3);
      expect(
        (await post(`/v1/cases/${caseNumber}/events`, { type: 'decided', outcome: 'wydano odpis', inform: true }))
          .status,
      ).toBe(201);

      // Three tries (a second apart, then two): dead, and the admin sees it with the relay's answer.
      type Failed = {
        handOffs: Array<{ id: string; kind: string; registryNumber: string; department: string; lastError: string }>;
      };
      let failed: Failed['handOffs'] = [];
      for (let i = 0; i < 40 && failed.length === 0; i++) {
        await settle(250);
        const res = await api(target, '/v1/hand-offs/failed', { token: target.adminToken });
        failed = ((await res.json()) as Failed).handOffs.filter((h) => h.kind === 'email');
      }
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ registryNumber, department: 'USC' });
      expect(failed[0]!.lastError).toMatch(/451/);
      expect(relay.messages.length).toBe(before);

      const retried = await post(`/v1/hand-offs/${failed[0]!.id}/retry`, undefined, target.adminToken);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toMatchObject({ kind: 'email', registryNumber, status: 'retrying' });
      const messages = await relay.waitFor(before + 1);
      expect(messages.at(-1)!.subject).toBe(`Twój wniosek ${registryNumber}: sprawa rozstrzygnięta`);
      // Once: a second retry finds nothing failed, and nothing more arrives.
      expect((await post(`/v1/hand-offs/${failed[0]!.id}/retry`, undefined, target.adminToken)).status).toBe(409);
      await settle(2000);
      expect(relay.messages.length).toBe(before + 1);
    },
    60_000,
  );
});
