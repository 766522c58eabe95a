// Filings signed the ways the law names, outside ebok, over real HTTP on each runtime: the
// resident gets the PDF from POST /v1/documents, signs it (PAdES; CAdES detached or carrying it;
// XAdES) with a qualified certificate, an e-ID card's or the trusted-profile service's, and files
// the signed file beside the envelope. Test PKIs and signatures as in forms-core's tests
// (shared/statutory-pki.ts), made by OpenSSL and xmlsec1; revocation from `openssl ocsp` and an
// `openssl ca` CRL behind a local server (shared/revocation-pki.ts), which the server under test
// reaches over HTTP as it would a CA's responder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podpisZP, StatutoryPki } from '../../../forms-core/test/shared/statutory-pki.js';
import { RevocationPki } from '../../../forms-core/test/shared/revocation-pki.js';
import { canonicalJson, signDetached } from '@ebok/forms-core/signing';
import { fromBase64, sha256, toArrayBuffer, toHex } from '@ebok/forms-core/pki';
import { api, enrol, example, exampleSigner, fileSigned, unsignedApplication } from './client.js';
import type { Target, TargetFactory } from './target.js';

const PROCEDURE = 'usc-odpis-aktu';
/** A procedure whose signatures the target's city narrows to its certificate and a qualified signature. */
const NARROWED = 'wap-wypis-wyrys-mpzp';

/** The statutory signatures' contract, on a target the factory starts trusting the test PKI. */
export function statutorySuite(name: string, startTarget: TargetFactory): void {
  let pki: StatutoryPki;
  let rev: RevocationPki;
  let target: Target;
  let pesel: string;

  beforeAll(async () => {
    pki = await StatutoryPki.create();
    const signer = exampleSigner(PROCEDURE);
    if (typeof signer !== 'string')
      throw new Error(`the example of ${PROCEDURE} is not signed by a person with a PESEL`);
    pesel = signer;
    const person = { givenNames: 'Zofia', surname: 'Żółkowska', pesel };
    await pki.issue('qes', person, 'qualified');
    await pki.issue('plain', person, 'not-qualified');
    await pki.issue('eid', person, 'personal');
    await pki.issue('someone-else', { givenNames: 'Jan', surname: 'Obcy', pesel: '80010101230' }, 'qualified');
    // The trusted-profile service's own certificate, from the state's CA.
    await pki.issue('pz', { givenNames: 'Podpis', surname: 'Zaufany', pesel: '00000000000' }, 'personal');
    // A certificate no trusted issuer gave: its own.
    await pki.openssl(
      `req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout rogue.key -out rogue.pem -days 30 -subj /C=PL/GN=Zofia/SN=Zolkowska/CN=Zofia_Zolkowska/serialNumber=PNOPL-${pesel}`,
    );
    // Qualified certificates naming an OCSP responder and a CRL: one good, one revoked, one whose
    // responders are down.
    rev = await RevocationPki.create(pki);
    await rev.issue('qes-ocsp', pesel, 'ocsp-and-crl');
    await rev.issue('qes-revoked', pesel, 'ocsp-and-crl');
    await rev.issue('qes-down', pesel, 'down');
    // A trusted-profile service certificate its CA has since revoked (a key rolled over).
    await rev.issue('pz-revoked', '00000000000', 'ocsp-and-crl');
    await rev.revoke('qes-revoked', 'keyCompromise');
    await rev.revoke('pz-revoked', 'superseded');
    const issuers = JSON.parse(await pki.trustedIssuersJson()) as unknown[];
    issuers.push({
      kind: 'trusted-profile',
      name: 'Test trusted-profile service, old key',
      certificate: await pki.pem('pz-revoked'),
      issuerCertificate: await pki.pem('qca'),
    });
    issuers.push({ kind: 'trusted-profile', name: 'Test trusted-profile service', certificate: await pki.pem('pz') });
    // The city accepts only a qualified signature (or its certificate) for the zoning extract.
    target = await startTarget({
      EBOK_TRUSTED_ISSUERS: JSON.stringify(issuers),
      EBOK_SIGNATURES: JSON.stringify({ [NARROWED]: ['city', 'qualified'] }),
    });
  }, 120_000);

  afterAll(async () => {
    await target?.stop();
    await rev?.stop();
  });

  /** A valid application of the example, with its attachments' files: what a resident files. */
  const application = (nonce = crypto.randomUUID(), procedure = PROCEDURE) =>
    unsignedApplication(procedure, example(procedure), { nonce });

  async function documentFor(envelope: unknown): Promise<Uint8Array> {
    const res = await api(target, '/v1/documents', { method: 'POST', json: envelope });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  const file = (a: Awaited<ReturnType<typeof application>>, signed: Uint8Array, part = 'signed-file') =>
    fileSigned(target, a, [signed], part);

  interface Refusal {
    type: string;
    reason?: string;
    pointer?: string;
  }
  const refusal = async (res: Response): Promise<Refusal> => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    return (await res.json()) as Refusal;
  };

  async function registered(res: Response) {
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { registryNumber: string; receipt: { document: string } };
    const list = await api(target, `/v1/register?year=${new Date().getFullYear()}&limit=1000`, {
      token: target.registrarToken,
    });
    const { entries } = (await list.json()) as {
      entries: Array<{
        registryNumber: string;
        signatureKind: string;
        verification: Record<string, unknown>;
        sender: unknown;
      }>;
    };
    return {
      receipt: JSON.parse(body.receipt.document) as Record<string, unknown>,
      entry: entries.find((e) => e.registryNumber === body.registryNumber)!,
    };
  }

  describe(`filings signed with a qualified signature, podpis osobisty or podpis zaufany (${name})`, () => {
    it('registers the PDF signed in PAdES with a qualified certificate: the kind, the signer and what was verified', async () => {
      const a = await application();
      const signed = await pki.pades(await documentFor(a.envelope), 'qes');
      const { receipt, entry } = await registered(await file(a, signed));
      expect(receipt['signatureKind']).toBe('qualified');
      expect(entry.signatureKind).toBe('qualified');
      expect(entry.verification).toMatchObject({
        kind: 'qualified',
        format: 'pades',
        issuer: 'Test Qualified CA',
        // These test certificates name no OCSP responder or CRL: accepted under best-effort, and said.
        revocation: 'unavailable',
        revocationDetail: { why: 'no-source' },
      });
      expect(entry.sender).toMatchObject({ pesel, surname: 'Żółkowska' });
      // What an official confirmation of submission (UPP) carries.
      expect(receipt).toMatchObject({
        recipient: { name: expect.any(String) },
        title: 'Wniosek o wydanie odpisu aktu stanu cywilnego',
        sender: { name: 'Zofia Żółkowska', identifier: `PNOPL-${pesel}` },
        signature: { kind: 'qualified', format: 'pades', issuer: 'Test Qualified CA' },
      });
      expect((receipt['signature'] as { certificateSha256: string }).certificateSha256).toMatch(/^[0-9a-f]{64}$/);
      // The department reads the verdict: who signed, the certificate, its revocation at receipt.
      const item = await api(target, `/v1/departments/USC/documents/${encodeURIComponent(entry.registryNumber)}`, {
        token: target.departmentToken('USC'),
      });
      expect(((await item.json()) as { verdict: unknown }).verdict).toMatchObject({
        kind: 'qualified',
        signer: { name: 'Zofia Żółkowska', identifier: `PNOPL-${pesel}` },
        certificate: { issuer: 'Test Qualified CA', serialNumber: entry.verification['serialNumber'] },
        format: 'pades',
        validAtReceipt: true,
        revocation: 'unavailable',
      });
    });

    it('refuses a kind of signature the city does not accept for the procedure, after checking it, and says which it does', async () => {
      const applicant = exampleSigner(NARROWED);
      if (typeof applicant !== 'string') throw new Error(`the example of ${NARROWED} is not signed by a PESEL`);
      await pki.issue('narrowed-eid', { givenNames: 'Adam', surname: 'Wójcik', pesel: applicant }, 'personal');
      await pki.issue('narrowed-qes', { givenNames: 'Adam', surname: 'Wójcik', pesel: applicant }, 'qualified');
      const a = await application(undefined, NARROWED);
      const pdf = await documentFor(a.envelope);
      const refused = await file(a, await pki.cades('narrowed-eid', pdf, { withIntermediate: true }));
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        type: 'urn:ebok:problem:signature-kind-not-accepted',
        signatureKind: 'personal',
        accepted: ['city', 'qualified'],
      });
      const { entry } = await registered(await file(a, await pki.cades('narrowed-qes', pdf)));
      expect(entry.signatureKind).toBe('qualified');
    });

    it('registers a CAdES signature over the PDF made on an e-ID card, detached or carrying the PDF', async () => {
      for (const attached of [false, true]) {
        const a = await application();
        const pdf = await documentFor(a.envelope);
        const p7s = await pki.cades('eid', pdf, { attached, withIntermediate: true });
        const { entry } = await registered(await file(a, p7s));
        expect(entry.signatureKind).toBe('personal');
        expect(entry.verification['format']).toBe(attached ? 'cades-attached' : 'cades-detached');
      }
    });

    it('registers the PDF signed with podpis zaufany (XAdES, enveloping): the signer is the trusted profile the service names', async () => {
      const a = await application();
      const xml = await pki.xades(await documentFor(a.envelope), {
        signer: 'pz',
        role: podpisZP({ givenNames: 'Zofia', surname: 'Żółkowska', pesel }),
      });
      const { receipt, entry } = await registered(await file(a, xml));
      expect(receipt['signatureKind']).toBe('trusted-profile');
      expect(entry.verification).toMatchObject({ kind: 'trusted-profile', format: 'xades-enveloping' });
      expect(entry.sender).toMatchObject({ pesel, surname: 'Żółkowska' });

      const b = await application();
      const someoneElse = await pki.xades(await documentFor(b.envelope), {
        signer: 'pz',
        role: podpisZP({ givenNames: 'Jan', surname: 'Obcy', pesel: '80010101230' }),
      });
      expect((await refusal(await file(b, someoneElse))).type).toMatch(/signer-mismatch$/);
    });

    it('gives the file signed outside ebok back to its signer, asking with their city certificate', async () => {
      const a = await application();
      const signed = await pki.pades(await documentFor(a.envelope), 'qes');
      const { entry } = await registered(await file(a, signed));
      // The same person's city certificate (from the desk) asks for it.
      const resident = await enrol(target, pesel);
      const issued = await api(target, '/v1/resident/challenges', { method: 'POST' });
      const { challenge } = (await issued.json()) as { challenge: string };
      const text = canonicalJson({
        challenge,
        registryNumber: entry.registryNumber,
        signedAt: new Date().toISOString(),
      });
      const signature = await signDetached(
        new TextEncoder().encode(text),
        resident.keys.privateKey,
        resident.certificateDer,
      );
      const form = new FormData();
      form.append('document', new Blob([text], { type: 'application/json' }), 'question.json');
      form.append('signature', new Blob([toArrayBuffer(signature)]), 'question.p7s');
      const res = await api(target, '/v1/resident/documents', { method: 'POST', body: form });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as {
        document: string;
        signature?: string;
        signedFiles: Array<{ format: string; sha256: string; content: string }>;
        receipt: { registryNumber: string };
      };
      expect(body.document).toBe(a.text);
      expect(body.signature).toBeUndefined();
      expect(body.signedFiles).toEqual([
        { format: 'pades', sha256: toHex(await sha256(signed)), content: expect.any(String) },
      ]);
      expect(fromBase64(body.signedFiles[0]!.content)).toEqual(signed);
      expect(body.receipt.registryNumber).toBe(entry.registryNumber);
    });

    it('refuses a file signed by someone other than the applicant, or over another application', async () => {
      const a = await application();
      const pdf = await documentFor(a.envelope);
      const other = await refusal(await file(a, await pki.pades(pdf, 'someone-else')));
      expect(other.type).toMatch(/signer-mismatch$/);

      const b = await application();
      const signedB = await pki.pades(await documentFor(b.envelope), 'qes');
      const wrong = await refusal(await file(a, signedB));
      expect(wrong.type).toMatch(/signature-invalid$/);
      expect(wrong.reason).toBe('content-mismatch');
      const detachedB = await pki.cades('qes', await documentFor(b.envelope));
      expect((await refusal(await file(a, detachedB))).reason).toBe('content-mismatch');
    });

    it('refuses a certificate that is not qualified, an issuer the operator does not trust, and a file that is no signature', async () => {
      const a = await application();
      const pdf = await documentFor(a.envelope);
      const plain = await refusal(await file(a, await pki.pades(pdf, 'plain')));
      expect(plain.type).toMatch(/certificate-invalid$/);
      expect(plain.reason).toBe('not-qualified');
      const untrusted = await refusal(await file(a, await pki.pades(pdf, 'rogue')));
      expect(untrusted.reason).toBe('unknown-issuer');
      const other = await refusal(await file(a, new TextEncoder().encode('GIF89a')));
      expect(other.reason).toBe('unsupported-format');
      const xml = await refusal(await file(a, new TextEncoder().encode('<?xml version="1.0"?><ds:Signature/>')));
      expect(xml.type).toMatch(/signature-invalid$/);
    });

    it('checks the certificate with its OCSP responder: good is registered and said, revoked is refused', async () => {
      const a = await application();
      const { entry } = await registered(await file(a, await pki.pades(await documentFor(a.envelope), 'qes-ocsp')));
      expect(entry.verification).toMatchObject({
        revocation: 'good',
        revocationDetail: { source: 'ocsp', url: `${rev.base}/ocsp` },
      });

      const b = await application();
      const before = await target.snapshot();
      const res = await file(b, await pki.pades(await documentFor(b.envelope), 'qes-revoked'));
      expect(res.status).toBe(422);
      const revoked = await refusal(res);
      expect(revoked.type).toBe('urn:ebok:problem:certificate-revoked');
      expect(revoked.reason).toBe('keyCompromise');
      expect(await target.snapshot()).toEqual(before);

      // Podpis zaufany: the state service's certificate is checked like any other.
      const c = await application();
      const xml = await pki.xades(await documentFor(c.envelope), {
        signer: 'pz-revoked',
        role: podpisZP({ givenNames: 'Zofia', surname: 'Żółkowska', pesel }),
      });
      const pz = await refusal(await file(c, xml));
      expect(pz).toMatchObject({ type: 'urn:ebok:problem:certificate-revoked', reason: 'superseded' });
    });

    it('responders down: best-effort registers and says why; require refuses as retryable (503) and registers nothing', async () => {
      const a = await application();
      const signed = await pki.pades(await documentFor(a.envelope), 'qes-down');
      const { entry } = await registered(await file(a, signed));
      expect(entry.verification).toMatchObject({ revocation: 'unavailable', revocationDetail: { why: 'network' } });

      await target.restart({ EBOK_REVOCATION: 'require', EBOK_REVOCATION_TIMEOUT_MS: '1000' });
      try {
        const b = await application();
        const before = await target.snapshot();
        const res = await file(b, await pki.pades(await documentFor(b.envelope), 'qes-down'));
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('60');
        expect((await refusal(res)).type).toBe('urn:ebok:problem:revocation-unavailable');
        expect(await target.snapshot()).toEqual(before);
        const c = await application();
        const good = await file(c, await pki.pades(await documentFor(c.envelope), 'qes-ocsp'));
        expect(good.status).toBe(201);
        // A certificate that names no responder at all: no retry can help.
        const d = await application();
        const none = await refusal(await file(d, await pki.pades(await documentFor(d.envelope), 'qes')));
        expect(none).toMatchObject({ type: 'urn:ebok:problem:certificate-invalid', reason: 'no-revocation-source' });
      } finally {
        await target.restart({ EBOK_REVOCATION: 'best-effort' });
      }
    }, 180_000);

    it('takes one signature part: the city signature or the signed file, not both', async () => {
      const a = await application();
      const form = new FormData();
      form.append('document', new Blob([a.text], { type: 'application/json' }), 'document.json');
      form.append('signature', new Blob([new Uint8Array([0x30, 0])]), 'document.p7s');
      form.append('signed-file', new Blob([new Uint8Array([0x30, 0])]), 'wniosek.pdf');
      const res = await api(target, '/v1/submissions', { method: 'POST', body: form });
      expect((await refusal(res)).type).toMatch(/multipart-shape$/);
    });
  });
}
