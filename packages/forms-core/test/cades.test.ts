import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCades, type TrustedIssuer } from '../src/esign/cades.js';
import { x509 } from '../src/pki/x509.js';
import { esignOutcome, StatutoryPki } from './shared/statutory-pki.js';

// Signatures made by OpenSSL as CAdES tools make them, over test PKIs built as real ones are
// (shared/statutory-pki.ts).
const run = promisify(execFile);
let pki: StatutoryPki;
const PERSON = { givenNames: 'Jan', surname: 'Kowalski', pesel: '80010101230' };
const content = new TextEncoder().encode('%PDF-1.7 the application document');
let trusted: TrustedIssuer[];

const sign = (signer: string, options: { attached?: boolean; extra?: string; md?: string } = {}) =>
  pki.cades(signer, content, {
    attached: options.attached ?? false,
    md: options.md ?? 'sha256',
    withIntermediate: !!options.extra,
  });

const certificate = async (name: string) => new x509.X509Certificate(await pki.pem(name));

const refusal = (cms: Uint8Array, options: Parameters<typeof verifyCades>[1]): Promise<string> =>
  esignOutcome(() => verifyCades(cms, options));

beforeAll(async () => {
  pki = await StatutoryPki.create();
  await pki.issue('qes', PERSON, 'qualified');
  await pki.issue('plain', PERSON, 'not-qualified');
  await pki.issue('eid', PERSON, 'personal');
  trusted = [
    { kind: 'qualified', name: 'Test Qualified CA', certificate: await certificate('qca') },
    { kind: 'personal', name: 'Test ID root', certificate: await certificate('proot') },
  ];
}, 60_000);

describe('CAdES signatures the law names', () => {
  it('a qualified signature (RSA, detached): the signer, the kind and its issuer', async () => {
    const result = await verifyCades(await sign('qes'), { trusted, content });
    expect(result.signer.kind).toBe('qualified');
    expect(result.signer.issuer).toBe('Test Qualified CA');
    expect(result.signer.identifier).toBe('PNOPL-80010101230');
    expect(result.signer.identity).toMatchObject({ givenNames: 'Jan', surname: 'Kowalski' });
    expect(result.signingTime).toBeInstanceOf(Date);
  });

  it('a personal signature (ECDSA P-384 through an intermediate the signature carries, attached, SHA-384)', async () => {
    const result = await verifyCades(await sign('eid', { attached: true, extra: 'pca', md: 'sha384' }), { trusted });
    expect(result.signer.kind).toBe('personal');
    expect(result.signer.identifier).toBe('PNOPL-80010101230');
    expect(new TextDecoder().decode(result.content)).toBe(new TextDecoder().decode(content));
  });

  it('refuses another document, no document, a certificate without QC statements, and an issuer nobody trusts', async () => {
    const qes = await sign('qes');
    expect(await refusal(qes, { trusted, content: new TextEncoder().encode('another') })).toBe('content-mismatch');
    expect(await refusal(qes, { trusted })).toBe('content-missing');
    expect(await refusal(await sign('plain'), { trusted, content })).toBe('not-qualified');
    expect(await refusal(qes, { trusted: trusted.filter((t) => t.kind !== 'qualified'), content })).toBe(
      'unknown-issuer',
    );
    // Without the intermediate, the personal signature's chain stops short of the root.
    expect(await refusal(await sign('eid'), { trusted, content })).toBe('unknown-issuer');
  });

  it('refuses a signature whose value or signed attributes were changed, and a certificate used outside its time', async () => {
    const qes = await sign('qes');
    const broken = Uint8Array.from(qes);
    broken[broken.length - 10] = broken[broken.length - 10]! ^ 0xff;
    expect(await refusal(broken, { trusted, content })).toBe('signature-invalid');
    expect(await refusal(qes, { trusted, content, now: new Date(Date.now() + 90 * 86_400_000) })).toBe(
      'certificate-expired',
    );
    expect(await refusal(qes, { trusted, content, now: new Date(Date.now() - 86_400_000) })).toMatch(
      /signing-time-future|not-yet-valid/,
    );
    expect(await refusal(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), { trusted, content })).toBe('malformed');
  });

  it('agrees with OpenSSL: what OpenSSL verifies against the test CA, ebok verifies too', async () => {
    const qes = await sign('qes');
    await writeFile(join(pki.dir, 'check.der'), qes);
    const out = await run(
      'openssl',
      'cms -verify -binary -inform DER -in check.der -content content.bin -CAfile qca.pem -purpose any -out /dev/null'.split(
        ' ',
      ),
      { cwd: pki.dir },
    );
    expect(out.stderr).toContain('Verification successful');
    expect((await verifyCades(qes, { trusted, content })).signer.kind).toBe('qualified');
  });
});
