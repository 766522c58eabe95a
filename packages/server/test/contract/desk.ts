// The desk's lookups over real HTTP on each runtime: a person found by PESEL or by the words of
// their name however typed, with their certificates and activation codes (never a code itself);
// the certificates in force that end soon, soonest first, page by page; only for the desk, and
// every question it cannot answer refused with a problem that says why.
import { describe, expect, it } from 'vitest';
import { createCertificateRequest, generateResidentKeys } from '@ebok/forms-core/signing';
import { api } from './client.js';
import type { Target } from './target.js';

type Certificate = {
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  revoked: boolean;
  revokedAt?: string;
  reason?: string;
  holder?: { identifier: string; givenNames: string; surname: string };
};
type Person = {
  person: {
    identifier: string;
    givenNames: string;
    surname: string;
    pesel?: string;
    identityDocument?: { kind: string; country: string; number: string };
  };
  certificates: Certificate[];
  activations: Array<{ createdAt: string; expiresAt: string; usedAt: string | null }>;
};

/** A PESEL with its checksum, from ten digits. */
export function pesel(ten: string): string {
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...ten].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return `${ten}${(10 - (sum % 10)) % 10}`;
}

/** A person enrolled at the desk: the activation code the clerk hands over. */
async function code(target: Target, body: Record<string, unknown>): Promise<string> {
  const res = await api(target, '/v1/enrolments', { method: 'POST', token: target.registrarToken, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { activationCode: string }).activationCode;
}

/** The certificate a resident gets for a code, as the widget asks for it. */
async function activate(target: Target, activationCode: string): Promise<string> {
  const res = await api(target, '/v1/certificates', {
    method: 'POST',
    json: { activationCode, csr: await createCertificateRequest(await generateResidentKeys()) },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { serialNumber: string }).serialNumber;
}

export function deskContract(target: () => Target): void {
  describe('the desk’s lookups', () => {
    const people = async (q: string): Promise<Person[]> => {
      const res = await api(target(), `/v1/people?q=${encodeURIComponent(q)}`, { token: target().registrarToken });
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { people: Person[] }).people;
    };

    it('finds a person by PESEL and by the words of their name however typed, with certificates and codes newest first, never a code', async () => {
      const number = pesel('9203150412');
      const person = { givenNames: 'Łucja Maria', surname: 'Żądło-Kędzierska', pesel: number };
      const first = await code(target(), person);
      const serial = await activate(target(), first);
      const open = await code(target(), person);

      const byPesel = await people(number);
      expect(byPesel).toHaveLength(1);
      const [found] = byPesel;
      expect(found!.person).toEqual({ identifier: `PNOPL-${number}`, ...person });
      expect(found!.certificates).toEqual([expect.objectContaining({ serialNumber: serial, revoked: false })]);
      const cert = found!.certificates[0]!;
      expect(Date.parse(cert.notAfter) - Date.parse(cert.notBefore)).toBeGreaterThan(700 * 86_400_000);
      expect(found!.activations).toHaveLength(2);
      expect(found!.activations[0]!.usedAt).toBeNull();
      expect(found!.activations[1]!.usedAt).not.toBeNull();
      expect(found!.activations[0]!.createdAt >= found!.activations[1]!.createdAt).toBe(true);
      const text = JSON.stringify(byPesel);
      for (const c of [first, open]) {
        expect(text).not.toContain(c);
        expect(text).not.toContain(c.replace(/-/g, ''));
      }

      for (const q of ['lucja zadlo', 'ŻĄDŁO kędzierska', 'KEDZIERSKA  Łucja maria'])
        expect(
          (await people(q)).map((p) => p.person.identifier),
          q,
        ).toContain(`PNOPL-${number}`);
      expect(await people('kedzierska nowakowska')).toEqual([]);
      expect(await people(pesel('9203150413'))).toEqual([]);

      // Revoked: the person's list says so, and why.
      const revoked = await api(target(), `/v1/certificates/${serial}/revocation`, {
        method: 'POST',
        token: target().registrarToken,
        json: { reason: 'keyCompromise' },
      });
      expect(revoked.status).toBe(200);
      const [after] = await people(number);
      expect(after!.certificates[0]).toMatchObject({ serialNumber: serial, revoked: true, reason: 'keyCompromise' });
      expect(after!.certificates[0]!.revokedAt).toMatch(/^\d{4}-/);
    });

    it('finds a person without a PESEL by name, with the identity document the clerk checked', async () => {
      const document = { kind: 'passport', country: 'DE', number: 'C01X00T47' };
      await code(target(), { givenNames: 'Jürgen', surname: 'Weißmüller', identityDocument: document });
      const found = await people('jurgen weißmuller');
      expect(found.map((p) => p.person)).toContainEqual({
        identifier: 'PASDE-C01X00T47',
        givenNames: 'Jürgen',
        surname: 'Weißmüller',
        identityDocument: document,
      });
    });

    it('lists the certificates in force that end within the days asked for, soonest first, page by page', async () => {
      const serials: string[] = [];
      for (const [i, surname] of ['Pierwsza', 'Druga', 'Trzecia'].entries())
        serials.push(
          await activate(
            target(),
            await code(target(), { givenNames: 'Ewa', surname, pesel: pesel(`850101${String(1234 + i * 11)}`) }),
          ),
        );
      // Their ends brought near, as the years would: in 20, 10 and 3 days; the first then revoked.
      const day = 86_400_000;
      for (const [i, days] of [20, 10, 3].entries())
        target().sql('UPDATE certificates SET not_after = ? WHERE serial = ?', [
          new Date(Date.now() + days * day).toISOString(),
          serials[i],
        ]);
      const mine = (page: { certificates: Certificate[] }) =>
        page.certificates.filter((c) => serials.includes(c.serialNumber));
      const list = async (query: string) => {
        const res = await api(target(), `/v1/certificates?${query}`, { token: target().registrarToken });
        expect(res.status, await res.clone().text()).toBe(200);
        return (await res.json()) as { certificates: Certificate[]; next?: string };
      };
      const soon = await list('expiringWithinDays=30');
      expect(mine(soon).map((c) => c.serialNumber)).toEqual([serials[2], serials[1], serials[0]]);
      expect(mine(soon)[0]!.holder).toMatchObject({ givenNames: 'Ewa', surname: 'Trzecia' });
      expect((await list('')).certificates.length).toBe(soon.certificates.length);
      expect(mine(await list('expiringWithinDays=5')).map((c) => c.serialNumber)).toEqual([serials[2]]);

      // One at a time, with the cursor.
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const page = await list(`expiringWithinDays=30&limit=1${cursor}`);
        seen.push(...page.certificates.map((c) => c.serialNumber));
        if (!page.next) break;
        cursor = `&cursor=${encodeURIComponent(page.next)}`;
      }
      expect(seen.filter((s) => serials.includes(s))).toEqual([serials[2], serials[1], serials[0]]);

      await api(target(), `/v1/certificates/${serials[0]}/revocation`, {
        method: 'POST',
        token: target().registrarToken,
        json: { reason: 'superseded' },
      });
      expect(mine(await list('expiringWithinDays=30')).map((c) => c.serialNumber)).toEqual([serials[2], serials[1]]);
    });

    it('answers the desk only, and says what is wrong with a question', async () => {
      for (const path of ['/v1/people?q=kowalski', '/v1/certificates?expiringWithinDays=30']) {
        expect((await api(target(), path)).status, path).toBe(401);
        for (const token of [target().departmentToken('WGN'), target().adminToken]) {
          const res = await api(target(), path, { token });
          expect(res.status, path).toBe(403);
          expect(((await res.json()) as { type: string }).type).toBe('urn:ebok:problem:forbidden');
        }
      }
      for (const [query, says] of [
        ['/v1/people', /"q"/],
        ['/v1/people?q=%20', /"q"/],
        ['/v1/people?q=a', /"q"/],
        ['/v1/people?q=44051401358', /PESEL/],
        ['/v1/people?q=1234', /PESEL/],
        [`/v1/people?q=${'x'.repeat(101)}`, /"q"/],
        ['/v1/people?q=kowalski&limit=51', /"limit"/],
        ['/v1/certificates?expiringWithinDays=0', /"expiringWithinDays"/],
        ['/v1/certificates?expiringWithinDays=367', /"expiringWithinDays"/],
        ['/v1/certificates?expiringWithinDays=soon', /"expiringWithinDays"/],
        ['/v1/certificates?limit=201', /"limit"/],
        ['/v1/certificates?cursor=x', /"cursor"/],
      ] as const) {
        const res = await api(target(), query, { token: target().registrarToken });
        expect(res.status, query).toBe(400);
        const problem = (await res.json()) as { type: string; detail: string };
        expect(problem.type, query).toBe('urn:ebok:problem:bad-request');
        expect(problem.detail, query).toMatch(says);
      }
    });
  });
}
