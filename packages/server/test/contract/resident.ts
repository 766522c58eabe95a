// Residents asking after their applications, over real HTTP on each runtime: a challenge signed
// with the resident's city certificate lists what that person signed and where each stands as
// the office acts on it, or gives one of them back (the very bytes filed and the receipt); nobody
// sees another's, a challenge answers once and not late, a revoked certificate is sent to the
// desk, and oversized or malformed questions are refused unread.
import { describe, expect, it } from 'vitest';
import { canonicalJson, signDetached, verifyDetached } from '@ebok/forms-core/signing';
import { fromBase64, toArrayBuffer, x509 } from '@ebok/forms-core/pki';
import { api, enrol, formData, prepare, type Resident, signerFor, submit, type Submission } from './client.js';
import type { Target } from './target.js';

type Problem = { type: string; status: number; detail: string; reason?: string; retryAfter?: number };
type Notice = {
  type: string;
  at: string;
  department?: string;
  until?: string;
  reason?: string;
  outcome?: string;
  notice?: string;
};
type Documents = {
  registryNumber: string;
  mediaType: string;
  document: string;
  signature?: string;
  signedFiles?: unknown[];
  receipt: {
    registryNumber: string;
    receivedAt: string;
    documentSha256: string;
    receipt: { document: string; signature: string };
  };
};
type Application = {
  registryNumber: string;
  procedure: { id: string; version: string } | null;
  receivedAt: string;
  department: string;
  status: string;
  statusAt: string;
  caseNumber?: string;
  deadline?: string;
  notices: Notice[];
};

/** What the office writes that is its own: it must never reach a resident. */
const INTERNAL = [
  'Jan Urzędnik',
  'notatka dla referenta',
  'Wydział Spraw Obywatelskich załatwia to sam',
  'Anna Referentka',
  'narada wewnętrzna',
  'decyzja nr 7/2026',
];

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export function residentContract(target: () => Target): void {
  describe('residents asking after their applications', () => {
    const challenge = async (): Promise<string> => {
      const res = await api(target(), '/v1/resident/challenges', { method: 'POST' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { challenge: string; expiresAt: string };
      expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
      return body.challenge;
    };

    /** The question signed: RFC 8785 JSON of the challenge and the time, and a detached CMS over it. */
    const signed = async (
      resident: Resident,
      question: Record<string, unknown>,
    ): Promise<{ text: string; signature: Uint8Array }> => {
      const text = canonicalJson(question);
      const signature = await signDetached(
        new TextEncoder().encode(text),
        resident.keys.privateKey,
        resident.certificateDer,
      );
      return { text, signature };
    };

    const form = (parts: Record<string, string | Uint8Array>): FormData => {
      const f = new FormData();
      for (const [name, value] of Object.entries(parts))
        f.append(
          name,
          new Blob([typeof value === 'string' ? value : toArrayBuffer(value)], {
            type: name === 'signature' ? 'application/pkcs7-signature' : 'application/json',
          }),
          name,
        );
      return f;
    };

    const post = (body: FormData, headers: Record<string, string> = {}) =>
      api(target(), '/v1/resident/applications', { method: 'POST', body, headers });

    const problem = async (res: Response): Promise<Problem> => {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return (await res.json()) as Problem;
    };

    /** The resident's applications, asked with a fresh challenge signed now. */
    const ask = async (resident: Resident): Promise<Application[]> => {
      const q = await signed(resident, { challenge: await challenge(), signedAt: new Date().toISOString() });
      const res = await post(form({ document: q.text, signature: q.signature }));
      const text = await res.text();
      expect(res.status, text).toBe(200);
      for (const secret of INTERNAL) expect(text).not.toContain(secret);
      expect(text).not.toContain('token:');
      return JSON.parse(text) as Application[];
    };

    const file = async (resident: Resident, procedure: string): Promise<string> => {
      const res = await submit(target(), formData(await prepare(resident, procedure)));
      expect(res.status).toBe(201);
      return ((await res.json()) as { registryNumber: string }).registryNumber;
    };

    it('lists what the resident filed, and its status as the office assigns, forwards, accepts and handles its case', async () => {
      const resident = await signerFor(target(), 'usc-odpis-aktu');
      const number = await file(resident, 'usc-odpis-aktu');
      const find = async () => (await ask(resident)).find((a) => a.registryNumber === number)!;

      const registered = await find();
      expect(registered).toMatchObject({
        procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
        department: 'USC',
        status: 'registered',
        notices: [],
      });
      expect(registered.statusAt).toBe(registered.receivedAt);
      expect(registered.caseNumber).toBeUndefined();

      const item = encodeURIComponent(number);
      const staff = async (path: string, token: string, json?: unknown) => {
        const res = await api(target(), path, { method: 'POST', token, ...(json !== undefined && { json }) });
        expect(res.status, await res.clone().text()).toBeLessThan(300);
      };
      await staff(`/v1/register/${item}/assignment`, target().registrarToken, {
        department: 'USC',
        officer: 'Jan Urzędnik',
        note: 'notatka dla referenta',
        deadline: inDays(10),
      });
      expect(await find()).toMatchObject({ status: 'forwarded', department: 'USC', notices: [] });

      await staff(`/v1/departments/USC/documents/${item}/forwarding`, target().departmentToken('USC'), {
        to: 'WSO',
        reason: 'Wydział Spraw Obywatelskich załatwia to sam',
      });
      const forwarded = await find();
      expect(forwarded).toMatchObject({
        status: 'forwarded',
        department: 'WSO',
        notices: [{ type: 'forwarded', department: 'WSO' }],
      });
      expect(forwarded.notices[0]!.reason).toBeUndefined();

      const wso = target().departmentToken('WSO');
      await staff(`/v1/departments/WSO/documents/${item}/acceptance`, wso);
      expect(await find()).toMatchObject({ status: 'accepted', department: 'WSO' });

      const opened = await api(target(), '/v1/cases', {
        method: 'POST',
        token: wso,
        json: { registryNumber: number, officer: 'Anna Referentka' },
      });
      expect(opened.status).toBe(201);
      const { caseNumber, deadline } = (await opened.json()) as { caseNumber: string; deadline: string };
      const open = await find();
      expect(open).toMatchObject({ status: 'case-opened', caseNumber, deadline, department: 'WSO' });

      const event = (json: unknown) => staff(`/v1/cases/${caseNumber}/events`, wso, json);
      await event({ type: 'waiting-for-resident', reason: 'Proszę dołączyć pełnomocnictwo', inform: true });
      const waiting = await find();
      expect(waiting.status).toBe('waiting-for-resident');
      expect(waiting.deadline).toBeUndefined(); // the clock stands still
      expect(waiting.notices.at(-1)).toMatchObject({
        type: 'waiting-for-resident',
        reason: 'Proszę dołączyć pełnomocnictwo',
      });
      expect(waiting.statusAt).toBe(waiting.notices.at(-1)!.at);

      await event({ type: 'resumed' });
      expect((await find()).status).toBe('case-opened');
      // Not flagged for the resident: the status moves, its reason stays in the office.
      await event({ type: 'suspended', reason: 'narada wewnętrzna' });
      const suspended = await find();
      expect(suspended.status).toBe('suspended');
      expect(suspended.notices.at(-1)).toEqual({ type: 'suspended', at: suspended.statusAt });
      await event({ type: 'resumed' });

      const until = inDays(90);
      await event({ type: 'extended', reason: 'Potrzebna opinia biegłego', until, inform: true });
      const extended = await find();
      expect(extended).toMatchObject({ status: 'extended', deadline: until });
      const notice = extended.notices.at(-1)!;
      expect(notice).toMatchObject({ type: 'extended', until, reason: 'Potrzebna opinia biegłego' });
      expect(notice.notice).toContain(`Znak sprawy: ${caseNumber}`);
      expect(notice.notice).toContain('art. 36 § 1');
      expect(notice.notice).toContain('Przyczyna zwłoki: Potrzebna opinia biegłego.');
      expect(notice.notice).toContain(`Nowy termin załatwienia sprawy: ${until}.`);
      expect(notice.notice).not.toContain('[wpisz');

      await event({ type: 'decided', outcome: 'decyzja nr 7/2026' });
      const decided = await find();
      expect(decided.status).toBe('decided');
      expect(decided.deadline).toBeUndefined();
      await event({ type: 'closed' });
      const closed = await find();
      expect(closed.status).toBe('closed');
      expect(closed.notices.map((n) => n.type)).toEqual([
        'forwarded',
        'waiting-for-resident',
        'resumed',
        'suspended',
        'resumed',
        'extended',
        'decided',
        'closed',
      ]);
    });

    it('shows another resident only their own applications, none of the first one’s', async () => {
      const first = await signerFor(target(), 'usc-odpis-aktu');
      const other = await signerFor(target(), 'wso-ceidg-wpis');
      expect(other.identifier).not.toBe(first.identifier);
      const mine = await file(first, 'usc-odpis-aktu');
      const theirs = await file(other, 'wso-ceidg-wpis');
      const firstSees = (await ask(first)).map((a) => a.registryNumber);
      const otherSees = (await ask(other)).map((a) => a.registryNumber);
      expect(firstSees).toContain(mine);
      expect(firstSees).not.toContain(theirs);
      expect(otherSees).toContain(theirs);
      expect(otherSees.filter((n) => firstSees.includes(n))).toEqual([]);

      // A new certificate for the same person (a PKCS#12 lost, a new one from the desk) sees the same.
      const again = await enrol(target(), first.pesel!);
      expect((await ask(again)).map((a) => a.registryNumber)).toEqual(firstSees);
      // Someone who filed nothing gets an empty list.
      expect(await ask(await enrol(target(), { kind: 'passport', country: 'DE', number: 'C01X00T47' }))).toEqual([]);
    });

    it('answers a challenge once, in its time, for the document signed: replays, wrong times and tampering are refused', async () => {
      const resident = await signerFor(target(), 'usc-odpis-aktu');
      const q = await signed(resident, { challenge: await challenge(), signedAt: new Date().toISOString() });
      expect((await post(form({ document: q.text, signature: q.signature }))).status).toBe(200);
      const replay = await post(form({ document: q.text, signature: q.signature }));
      expect(replay.status).toBe(422);
      expect(await problem(replay)).toMatchObject({
        type: 'urn:ebok:problem:challenge-invalid',
        reason: 'unknown',
      });

      const never = await signed(resident, { challenge: 'A'.repeat(43), signedAt: new Date().toISOString() });
      expect(await problem(await post(form({ document: never.text, signature: never.signature })))).toMatchObject({
        type: 'urn:ebok:problem:challenge-invalid',
        reason: 'unknown',
      });

      // Signed at another time than now: an hour ago, an hour ahead. The challenge stays unused.
      const c = await challenge();
      for (const at of [Date.now() - 3600_000, Date.now() + 3600_000]) {
        const wrong = await signed(resident, { challenge: c, signedAt: new Date(at).toISOString() });
        const res = await post(form({ document: wrong.text, signature: wrong.signature }));
        expect(res.status).toBe(422);
        expect(await problem(res)).toMatchObject({ type: 'urn:ebok:problem:challenge-invalid', reason: 'signed-at' });
      }
      // Another challenge than the one signed: the signature does not cover it.
      const right = await signed(resident, { challenge: c, signedAt: new Date().toISOString() });
      const swapped = right.text.replace(c, await challenge());
      const tampered = await post(form({ document: swapped, signature: right.signature }));
      expect(tampered.status).toBe(422);
      expect((await problem(tampered)).type).toBe('urn:ebok:problem:signature-invalid');
      // Not canonical, or not the question's shape.
      const spaced = await post(form({ document: `{ "challenge": "${c}" }`, signature: right.signature }));
      expect((await problem(spaced)).type).toBe('urn:ebok:problem:not-canonical');
      const extra = await signed(resident, { challenge: c, signedAt: new Date().toISOString(), pesel: '1' });
      const shape = await post(form({ document: extra.text, signature: extra.signature }));
      expect(shape.status).toBe(400);
      expect((await problem(shape)).type).toBe('urn:ebok:problem:invalid-document');
      // The challenge survived all of that, and answers now.
      expect((await post(form({ document: right.text, signature: right.signature }))).status).toBe(200);
    });

    it('refuses a revoked certificate and sends its holder to the desk', async () => {
      const resident = await enrol(target(), { kind: 'id-card', country: 'UA', number: 'AB123456' });
      const revoked = await api(target(), `/v1/certificates/${resident.serialNumber}/revocation`, {
        method: 'POST',
        token: target().registrarToken,
        json: { reason: 'keyCompromise' },
      });
      expect(revoked.status).toBe(200);
      const q = await signed(resident, { challenge: await challenge(), signedAt: new Date().toISOString() });
      for (const [lang, desk] of [
        ['pl', 'punkt obsługi'],
        ['en', 'desk'],
        ['uk', 'пункт обслуговування'],
      ] as const) {
        const res = await post(form({ document: q.text, signature: q.signature }), { 'accept-language': lang });
        expect(res.status).toBe(403);
        const body = await problem(res);
        expect(body).toMatchObject({
          type: 'urn:ebok:problem:resident-certificate-refused',
          reason: 'certificate-revoked',
        });
        expect(body.detail).toContain(desk);
      }
    });

    it('refuses a certificate past its two years and sends its holder to the desk', async () => {
      const resident = await enrol(target(), { kind: 'passport', country: 'DE', number: 'C01X00T47' });
      // Two years and a day on: the certificate has expired, the office's CA not.
      const offset = (2 * 365 + 2) * 86_400_000;
      await target().restart({ EBOK_CLOCK_OFFSET_MS: String(offset) });
      try {
        const q = await signed(resident, {
          challenge: await challenge(),
          signedAt: new Date(Date.now() + offset).toISOString(),
        });
        const res = await post(form({ document: q.text, signature: q.signature }), { 'accept-language': 'en' });
        expect(res.status).toBe(403);
        const body = await problem(res);
        expect(body).toMatchObject({
          type: 'urn:ebok:problem:resident-certificate-refused',
          reason: 'certificate-expired',
        });
        expect(body.detail).toContain('desk');
      } finally {
        await target().restart({ EBOK_CLOCK_OFFSET_MS: '0' });
      }
    }, 120_000);

    it('refuses oversized parts before reading them, and a question not shaped as two parts', async () => {
      const resident = await signerFor(target(), 'usc-odpis-aktu');
      const q = await signed(resident, { challenge: await challenge(), signedAt: new Date().toISOString() });
      const big = await post(form({ document: q.text + ' '.repeat(5000), signature: q.signature }));
      expect(big.status).toBe(413);
      expect((await problem(big)).detail).toContain('document');
      const hugeSignature = await post(form({ document: q.text, signature: new Uint8Array(70 * 1024) }));
      expect(hugeSignature.status).toBe(413);
      const noSignature = await post(form({ document: q.text }));
      expect((await problem(noSignature)).type).toBe('urn:ebok:problem:multipart-shape');
      const third = await post(form({ document: q.text, signature: q.signature, attachment: 'x' }));
      expect((await problem(third)).type).toBe('urn:ebok:problem:multipart-shape');
      const notMultipart = await api(target(), '/v1/resident/applications', { method: 'POST', json: {} });
      expect(notMultipart.status).toBeGreaterThanOrEqual(400);
      expect(notMultipart.status).toBeLessThan(500);
      // None of it used the challenge up.
      expect((await post(form({ document: q.text, signature: q.signature }))).status).toBe(200);
    });

    it('refuses a challenge past its time, and counts challenges and refusals per address (429 with Retry-After)', async () => {
      const resident = await signerFor(target(), 'usc-odpis-aktu');
      const c = await challenge();
      // Two days on, with few attempts allowed in an hour: a window nothing else has used.
      const offset = 2 * 86_400_000;
      await target().restart({
        EBOK_CLOCK_OFFSET_MS: String(offset),
        EBOK_RESIDENT_ATTEMPTS_PER_ADDRESS: '3',
        EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS: '3600',
      });
      try {
        const late = await signed(resident, { challenge: c, signedAt: new Date(Date.now() + offset).toISOString() });
        const res = await post(form({ document: late.text, signature: late.signature }));
        expect(res.status).toBe(422);
        expect(await problem(res)).toMatchObject({ type: 'urn:ebok:problem:challenge-invalid', reason: 'expired' });
        // One refusal counted; two challenges more fill the window.
        await challenge();
        await challenge();
        const limited = await api(target(), '/v1/resident/challenges', { method: 'POST' });
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await problem(limited)).type).toBe('urn:ebok:problem:too-many-attempts');
        const asking = await post(form({ document: late.text, signature: late.signature }));
        expect(asking.status).toBe(429);
      } finally {
        await target().restart({
          EBOK_CLOCK_OFFSET_MS: '0',
          EBOK_RESIDENT_ATTEMPTS_PER_ADDRESS: '60',
          EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS: '900',
        });
      }
    }, 120_000);

    // Few questions each: challenges and refusals count in the window the tests above use too.
    describe('downloading an application again', () => {
      const download = (q: { text: string; signature: Uint8Array }, headers: Record<string, string> = {}) =>
        api(target(), '/v1/resident/documents', {
          method: 'POST',
          body: form({ document: q.text, signature: q.signature }),
          headers,
        });

      /** The question for one application, signed now with a fresh challenge. */
      const question = async (resident: Resident, registryNumber: string) =>
        signed(resident, { challenge: await challenge(), signedAt: new Date().toISOString(), registryNumber });

      /** An application filed, with what the resident sent and the receipt they were given. */
      const filed = async (resident: Resident): Promise<{ sent: Submission; receipt: Documents['receipt'] }> => {
        const sent = await prepare(resident, 'usc-odpis-aktu');
        const res = await submit(target(), formData(sent));
        expect(res.status).toBe(201);
        return { sent, receipt: (await res.json()) as Documents['receipt'] };
      };

      it('gives the signer back the very document and signature they filed and a receipt that verifies, once per challenge', async () => {
        const resident = await signerFor(target(), 'usc-odpis-aktu');
        const { sent, receipt } = await filed(resident);
        const q = await question(resident, receipt.registryNumber);
        const res = await download(q);
        const text = await res.text();
        expect(res.status, text).toBe(200);
        for (const secret of INTERNAL) expect(text).not.toContain(secret);
        const body = JSON.parse(text) as Documents;
        expect(body.registryNumber).toBe(receipt.registryNumber);
        expect(body.mediaType).toBe('application/json');
        expect(body.document).toBe(sent.documentText);
        expect(fromBase64(body.signature!)).toEqual(sent.signature);
        expect(body.signedFiles).toBeUndefined();
        // The receipt as it was given when filing, signed by the office's CA.
        expect(body.receipt).toEqual(receipt);
        const ca = new x509.X509Certificate(await (await api(target(), '/v1/ca/certificate')).arrayBuffer());
        const upo = await verifyDetached(
          new TextEncoder().encode(body.receipt.receipt.document),
          fromBase64(body.receipt.receipt.signature),
          { trustAnchors: [ca] },
        );
        expect(upo.ok).toBe(true);
        expect(JSON.parse(body.receipt.receipt.document)).toMatchObject({
          type: 'ebok-receipt',
          registryNumber: receipt.registryNumber,
          documentSha256: receipt.documentSha256,
        });
        // The resident's own signature verifies over the document given back.
        const own = await verifyDetached(new TextEncoder().encode(body.document), fromBase64(body.signature!), {
          trustAnchors: [ca],
        });
        expect(own.ok && own.signer.identifier).toBe(resident.identifier);

        const replay = await download(q);
        expect(replay.status).toBe(422);
        expect(await problem(replay)).toMatchObject({ type: 'urn:ebok:problem:challenge-invalid', reason: 'unknown' });
        // A new certificate for the same person (a PKCS#12 lost) gets it too.
        const again = await enrol(target(), resident.pesel!);
        expect((await download(await question(again, receipt.registryNumber))).status).toBe(200);
      });

      it('answers another resident’s certificate and a number not in the register with the same 404, the challenge used up', async () => {
        const owner = await signerFor(target(), 'usc-odpis-aktu');
        const other = await signerFor(target(), 'wso-ceidg-wpis');
        expect(other.identifier).not.toBe(owner.identifier);
        const { receipt } = await filed(owner);
        const theirs = await question(other, receipt.registryNumber);
        const res = await download(theirs);
        expect(res.status).toBe(404);
        const unknown = await download(await question(other, 'RPW/999999/2026'));
        expect(unknown.status).toBe(404);
        const same = (p: Problem) => ({ type: p.type, status: p.status, detail: p.detail });
        const notTheirs = same(await problem(res));
        expect(notTheirs.type).toBe('urn:ebok:problem:not-found');
        expect(same(await problem(unknown))).toEqual(notTheirs);
        // The challenge is used up all the same.
        const replay = await download(theirs);
        expect(await problem(replay)).toMatchObject({ type: 'urn:ebok:problem:challenge-invalid', reason: 'unknown' });
      });

      it('refuses a revoked certificate and sends its holder to the desk', async () => {
        const resident = await signerFor(target(), 'usc-odpis-aktu');
        const { receipt } = await filed(resident);
        const lost = await enrol(target(), resident.pesel!);
        const revoked = await api(target(), `/v1/certificates/${lost.serialNumber}/revocation`, {
          method: 'POST',
          token: target().registrarToken,
          json: { reason: 'keyCompromise' },
        });
        expect(revoked.status).toBe(200);
        const q = await question(lost, receipt.registryNumber);
        for (const [lang, desk] of [
          ['pl', 'punkt obsługi'],
          ['uk', 'пункт обслуговування'],
        ] as const) {
          const res = await download(q, { 'accept-language': lang });
          expect(res.status).toBe(403);
          const refused = await problem(res);
          expect(refused).toMatchObject({
            type: 'urn:ebok:problem:resident-certificate-refused',
            reason: 'certificate-revoked',
          });
          expect(refused.detail).toContain(desk);
        }
      });

      it('refuses oversized parts before reading them, leaving the challenge unused', async () => {
        const resident = await signerFor(target(), 'usc-odpis-aktu');
        const { receipt } = await filed(resident);
        const q = await question(resident, receipt.registryNumber);
        const big = await download({ text: q.text + ' '.repeat(5000), signature: q.signature });
        expect(big.status).toBe(413);
        expect((await problem(big)).detail).toContain('document');
        const bigSignature = await download({ text: q.text, signature: new Uint8Array(65 * 1024) });
        expect(bigSignature.status).toBe(413);
        expect((await problem(bigSignature)).detail).toContain('signature');
        // Past what the whole question may be, the body is refused as it comes.
        const flood = await download({ text: q.text, signature: new Uint8Array(2 * 1024 * 1024) });
        expect(flood.status).toBe(413);
        expect((await download(q)).status).toBe(200);
      });

      it('refuses a challenge past its time, and counts it and a number not the signer’s among the refusals (429)', async () => {
        const resident = await signerFor(target(), 'usc-odpis-aktu');
        const { receipt } = await filed(resident);
        const c = await challenge();
        // Three days on (a window no other test uses), with few attempts allowed in an hour.
        const offset = 3 * 86_400_000;
        await target().restart({
          EBOK_CLOCK_OFFSET_MS: String(offset),
          EBOK_RESIDENT_ATTEMPTS_PER_ADDRESS: '3',
          EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS: '3600',
        });
        try {
          const at = () => new Date(Date.now() + offset).toISOString();
          const late = await signed(resident, { challenge: c, signedAt: at(), registryNumber: receipt.registryNumber });
          const res = await download(late);
          expect(res.status).toBe(422);
          expect(await problem(res)).toMatchObject({ type: 'urn:ebok:problem:challenge-invalid', reason: 'expired' });
          // One refusal; a challenge and a number not in the register make three.
          const unknown = await signed(resident, {
            challenge: await challenge(),
            signedAt: at(),
            registryNumber: 'RPW/999999/2026',
          });
          expect((await download(unknown)).status).toBe(404);
          const limited = await api(target(), '/v1/resident/challenges', { method: 'POST' });
          expect(limited.status).toBe(429);
          expect((await problem(limited)).type).toBe('urn:ebok:problem:too-many-attempts');
          expect((await download(late)).status).toBe(429);
        } finally {
          await target().restart({
            EBOK_CLOCK_OFFSET_MS: '0',
            EBOK_RESIDENT_ATTEMPTS_PER_ADDRESS: '60',
            EBOK_RESIDENT_ATTEMPT_WINDOW_SECONDS: '900',
          });
        }
      }, 120_000);
    });
  });
}
