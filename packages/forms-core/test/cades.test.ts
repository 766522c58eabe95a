import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCades, EsignError, type TrustedIssuer } from '../src/esign/cades.js';
import { x509 } from '../src/pki/x509.js';

// Test PKIs made with OpenSSL as real ones are built: a qualified CA (RSA) issuing certificates
// with QC statements and the PESEL in serialNumber, and a personal-signature root (ECDSA P-384)
// with an intermediate. Signatures are made by `openssl cms -sign -cades`, as CAdES tools make them.
const run = promisify(execFile);
let dir: string;
const openssl = async (line: string) => (await run('openssl', line.split(' '), { cwd: dir })).stdout;

const CONFIG = `
[qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcs
[not_qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
[personal]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
[intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[qcs]
s1 = SEQUENCE:qc_compliance
s2 = SEQUENCE:qc_sscd
s3 = SEQUENCE:qc_type
[qc_compliance]
id = OID:0.4.0.1862.1.1
[qc_sscd]
id = OID:0.4.0.1862.1.4
[qc_type]
id = OID:0.4.0.1862.1.6
types = SEQUENCE:qc_types
[qc_types]
t1 = OID:0.4.0.1862.1.6.1
`;

const PERSON = '/C=PL/GN=Jan/SN=Kowalski/CN=Jan_Kowalski/serialNumber=PNOPL-80010101230';
const content = new TextEncoder().encode('%PDF-1.7 the application document');
let trusted: TrustedIssuer[];

async function issue(name: string, key: string, subject: string, issuer: string, ext: string) {
  await openssl(
    `${key === 'rsa' ? 'genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048' : 'ecparam -genkey -name secp384r1 -noout'} -out ${name}.key`,
  );
  await openssl(`req -new -key ${name}.key -subj ${subject} -out ${name}.csr`);
  await openssl(
    `x509 -req -in ${name}.csr -CA ${issuer}.pem -CAkey ${issuer}.key -CAcreateserial -days 30 -extfile ext.cnf -extensions ${ext} -out ${name}.pem`,
  );
}

async function sign(
  signer: string,
  options: { attached?: boolean; extra?: string; md?: string } = {},
): Promise<Uint8Array> {
  await writeFile(join(dir, 'content.bin'), content);
  await openssl(
    `cms -sign -binary -cades -md ${options.md ?? 'sha256'} -outform DER -nosmimecap -signer ${signer}.pem -inkey ${signer}.key ` +
      `${options.extra ? `-certfile ${options.extra}.pem ` : ''}${options.attached ? '-nodetach ' : ''}-in content.bin -out sig.der`,
  );
  return new Uint8Array(await readFile(join(dir, 'sig.der')));
}

const certificate = async (name: string) => new x509.X509Certificate(await readFile(join(dir, `${name}.pem`), 'utf8'));

async function refusal(cms: Uint8Array, options: Parameters<typeof verifyCades>[1]): Promise<string> {
  try {
    await verifyCades(cms, options);
    return 'accepted';
  } catch (e) {
    if (e instanceof EsignError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebok-cades-'));
  await writeFile(join(dir, 'ext.cnf'), CONFIG);
  await openssl('genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out qca.key');
  await openssl(
    'req -x509 -key qca.key -subj /C=PL/O=Test_Trust_Service/CN=Test_Qualified_CA -days 60 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out qca.pem',
  );
  await openssl('ecparam -genkey -name secp384r1 -noout -out proot.key');
  await openssl(
    'req -x509 -key proot.key -subj /C=PL/O=Test_State/CN=Test_ID_Root -days 60 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out proot.pem',
  );
  await issue('pca', 'ec', '/C=PL/O=Test_State/CN=Test_Personal_Signature_CA', 'proot', 'intermediate');
  await issue('qes', 'rsa', PERSON, 'qca', 'qualified');
  await issue('plain', 'rsa', PERSON, 'qca', 'not_qualified');
  await issue('eid', 'ec', PERSON, 'pca', 'personal');
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
    await writeFile(join(dir, 'check.der'), qes);
    const out = await run(
      'openssl',
      'cms -verify -binary -inform DER -in check.der -content content.bin -CAfile qca.pem -purpose any -out /dev/null'.split(
        ' ',
      ),
      { cwd: dir },
    );
    expect(out.stderr).toContain('Verification successful');
    expect((await verifyCades(qes, { trusted, content })).signer.kind).toBe('qualified');
  });
});
