import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyDetached } from '@ebok/forms-core/signing';
import { fromBase64, x509 } from '@ebok/forms-core/pki';
import { applicationDocument, type ApplicationEnvelope } from '@ebok/forms-core/document';
import { formModels } from '@ebok/schemas';
import {
  api,
  enrol,
  type Example,
  example,
  exampleSigner,
  formData,
  prepare,
  type Resident,
  signerFor,
  submit,
} from './client.js';
import type { Target, TargetFactory } from './target.js';

/** Every procedure in the schemas' folder is served: counted there, never written down. */
const PROCEDURE_COUNT = readdirSync(resolve(import.meta.dirname, '../../../../schemas/procedures')).filter((f) =>
  f.endsWith('.schema.json'),
).length;
import { caseContract } from './cases.js';
import { handOffContract } from './hand-offs.js';
import { itemViewContract } from './item-view.js';
import { headContract } from './heads.js';
import { officeConsoleContract } from './office-console.js';
import { searchContract } from './search.js';
import { deskContract } from './desk.js';
import { sessionTimeoutContract, staffContract } from './staff.js';
import { residentContract } from './resident.js';

type Problem = {
  type: string;
  status: number;
  title: string;
  detail: string;
  errors?: Array<{ pointer: string; code: string; message: string }>;
};

async function problem(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body.status).toBe(res.status);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  return body;
}

async function caCertificate(target: Target): Promise<x509.X509Certificate> {
  const res = await api(target, '/v1/ca/certificate');
  return new x509.X509Certificate(await res.arrayBuffer());
}

/**
 * The HTTP contract of API v1, over real HTTP against a running server. The Node adapter runs it
 * here; the Workers adapter runs the same suite against workerd.
 */
export function contractSuite(name: string, startTarget: TargetFactory): void {
  describe(`HTTP API v1 contract (${name})`, () => {
    let target: Target;
    let resident: Resident;
    beforeAll(async () => {
      target = await startTarget();
      resident = await signerFor(target, 'usc-odpis-aktu');
    }, 60_000);
    afterAll(async () => {
      await target?.stop();
    });

    it('makes the document a resident signs: the same PDF, byte for byte, as the envelope gives anywhere; only for a valid application', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu');
      const res = await api(target, '/v1/documents', { method: 'POST', json: s.document });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="wniosek-usc-odpis-aktu.pdf"');
      const pdf = new Uint8Array(await res.arrayBuffer());
      const { default: model } = await formModels[`usc-odpis-aktu@${String(s.document['schemaVersion'])}`]!();
      const here = await applicationDocument(model, s.document as unknown as ApplicationEnvelope);
      expect(Buffer.from(pdf).equals(Buffer.from(here.pdf))).toBe(true);
      expect(res.headers.get('x-ebok-data-sha256')).toBe(here.sha256);

      const invalid = await prepare(resident, 'usc-odpis-aktu', {
        tamper: (doc) => {
          (doc['data'] as Record<string, unknown>)['applicant'] = {};
        },
      });
      const refused = await api(target, '/v1/documents', { method: 'POST', json: invalid.document });
      expect(refused.status).toBe(422);
      expect((await problem(refused)).type).toMatch(/validation-failed$/);
      const unknown = await api(target, '/v1/documents', {
        method: 'POST',
        json: { ...s.document, schemaVersion: '9.9.9' },
      });
      expect((await problem(unknown)).type).toMatch(/unknown-procedure$/);
      const notEnvelope = await api(target, '/v1/documents', { method: 'POST', json: { procedure: 'usc-odpis-aktu' } });
      expect(notEnvelope.status).toBe(400);
    });

    it('registers a signed application: 201, a signed receipt, a queue message, the document for the department', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu');
      const res = await submit(target, formData(s), { 'idempotency-key': `key-${crypto.randomUUID()}` });
      expect(res.status).toBe(201);
      const body = (await res.json()) as {
        registryNumber: string;
        department: string;
        documentSha256: string;
        receipt: { document: string; signature: string };
      };
      expect(body.registryNumber).toMatch(/^RPW\/\d+\/\d{4}$/);
      expect(body.department).toBe('USC');
      const receipt = JSON.parse(body.receipt.document) as Record<string, unknown>;
      expect(receipt).toMatchObject({
        type: 'ebok-receipt',
        registryNumber: body.registryNumber,
        documentSha256: body.documentSha256,
        department: 'USC',
        title: 'Wniosek o wydanie odpisu aktu stanu cywilnego',
        sender: { identifier: `PNOPL-${resident.pesel}` },
        signatureKind: 'city',
        signature: { kind: 'city' },
      });
      const ca = await caCertificate(target);
      const verified = await verifyDetached(
        new TextEncoder().encode(body.receipt.document),
        fromBase64(body.receipt.signature),
        { trustAnchors: [ca] },
      );
      expect(verified.ok).toBe(true);

      const token = target.departmentToken('USC');
      const lease = await api(target, '/v1/departments/USC/queue/lease', {
        method: 'POST',
        token,
        json: { max: 100, visibilitySeconds: 30 },
      });
      expect(lease.status).toBe(200);
      const { messages } = (await lease.json()) as {
        messages: Array<{
          id: number;
          leaseId: string;
          registryNumber: string;
          deliveries: number;
          documentUrl: string;
        }>;
      };
      const message = messages.find((m) => m.registryNumber === body.registryNumber)!;
      expect(message.deliveries).toBe(1);
      const doc = await api(target, message.documentUrl, { token });
      const stored = (await doc.json()) as {
        document: string;
        signature: string;
        attachments: Array<{ name: string; sha256: string; url: string }>;
        entry: { sender: unknown };
      };
      expect(stored.document).toBe(s.documentText);
      expect(stored.entry.sender).toEqual({ givenNames: 'Anna', surname: 'Testowa', pesel: resident.pesel });
      const signed = await verifyDetached(new TextEncoder().encode(stored.document), fromBase64(stored.signature), {
        trustAnchors: [ca],
      });
      expect(signed.ok && signed.signer.identity?.pesel).toBe(resident.pesel);
      for (const a of stored.attachments) {
        const file = await api(target, a.url, { token });
        expect(new Uint8Array(await file.arrayBuffer())).toEqual(s.files.get(a.name)!.bytes);
      }
      const ack = await api(target, `/v1/departments/USC/queue/${message.id}/ack`, {
        method: 'POST',
        token,
        json: { leaseId: message.leaseId },
      });
      expect(ack.status).toBe(200);
      // The same receipt again, for the resident who proves the document by its hash.
      const again = await api(
        target,
        `/v1/receipts/${encodeURIComponent(body.registryNumber)}?documentSha256=${body.documentSha256}`,
      );
      expect(((await again.json()) as { receipt: { document: string } }).receipt.document).toBe(body.receipt.document);
      expect((await api(target, `/v1/receipts/${encodeURIComponent(body.registryNumber)}`)).status).toBe(404);
    });

    it('registers an application the law has filed elsewhere as a notice of a visit, and its receipt says where it is filed', async () => {
      // CEIDG-1 is filed online only on biznes.gov.pl: the office is told of the resident's visit.
      const filer = await signerFor(target, 'wso-ceidg-wpis');
      const res = await submit(target, formData(await prepare(filer, 'wso-ceidg-wpis')));
      expect(res.status).toBe(201);
      const body = (await res.json()) as { registryNumber: string; receipt: { document: string } };
      const receipt = JSON.parse(body.receipt.document) as Record<string, unknown>;
      expect(receipt).toMatchObject({
        kind: 'visit-notice',
        fileAt: { service: { pl: 'CEIDG na Biznes.gov.pl' }, url: 'https://www.biznes.gov.pl/' },
        procedure: { id: 'wso-ceidg-wpis' },
      });
      expect(receipt['title']).toMatch(/^Zgłoszenie wizyty \(wniosek składa się: CEIDG na Biznes\.gov\.pl\): /);
      // A filing with the city has neither.
      const own = await submit(target, formData(await prepare(resident, 'usc-odpis-aktu')));
      const ownReceipt = JSON.parse(((await own.json()) as { receipt: { document: string } }).receipt.document);
      expect(ownReceipt).not.toHaveProperty('kind');
      expect(ownReceipt).not.toHaveProperty('fileAt');
    });

    it('answers a retry with the first receipt and status 200, never a second number', async () => {
      const s = await prepare(await signerFor(target, 'wso-ceidg-wpis'), 'wso-ceidg-wpis');
      const key = `retry-${crypto.randomUUID()}`;
      const first = await submit(target, formData(s), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const a = (await first.json()) as { registryNumber: string };
      const byKey = await submit(target, formData(s), { 'idempotency-key': key });
      expect(byKey.status).toBe(200);
      expect(((await byKey.json()) as { registryNumber: string }).registryNumber).toBe(a.registryNumber);
      const byDocument = await submit(target, formData(s));
      expect(byDocument.status).toBe(200);
      expect(((await byDocument.json()) as { registryNumber: string }).registryNumber).toBe(a.registryNumber);
      const other = await prepare(await signerFor(target, 'wso-ceidg-wpis'), 'wso-ceidg-wpis');
      const conflict = await submit(target, formData(other), { 'idempotency-key': key });
      expect((await problem(conflict)).type).toBe('urn:ebok:problem:idempotency-conflict');
    });

    it('answers a retry and refuses a replay of a document without attachments (registration itself decides)', async () => {
      const noFiles = example('wgn-numer-porzadkowy', 'valid-existing-house-owner.json');
      expect(noFiles.attachments).toEqual([]);
      const s = await prepare(await signerFor(target, 'wgn-numer-porzadkowy'), 'wgn-numer-porzadkowy', {
        example: noFiles,
        nonce: `no-files-${crypto.randomUUID()}`,
      });
      const key = `retry-${crypto.randomUUID()}`;
      const first = await submit(target, formData(s), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      const { registryNumber } = (await first.json()) as { registryNumber: string };
      const [byKey, byDocument] = await Promise.all([
        submit(target, formData(s), { 'idempotency-key': key }),
        submit(target, formData(s)),
      ]);
      expect([byKey.status, byDocument.status]).toEqual([200, 200]);
      for (const res of [byKey, byDocument])
        expect(((await res.json()) as { registryNumber: string }).registryNumber).toBe(registryNumber);
      const other = await prepare(await signerFor(target, 'wgn-numer-porzadkowy', noFiles), 'wgn-numer-porzadkowy', {
        example: noFiles,
      });
      const conflict = await submit(target, formData(other), { 'idempotency-key': key });
      expect((await problem(conflict)).type).toBe('urn:ebok:problem:idempotency-conflict');
      const before = await target.snapshot();
      const replay = await prepare(await signerFor(target, 'wgn-numer-porzadkowy'), 'wgn-numer-porzadkowy', {
        example: noFiles,
        nonce: s.document['nonce'] as string,
        tamper: (doc) => {
          doc['submittedAt'] = new Date(Date.now() - 60_000).toISOString(); // another document, the same nonce
        },
      });
      const res = await submit(target, formData(replay));
      expect((await problem(res)).type).toBe('urn:ebok:problem:replay');
      expect(await target.snapshot()).toEqual(before);
    });

    it('registers copies of one document sent at once as one entry, then refuses its nonce with another document', async () => {
      const noFiles = example('wgn-numer-porzadkowy', 'valid-existing-house-owner.json');
      const nonce = `together-${crypto.randomUUID()}`;
      const s = await prepare(await signerFor(target, 'wgn-numer-porzadkowy', noFiles), 'wgn-numer-porzadkowy', {
        example: noFiles,
        nonce,
      });
      const replay = await prepare(await signerFor(target, 'wgn-numer-porzadkowy'), 'wgn-numer-porzadkowy', {
        example: noFiles,
        nonce,
        tamper: (doc) => {
          doc['submittedAt'] = new Date(Date.now() - 60_000).toISOString();
        },
      });
      const copies = await Promise.all([1, 2, 3].map(() => submit(target, formData(s))));
      const statuses = copies.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 201]);
      const numbers = await Promise.all(
        copies.map(async (r) => ((await r.json()) as { registryNumber: string }).registryNumber),
      );
      expect(new Set(numbers).size).toBe(1);
      expect((await problem(await submit(target, formData(replay)))).type).toBe('urn:ebok:problem:replay');
    });

    describe('rejects, in order, each with its own problem, and changes nothing', () => {
      const cases: Array<[string, () => Promise<Response>, number, string]> = [
        [
          'a body over the size limit',
          async () =>
            submit(
              target,
              formData(await prepare(resident, 'usc-odpis-aktu'), { extra: { big: new Uint8Array(11 * 1024 * 1024) } }),
            ),
          413,
          'request-too-large',
        ],
        [
          'not multipart',
          async () => submit(target, JSON.stringify({ a: 1 }), { 'content-type': 'application/json' }),
          415,
          'unsupported-media-type',
        ],
        [
          'a missing signature part',
          async () => submit(target, formData(await prepare(resident, 'usc-odpis-aktu'), { omit: ['signature'] })),
          400,
          'multipart-shape',
        ],
        [
          'a document that is not canonical JSON',
          async () => {
            const s = await prepare(resident, 'usc-odpis-aktu');
            return submit(target, formData(s, { documentText: JSON.stringify(s.document, null, 2) }));
          },
          400,
          'not-canonical',
        ],
        [
          'an unknown procedure version',
          async () => submit(target, formData(await prepare(resident, 'usc-odpis-aktu', { schemaVersion: '9.9.9' }))),
          422,
          'unknown-procedure',
        ],
        [
          'a signature over other bytes',
          async () => {
            const s = await prepare(resident, 'usc-odpis-aktu');
            const other = await prepare(resident, 'usc-odpis-aktu');
            return submit(target, formData({ ...s, signature: other.signature }));
          },
          422,
          'signature-invalid',
        ],
        [
          'data that fails the schema',
          async () =>
            submit(
              target,
              formData(
                await prepare(resident, 'usc-odpis-aktu', {
                  example: example('usc-odpis-aktu', 'invalid-pesel-checksum.json'),
                }),
              ),
            ),
          422,
          'validation-failed',
        ],
        [
          'a file that does not match its declared hash',
          async () => {
            const s = await prepare(resident, 'usc-odpis-aktu');
            const [name, f] = [...s.files][0]!;
            const swapped = new Uint8Array(f.bytes);
            swapped[0] = swapped[0]! ^ 0xff;
            return submit(target, formData({ ...s, files: new Map([[name, { ...f, bytes: swapped }]]) }));
          },
          422,
          'attachment-mismatch',
        ],
        [
          'a photo with fewer pixels than its procedure states',
          async () => {
            const ex = example('wso-dowod-osobisty', 'invalid-photo-too-few-pixels.json');
            const signer = await signerFor(target, 'wso-dowod-osobisty', ex);
            return submit(target, formData(await prepare(signer, 'wso-dowod-osobisty', { example: ex })));
          },
          422,
          'validation-failed',
        ],
        [
          'an undeclared extra part',
          async () =>
            submit(
              target,
              formData(await prepare(resident, 'usc-odpis-aktu'), { extra: { selfie: new Uint8Array([1, 2, 3]) } }),
            ),
          422,
          'attachment-mismatch',
        ],
      ];
      it.each(cases)('%s', async (_name, send, status, type) => {
        const before = await target.snapshot();
        const res = await send();
        expect(res.status).toBe(status);
        expect((await problem(res)).type).toBe(`urn:ebok:problem:${type}`);
        expect(await target.snapshot()).toEqual(before);
      });

      it('a replayed nonce with another document', async () => {
        const first = await prepare(resident, 'usc-odpis-aktu', { nonce: 'replayed-nonce-0001' });
        expect((await submit(target, formData(first))).status).toBe(201);
        const before = await target.snapshot();
        // The same signer's nonce with another document (nonces are each signer's own).
        const replay = await prepare(resident, 'usc-odpis-aktu', {
          nonce: 'replayed-nonce-0001',
          example: example('usc-odpis-aktu', 'valid-death-unidentified-exempt.json'),
        });
        const res = await submit(target, formData(replay));
        expect(res.status).toBe(409);
        expect((await problem(res)).type).toBe('urn:ebok:problem:replay');
        expect(await target.snapshot()).toEqual(before);
      });

      it('a revoked certificate', async () => {
        const revoked = await enrol(target, exampleSigner('usc-odpis-aktu'));
        const res = await api(target, `/v1/certificates/${revoked.serialNumber}/revocation`, {
          method: 'POST',
          token: target.registrarToken,
          json: { reason: 'keyCompromise' },
        });
        expect(res.status).toBe(200);
        const before = await target.snapshot();
        const rejected = await submit(target, formData(await prepare(revoked, 'usc-odpis-aktu')));
        expect(rejected.status).toBe(422);
        expect((await problem(rejected)).type).toBe('urn:ebok:problem:certificate-revoked');
        expect(await target.snapshot()).toEqual(before);
        const crl = new x509.X509Crl(await (await api(target, '/v1/ca/crl')).arrayBuffer());
        expect(crl.entries.map((e) => e.serialNumber.toLowerCase())).toContain(revoked.serialNumber);
        expect(await crl.verify({ publicKey: await (await caCertificate(target)).publicKey.export() })).toBe(true);
      });
    });

    it('keeps every staff action in a hash chain that administrators read and check, and names the record an intruder edits', async () => {
      type Record = {
        seq: number;
        actor: string;
        action: string;
        target: string | null;
        after: unknown;
        prevHash: string;
        hash: string;
      };
      const verification = async () =>
        (await (await api(target, '/v1/audit/verification', { token: target.adminToken })).json()) as unknown;
      const enrolled = await enrol(target);
      const revoke = await api(target, `/v1/certificates/${enrolled.serialNumber}/revocation`, {
        method: 'POST',
        token: target.registrarToken,
        json: { reason: 'superseded' },
      });
      expect(revoke.status).toBe(200);
      const all: Record[] = [];
      for (let after = 0; ;) {
        const res = await api(target, `/v1/audit?after=${after}&limit=100`, { token: target.adminToken });
        expect(res.status).toBe(200);
        const { records } = (await res.json()) as { records: Record[] };
        all.push(...records);
        if (records.length < 100) break;
        after = records.at(-1)!.seq;
      }
      expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
      all.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : all[i - 1]!.hash));
      const [enrolment, revocation] = all.slice(-2) as [Record, Record];
      expect(enrolment).toMatchObject({
        action: 'enrolment.create',
        actor: expect.stringMatching(/^token:registrar#[0-9a-f]{12}$/) as unknown,
        after: { givenNames: 'Anna', surname: 'Testowa' },
      });
      expect(revocation).toMatchObject({
        action: 'certificate.revoke',
        target: enrolled.serialNumber,
        after: { revoked: true, reason: 'superseded' },
      });
      expect(await verification()).toEqual({ ok: true, records: all.length, head: revocation.hash });

      // Someone with the database's files changes the revocation's reason: the chain breaks there.
      const [row] = target.sql<{ after: string }>('SELECT after FROM audit_log WHERE seq = ?', [revocation.seq]);
      target.sql('UPDATE audit_log SET after = ? WHERE seq = ?', [
        row!.after.replace('superseded', 'unspecified'),
        revocation.seq,
      ]);
      try {
        expect(await verification()).toEqual({
          ok: false,
          records: revocation.seq - 1,
          head: enrolment.hash,
          brokenAt: revocation.seq,
          reason: 'hash',
        });
      } finally {
        target.sql('UPDATE audit_log SET after = ? WHERE seq = ?', [row!.after, revocation.seq]);
      }
      expect(await verification()).toMatchObject({ ok: true });

      // For administrators only, and bounded.
      expect((await api(target, '/v1/audit', { token: target.registrarToken })).status).toBe(403);
      expect((await api(target, '/v1/audit/verification')).status).toBe(401);
      expect((await api(target, '/v1/audit?limit=0', { token: target.adminToken })).status).toBe(400);
      expect((await api(target, '/v1/audit?after=1e3', { token: target.adminToken })).status).toBe(400);
    });

    it('reports validation errors with field pointers, in the language asked for', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu', {
        example: example('usc-odpis-aktu', 'invalid-legal-interest-missing.json'),
      });
      const res = await submit(target, formData(s), { 'accept-language': 'uk, en;q=0.5' });
      const body = await problem(res);
      expect(res.headers.get('content-language')).toBe('uk');
      expect(body.errors?.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual([
        '/attachments/proof-of-legal-interest attachment.missing',
        '/legalInterest required',
      ]);
      expect(body.errors?.find((e) => e.code === 'required')?.message).toBe("Це поле обов'язкове.");
    });

    it('names each file that does not match the signed document, with a message in the language asked for', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu');
      const [name, f] = [...s.files][0]!;
      const swapped = new Uint8Array(f.bytes);
      swapped[0] = swapped[0]! ^ 0xff;
      const res = await submit(
        target,
        formData(
          { ...s, files: new Map([[name, { ...f, bytes: swapped }]]) },
          { extra: { selfie: new Uint8Array([1]) } },
        ),
        { 'accept-language': 'en' },
      );
      const body = await problem(res);
      expect(body.type).toBe('urn:ebok:problem:attachment-mismatch');
      expect(body.errors).toEqual([
        {
          pointer: `/attachments/${name}`,
          code: 'attachment.sha256-mismatch',
          message: "The file's content does not match the signed document.",
        },
        {
          pointer: '/attachments/selfie',
          code: 'attachment.undeclared-part',
          message: 'This file is not listed in the signed document.',
        },
      ]);
    });

    it("checks a photo's own bytes against the pixel size its procedure states, as the browser did before sending", async () => {
      /** The example, signed by the person it names, refused as `validation-failed` with these errors. */
      const refused = async (procedure: string, ex: Example, lang: string) => {
        const s = await prepare(await signerFor(target, procedure, ex), procedure, { example: ex });
        const res = await submit(target, formData(s), { 'accept-language': lang });
        expect(res.status).toBe(422);
        const body = await problem(res);
        expect(body.type).toBe('urn:ebok:problem:validation-failed');
        return body.errors;
      };
      // Too few pixels for the ID-card register: at least 492×633.
      expect(
        await refused('wso-dowod-osobisty', example('wso-dowod-osobisty', 'invalid-photo-too-few-pixels.json'), 'en'),
      ).toEqual([
        {
          pointer: '/attachments/photo',
          code: 'attachment.image-too-small',
          message: 'The photo is 400×500 pixels; it must be at least 492×633.',
        },
      ]);
      // The driving-licence register takes exactly 480×615.
      expect(
        await refused('wk-prawo-jazdy', example('wk-prawo-jazdy', 'invalid-photo-not-480x615.json'), 'pl'),
      ).toEqual([
        {
          pointer: '/attachments/photo',
          code: 'attachment.image-too-large',
          message: 'Zdjęcie ma 600×800 pikseli, a musi mieć dokładnie 480×615.',
        },
      ]);
      // Declared a JPEG, but its bytes are not one.
      const valid = example('wso-dowod-osobisty');
      const notAnImage = { ...valid, attachments: [{ name: 'photo', mediaType: 'image/jpeg', size: 5000 }] };
      expect(await refused('wso-dowod-osobisty', notAnImage, 'uk')).toEqual([
        {
          pointer: '/attachments/photo',
          code: 'attachment.not-an-image',
          message: 'Файл не є коректним зображенням JPEG.',
        },
      ]);
      // A photo of the size stated is registered.
      const signer = await signerFor(target, 'wso-dowod-osobisty', valid);
      const res = await submit(target, formData(await prepare(signer, 'wso-dowod-osobisty', { example: valid })));
      expect(res.status).toBe(201);
    });

    describe('malformed input gets a 4xx problem, never a 500', () => {
      const cases: Array<[string, () => Promise<Response>, number]> = [
        [
          'enrolment body not JSON',
          () =>
            api(target, '/v1/enrolments', {
              method: 'POST',
              token: target.registrarToken,
              body: '{oops',
              headers: { 'content-type': 'application/json' },
            }),
          400,
        ],
        [
          'enrolment with a wrong content type',
          () =>
            api(target, '/v1/enrolments', {
              method: 'POST',
              token: target.registrarToken,
              body: 'x',
              headers: { 'content-type': 'text/plain' },
            }),
          415,
        ],
        [
          'enrolment with an invalid PESEL',
          () =>
            api(target, '/v1/enrolments', {
              method: 'POST',
              token: target.registrarToken,
              json: { givenNames: 'A', surname: 'B', pesel: '44051401358' },
            }),
          400,
        ],
        [
          'a deeply nested document',
          async () => {
            const s = await prepare(resident, 'usc-odpis-aktu');
            return submit(target, formData(s, { documentText: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }));
          },
          400,
        ],
        [
          '__proto__ keys in the document',
          async () => {
            const s = await prepare(resident, 'usc-odpis-aktu', {
              tamper: (d) =>
                Object.defineProperty(d['data'], '__proto__', { value: { polluted: true }, enumerable: true }),
            });
            return submit(target, formData(s));
          },
          422,
        ],
        ['no token for the register', () => api(target, '/v1/register'), 401],
        ['a wrong token', () => api(target, '/v1/register', { token: 'not-a-real-token-at-all-0000' }), 401],
        [
          "another department's token",
          () =>
            api(target, '/v1/departments/WK/queue/lease', {
              method: 'POST',
              token: target.departmentToken('USC'),
              json: {},
            }),
          403,
        ],
        [
          'a department token for the register',
          () => api(target, '/v1/register', { token: target.departmentToken('USC') }),
          403,
        ],
        [
          'an activation code with a typo',
          () =>
            api(target, '/v1/certificates', { method: 'POST', json: { activationCode: 'AAAA-AAAA-AAAA-A', csr: 'x' } }),
          422,
        ],
        [
          'a queue ack with a wrong lease',
          () =>
            api(target, '/v1/departments/USC/queue/1/ack', {
              method: 'POST',
              token: target.departmentToken('USC'),
              json: { leaseId: 'nope' },
            }),
          409,
        ],
        ['an unknown route', () => api(target, '/v1/nothing-here'), 404],
        [
          'a certificate request that is not PKCS#10',
          async () => {
            const code = (await (
              await api(target, '/v1/enrolments', {
                method: 'POST',
                token: target.registrarToken,
                json: { givenNames: 'A', surname: 'B', pesel: '90021512347' },
              })
            ).json()) as { activationCode: string };
            return api(target, '/v1/certificates', {
              method: 'POST',
              json: {
                activationCode: code.activationCode,
                csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
              },
            });
          },
          422,
        ],
      ];
      it.each(cases)('%s', async (_name, send, status) => {
        const res = await send();
        expect(res.status).toBe(status);
        await problem(res);
      });
    });

    it('uses an activation code once', async () => {
      const code = (await (
        await api(target, '/v1/enrolments', {
          method: 'POST',
          token: target.registrarToken,
          json: { givenNames: 'Jan', surname: 'Kowalski', pesel: '72031204557' },
        })
      ).json()) as { activationCode: string };
      const { createCertificateRequest, generateResidentKeys } = await import('@ebok/forms-core/signing');
      const csr = await createCertificateRequest(await generateResidentKeys());
      expect(
        (await api(target, '/v1/certificates', { method: 'POST', json: { activationCode: code.activationCode, csr } }))
          .status,
      ).toBe(201);
      const second = await api(target, '/v1/certificates', {
        method: 'POST',
        json: { activationCode: code.activationCode.toLowerCase(), csr },
      });
      expect(second.status).toBe(422);
      expect(((await problem(second)) as Problem & { reason: string }).reason).toBe('used');
    });

    it('gives 200 parallel submissions distinct, consecutive numbers', async () => {
      const signer = await signerFor(target, 'wsl-dodatek-mieszkaniowy');
      const submissions = await Promise.all(
        Array.from({ length: 200 }, () => prepare(signer, 'wsl-dodatek-mieszkaniowy')),
      );
      const responses = await Promise.all(submissions.map((s) => submit(target, formData(s))));
      const numbers = await Promise.all(
        responses.map(async (r) => {
          expect(r.status).toBe(201);
          return Number(((await r.json()) as { registryNumber: string }).registryNumber.split('/')[1]);
        }),
      );
      const sorted = [...numbers].sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(200);
      expect(sorted[199]! - sorted[0]!).toBe(199);
    });

    it('lists the register in number order, page by page, for registrars', async () => {
      const all = (await (await api(target, '/v1/register?limit=10000', { token: target.registrarToken })).json()) as {
        entries: Array<{ sequence: number }>;
      };
      const seqs = all.entries.map((e) => e.sequence);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const page = (await (
        await api(target, '/v1/register?after=3&limit=2', { token: target.registrarToken })
      ).json()) as { entries: Array<{ sequence: number }> };
      expect(page.entries.map((e) => e.sequence)).toEqual([4, 5]);
    });

    it('registers a scanned paper letter in the same register and queue', async () => {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({
          sender: 'Jan Nowak, ul. Lipowa 1, Olsztyn',
          subject: 'Skarga na hałas',
          department: 'WSO',
          documentDate: '2026-11-20',
          senderReference: 'JN/1/2026',
        }),
      );
      form.append(
        'scan-1',
        new Blob([new Uint8Array([37, 80, 68, 70, 1, 2, 3])], { type: 'application/pdf' }),
        'scan-1.pdf',
      );
      const res = await fetch(`${target.baseUrl}/v1/chancelleries/k1/documents`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${target.registrarToken}` },
      });
      expect(res.status).toBe(201);
      const { registryNumber } = (await res.json()) as { registryNumber: string };
      const lease = (await (
        await api(target, '/v1/departments/WSO/queue/lease', {
          method: 'POST',
          token: target.departmentToken('WSO'),
          json: { max: 100 },
        })
      ).json()) as { messages: Array<{ registryNumber: string }> };
      expect(lease.messages.map((m) => m.registryNumber)).toContain(registryNumber);
      const doc = (await (
        await api(target, `/v1/departments/WSO/documents/${encodeURIComponent(registryNumber)}`, {
          token: target.departmentToken('WSO'),
        })
      ).json()) as { entry: { channel: string; subject: string; senderReference: string } };
      expect(doc.entry).toMatchObject({
        channel: 'chancellery:k1',
        subject: 'Skarga na hałas',
        senderReference: 'JN/1/2026',
      });
    });

    it('redelivers a released message with its delivery count', async () => {
      const s = await prepare(await signerFor(target, 'wk-prawo-jazdy'), 'wk-prawo-jazdy');
      const { registryNumber } = (await (await submit(target, formData(s))).json()) as { registryNumber: string };
      const token = target.departmentToken('WK');
      const lease = async () =>
        (
          (await (
            await api(target, '/v1/departments/WK/queue/lease', {
              method: 'POST',
              token,
              json: { max: 100, visibilitySeconds: 60 },
            })
          ).json()) as {
            messages: Array<{ id: number; leaseId: string; registryNumber: string; deliveries: number }>;
          }
        ).messages.find((m) => m.registryNumber === registryNumber);
      const first = (await lease())!;
      expect(await lease()).toBeUndefined(); // invisible while leased
      expect(
        (
          await api(target, `/v1/departments/WK/queue/${first.id}/nack`, {
            method: 'POST',
            token,
            json: { leaseId: first.leaseId },
          })
        ).status,
      ).toBe(200);
      const second = (await lease())!;
      expect(second.deliveries).toBe(2);
      expect(
        (
          await api(target, `/v1/departments/WK/queue/${first.id}/ack`, {
            method: 'POST',
            token,
            json: { leaseId: first.leaseId },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await api(target, `/v1/departments/WK/queue/${second.id}/ack`, {
            method: 'POST',
            token,
            json: { leaseId: second.leaseId },
          })
        ).status,
      ).toBe(200);
    });

    it('makes a message visible again when its lease runs out, and dead-letters it after the last try', async () => {
      const s = await prepare(await signerFor(target, 'wgn-numer-porzadkowy'), 'wgn-numer-porzadkowy');
      const { registryNumber } = (await (await submit(target, formData(s))).json()) as { registryNumber: string };
      const token = target.departmentToken('WGN');
      type Msg = { id: number; leaseId: string; registryNumber: string; deliveries: number };
      const lease = async (visibilitySeconds: number) =>
        (
          (await (
            await api(target, '/v1/departments/WGN/queue/lease', {
              method: 'POST',
              token,
              json: { max: 100, visibilitySeconds },
            })
          ).json()) as { messages: Msg[] }
        ).messages.find((m) => m.registryNumber === registryNumber);
      const first = (await lease(1))!;
      await new Promise((r) => setTimeout(r, 1100));
      const second = (await lease(60))!; // the first lease ran out: delivered again
      expect(second.deliveries).toBe(first.deliveries + 1);
      let last = second;
      for (;;) {
        const nack = await api(target, `/v1/departments/WGN/queue/${last.id}/nack`, {
          method: 'POST',
          token,
          json: { leaseId: last.leaseId },
        });
        expect(nack.status).toBe(200);
        const next = await lease(60);
        if (!next) break;
        last = next;
      }
      const dead = (await (await api(target, '/v1/departments/WGN/dead-letters', { token })).json()) as {
        messages: Array<{ registryNumber: string; deliveries: number }>;
      };
      expect(dead.messages.find((m) => m.registryNumber === registryNumber)?.deliveries).toBe(last.deliveries);
      expect(last.deliveries).toBe(5); // EBOK_MAX_DELIVERIES defaults to 5
    });

    it('answers CORS only for the allowed origins', async () => {
      const allowed = await api(target, '/v1/procedures', { headers: { origin: 'https://bip.olsztyn.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bip.olsztyn.example');
      const other = await api(target, '/v1/procedures', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
      expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(allowed.headers.get('vary')).toMatch(/origin/i);
    });

    it('sends the security headers and the request id on answers and problems alike', async () => {
      const answers = [
        await api(target, '/v1/procedures', { headers: { 'x-request-id': 'contract-headers-1' } }),
        await api(target, '/v1/no-such-thing', { headers: { 'x-request-id': 'contract-headers-2' } }),
        await submit(target, 'not multipart', { 'content-type': 'text/plain', 'x-request-id': 'contract-headers-3' }),
        await submit(target, formData(await prepare(resident, 'usc-odpis-aktu')), {
          'x-request-id': 'contract-headers-4',
          origin: 'https://bip.olsztyn.example',
        }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 404, 415, 201]);
      expect(answers.map((r) => r.headers.get('content-type'))).toEqual([
        'application/json',
        'application/problem+json; charset=utf-8',
        'application/problem+json; charset=utf-8',
        'application/json',
      ]);
      expect(answers[3]!.headers.get('access-control-allow-origin')).toBe('https://bip.olsztyn.example');
      expect(answers[3]!.headers.get('vary')).toBe('Origin');
      answers.forEach((r, i) => {
        expect(r.headers.get('x-request-id')).toBe(`contract-headers-${i + 1}`);
        expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(r.headers.get('cache-control')).toBe('no-store');
        expect(r.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
        expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(r.headers.get('referrer-policy')).toBe('no-referrer');
        expect(r.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      });
    });

    it('answers a CORS preflight for an allowed origin, and gives another origin nothing to go on', async () => {
      const preflight = (origin: string) =>
        api(target, '/v1/submissions', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, idempotency-key',
          },
        });
      const allowed = await preflight('https://bip.olsztyn.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bip.olsztyn.example');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
      expect(allowed.headers.get('access-control-max-age')).toBe('600');
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-allow-methods')).toBeNull();
    });

    it('serves the catalogue, a procedure with its schema, and an OpenAPI 3.1 document naming every procedure', async () => {
      const list = (await (await api(target, '/v1/procedures')).json()) as Array<{ id: string }>;
      expect(list).toHaveLength(PROCEDURE_COUNT);
      const one = (await (await api(target, '/v1/procedures/wk-prawo-jazdy')).json()) as {
        id: string;
        schema: { $id: string };
      };
      expect(one.schema.$id).toContain('wk-prawo-jazdy');
      const openapi = (await (await api(target, '/v1/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toContain('/v1/submissions');
      expect(Object.keys(openapi.components.schemas).filter((k) => k.startsWith('Procedure_'))).toHaveLength(
        PROCEDURE_COUNT,
      );
      const page = await api(target, '/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('ebok');
    });

    // Last: the cases' items go into the departments' queues, which the tests above read from the start.
    caseContract(() => target);
    headContract(() => target);
    staffContract(() => target);
    searchContract(() => target);
    // After the cases: its items go through the departments' inboxes too.
    residentContract(() => target);
    officeConsoleContract(() => target);
    deskContract(() => target);
    handOffContract(() => target);
    itemViewContract(() => target);
  });

  sessionTimeoutContract(startTarget);

  describe(`register numbering across restarts and years (${name})`, () => {
    it('continues the sequence after a restart and starts again at 1 in a new year', async () => {
      // 31 December, 23:00 in Warsaw; then a restart on 1 January.
      const now = Date.now();
      const year = new Date().getUTCFullYear();
      const offset = (iso: string) => String(Date.parse(iso) - now);
      let serverOffset = offset(`${year + 1}-12-31T21:00:00Z`);
      const target = await startTarget({ EBOK_CLOCK_OFFSET_MS: serverOffset });
      try {
        const resident = await enrol(target, exampleSigner('wso-ceidg-wpis'));
        // The resident's clock agrees with the server's (the certificate starts at its "now").
        const signingTime = () => new Date(Date.now() + Number(serverOffset));
        const number = async () => {
          const res = await submit(
            target,
            formData(await prepare(resident, 'wso-ceidg-wpis', { signingTime: signingTime() })),
          );
          return ((await res.json()) as { registryNumber: string }).registryNumber;
        };
        expect(await number()).toBe(`RPW/1/${year + 1}`);
        expect(await number()).toBe(`RPW/2/${year + 1}`);
        await target.restart();
        expect(await number()).toBe(`RPW/3/${year + 1}`);
        serverOffset = offset(`${year + 1}-12-31T23:30:00Z`); // 00:30 on 1 January in Warsaw
        await target.restart({ EBOK_CLOCK_OFFSET_MS: serverOffset });
        expect(await number()).toBe(`RPW/1/${year + 2}`);
      } finally {
        await target.stop();
      }
    }, 60_000);
  });
}
