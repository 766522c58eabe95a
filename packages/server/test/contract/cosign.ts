// Several signers on one filing, where the law asks all of them: a vehicle co-owned by two people
// is registered when each has signed the application's PDF with their own tool (one a qualified
// signature in PAdES, the other podpis osobisty in CAdES), over real HTTP on each runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, toHex } from '@ebok/forms-core/pki';
import { StatutoryPki } from '../../../forms-core/test/shared/statutory-pki.js';
import { api, example, fileSigned, formData, prepare, signerFor, submit, unsignedApplication } from './client.js';
import type { Target, TargetFactory } from './target.js';

const PROCEDURE = 'wk-rejestracja-stala';
const CO_OWNED = 'valid-used-polish-keep-plate-co-owners.json';

/** The co-owners' contract, on a target the factory starts trusting the test PKI. */
export function coSignersSuite(name: string, startTarget: TargetFactory): void {
  let pki: StatutoryPki;
  let target: Target;
  const ex = example(PROCEDURE, CO_OWNED);
  const owners = ex.data['owners'] as Array<{ givenNames: string; surname: string; pesel: string }>;

  beforeAll(async () => {
    pki = await StatutoryPki.create();
    const [anna, piotr] = owners;
    await pki.issue('anna', { givenNames: 'Anna', surname: anna!.surname, pesel: anna!.pesel }, 'qualified');
    await pki.issue(
      'piotr',
      { givenNames: piotr!.givenNames, surname: piotr!.surname, pesel: piotr!.pesel },
      'personal',
    );
    await pki.issue('stranger', { givenNames: 'Jan', surname: 'Obcy', pesel: '44051401359' }, 'qualified');
    target = await startTarget({ EBOK_TRUSTED_ISSUERS: await pki.trustedIssuersJson() });
  }, 120_000);

  afterAll(async () => {
    await target?.stop();
  });

  /** The co-owned vehicle's application with its attachments' files, and the PDF both sign. */
  async function application(data: Record<string, unknown> = ex.data) {
    const a = await unsignedApplication(PROCEDURE, ex, { data });
    const res = await api(target, '/v1/documents', { method: 'POST', json: a.envelope });
    expect(res.status).toBe(200);
    return { ...a, pdf: new Uint8Array(await res.arrayBuffer()) };
  }

  const file = (a: Awaited<ReturnType<typeof application>>, signed: readonly Uint8Array[]) =>
    fileSigned(target, a, signed);

  interface Refusal {
    type: string;
    status: number;
    reason?: string;
    pointer?: string;
    signedFile?: number;
  }
  const refusal = async (res: Response): Promise<Refusal> => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    return (await res.json()) as Refusal;
  };

  describe(`a filing every co-owner signs (${name})`, () => {
    it('registers a vehicle co-owned by two people, each signing the PDF with their own signature: every signer is recorded', async () => {
      const a = await application();
      const qualified = await pki.pades(a.pdf, 'anna');
      const personal = await pki.cades('piotr', a.pdf, { withIntermediate: true });
      // The order of the files does not matter; the register keeps the data's.
      const res = await file(a, [personal, qualified]);
      expect(res.status, await res.clone().text()).toBe(201);
      const body = (await res.json()) as { registryNumber: string; receipt: { document: string } };
      const receipt = JSON.parse(body.receipt.document) as Record<string, unknown>;
      expect(receipt['signerCount']).toBe(2);
      expect(receipt['signatureKind']).toBe('qualified');

      const list = await api(target, `/v1/register?year=${new Date().getFullYear()}&limit=1000`, {
        token: target.registrarToken,
      });
      const { entries } = (await list.json()) as {
        entries: Array<{ registryNumber: string; verification: Record<string, unknown>; sender: unknown }>;
      };
      const entry = entries.find((e) => e.registryNumber === body.registryNumber)!;
      expect(entry.sender).toMatchObject({ pesel: owners[0]!.pesel });
      expect(entry.verification).toMatchObject({ kind: 'qualified', format: 'pades' });
      expect(entry.verification['signers']).toMatchObject([
        { pointer: '/owners/0', kind: 'qualified', format: 'pades', signedFileSha256: toHex(await sha256(qualified)) },
        {
          pointer: '/owners/1',
          kind: 'personal',
          format: 'cades-detached',
          signedFileSha256: toHex(await sha256(personal)),
        },
      ]);

      // Each co-owner finds it among their applications: the register has a key for every signer.
      const keys = target.sql<{ key: string }>(
        "SELECT key FROM register_keys WHERE registry_number = ? AND key LIKE 'signer:%' ORDER BY key",
        [body.registryNumber],
      );
      expect(keys.map((k) => k.key)).toEqual(owners.map((o) => `signer:PNOPL-${o.pesel}`).sort());

      // The department gets every signed file, the first signer's also as the signature.
      const path = `/v1/departments/WK/documents/${encodeURIComponent(body.registryNumber)}`;
      const doc = (await (await api(target, path, { token: target.departmentToken('WK') })).json()) as {
        signature: string;
        signedFiles: Array<{ pointer: string; url: string }>;
      };
      expect(doc.signature).toBe(Buffer.from(qualified).toString('base64'));
      expect(doc.signedFiles.map((f) => f.pointer)).toEqual(['/owners/0', '/owners/1']);
      const second = await api(target, doc.signedFiles[1]!.url, { token: target.departmentToken('WK') });
      expect(second.status).toBe(200);
      expect(new Uint8Array(await second.arrayBuffer())).toEqual(personal);
      const none = await api(target, `${path}/signed-files/2`, { token: target.departmentToken('WK') });
      expect(none.status).toBe(404);
    });

    it("refuses the filing without one co-owner's file, pointing at the owner who has not signed", async () => {
      const a = await application();
      const missing = await refusal(await file(a, [await pki.pades(a.pdf, 'anna')]));
      expect(missing).toMatchObject({ status: 422, reason: 'not-signed', pointer: '/owners/1' });
      expect(missing.type).toMatch(/signer-mismatch$/);
    });

    it("refuses a stranger's file, naming it, and one person's signature twice", async () => {
      const a = await application();
      const stranger = await refusal(
        await file(a, [await pki.pades(a.pdf, 'anna'), await pki.pades(a.pdf, 'stranger')]),
      );
      expect(stranger.type).toMatch(/signer-mismatch$/);
      expect(stranger).toMatchObject({ reason: 'not-a-signer', signedFile: 1, pointer: '/owners/1' });

      const twice = await refusal(await file(a, [await pki.pades(a.pdf, 'anna'), await pki.cades('anna', a.pdf)]));
      expect(twice).toMatchObject({ reason: 'signed-twice', signedFile: 1, pointer: '/owners/0' });
    });

    it('refuses a co-owner that is a company, which cannot sign itself: the filing needs a proxy', async () => {
      const company = example(PROCEDURE, 'valid-imported-custom-plate-missing-plates.json').data['owners'] as unknown[];
      const a = await application({ ...ex.data, owners: [owners[0], company[0]] });
      const refused = await refusal(await file(a, [await pki.pades(a.pdf, 'anna')]));
      expect(refused.type).toMatch(/signer-mismatch$/);
      expect(refused).toMatchObject({ reason: 'cannot-sign', pointer: '/owners/1' });
    });

    it('refuses the city certificate of one co-owner, as it signs for one person, pointing at the other', async () => {
      const resident = await signerFor(target, PROCEDURE, ex);
      const res = await submit(target, formData(await prepare(resident, PROCEDURE, { example: ex })));
      const refused = await refusal(res);
      expect(refused.type).toMatch(/signer-mismatch$/);
      expect(refused).toMatchObject({ status: 422, reason: 'one-certificate', pointer: '/owners/1' });
    });

    it('takes no more signed files than people who sign, and names a file that is no signature', async () => {
      const a = await application();
      const signed = await pki.pades(a.pdf, 'anna');
      expect((await refusal(await file(a, [signed, signed, signed]))).type).toMatch(/multipart-shape$/);
      const broken = await refusal(await file(a, [signed, new TextEncoder().encode('GIF89a')]));
      expect(broken).toMatchObject({ reason: 'unsupported-format', signedFile: 1 });
    });
  });
}
