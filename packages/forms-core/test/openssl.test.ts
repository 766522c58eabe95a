import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../src/canonical/index.js';
import { signDetached } from '../src/cms/sign.js';
import { verifyDetached } from '../src/cms/verify.js';
import { parseSignedDataBer, parseSignedDataDer } from '../src/cms/parse.js';
import { DerError } from '../src/cms/der-codec.js';
import { CityCa } from '../src/pki/ca.js';
import { pemEncode, toArrayBuffer } from '../src/pki/encoding.js';
import { createCertificateRequest, generateResidentKeys } from '../src/resident/keys.js';
import { exportPkcs12, importPkcs12 } from '../src/resident/pkcs12.js';

// Checked against an independent implementation: OpenSSL verifies what we make, and we verify
// what OpenSSL makes.
const run = promisify(execFile);
/** Command-line words, written as one would type them (no argument here has a space). */
const args = (line: string): string[] => line.split(' ');
const openssl = async (...args: string[]) => (await run('openssl', args, { cwd: dir })).stdout;
const opensslFails = async (...args: string[]) => {
  try {
    await run('openssl', args, { cwd: dir });
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error(`openssl ${args.join(' ')} succeeded`);
};

let dir: string;
let ca: CityCa;
let other: CityCa;
const identity = { givenNames: 'Jan', surname: 'Wiśniewski', pesel: '80010101230' };
const doc = canonicalBytes({
  procedure: 'wso-wymeldowanie-stale',
  schemaVersion: '1.0.0',
  data: { a: 'ąę' },
  attachments: [],
  nonce: 'x',
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebok-openssl-'));
  ({ ca } = await CityCa.create({ organization: 'Urząd Miasta Olsztyn' }));
  ({ ca: other } = await CityCa.create({ organization: 'Inne Miasto' }));
  await writeFile(join(dir, 'ca.pem'), ca.certificate.toString('pem'));
  await writeFile(join(dir, 'doc.json'), doc);
  // A resident key and request made by OpenSSL, certified by our CA.
  await openssl(
    ...args(
      'req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ossl.key -out ossl.csr -subj /CN=ignored',
    ),
  );
  const cert = await ca.issueResidentCertificate(await readFile(join(dir, 'ossl.csr'), 'utf8'), identity);
  await writeFile(join(dir, 'ossl.pem'), cert.toString('pem'));
});

describe('OpenSSL accepts what we produce', () => {
  it('openssl verify: resident and service certificates chain to the CA', async () => {
    const keys = await generateResidentKeys();
    const resident = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
    const service = await ca.issueServiceCertificate(keys.publicKey, { commonName: 'ebok intake' });
    await writeFile(join(dir, 'resident.pem'), resident.toString('pem'));
    await writeFile(join(dir, 'service.pem'), service.toString('pem'));
    expect(await openssl('verify', '-CAfile', 'ca.pem', 'resident.pem', 'service.pem')).toBe(
      'resident.pem: OK\nservice.pem: OK\n',
    );
    const subject = await openssl('x509', '-in', 'resident.pem', '-noout', '-subject', '-nameopt', 'utf8');
    expect(subject.trim()).toBe(
      'subject=C=PL, GN=Jan, SN=Wiśniewski, serialNumber=PNOPL-80010101230, CN=Jan Wiśniewski',
    );
    const text = await openssl('x509', '-in', 'resident.pem', '-noout', '-text');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    await writeFile(join(dir, 'other.pem'), other.certificate.toString('pem'));
    expect(await opensslFails('verify', '-CAfile', 'other.pem', 'resident.pem')).toMatch(
      /unable to get local issuer certificate/,
    );
  });

  it('openssl req -verify accepts our certificate request', async () => {
    await writeFile(
      join(dir, 'ours.csr'),
      await createCertificateRequest(await generateResidentKeys(), 'Zażółć Gęślą'),
    );
    const out = await run('openssl', ['req', '-in', 'ours.csr', '-noout', '-verify', '-subject', '-nameopt', 'utf8'], {
      cwd: dir,
    });
    expect(out.stdout + out.stderr).toMatch(/verify OK/);
    expect(out.stdout).toContain('subject=CN=Zażółć Gęślą');
  });

  it('openssl cms -verify accepts our detached signature, and rejects it over changed content', async () => {
    const keys = await generateResidentKeys();
    const cert = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
    await writeFile(join(dir, 'ours.p7s'), await signDetached(doc, keys.privateKey, new Uint8Array(cert.rawData)));
    const args = [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'ours.p7s',
      '-CAfile',
      'ca.pem',
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ];
    await openssl(...args, '-content', 'doc.json');
    const printed = await openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'ours.p7s');
    for (const attr of ['contentType', 'messageDigest', 'signingTime', 'signingCertificateV2'])
      expect(printed).toContain(attr);
    await writeFile(join(dir, 'changed.json'), new Uint8Array([...doc, 0x20]));
    expect(await opensslFails(...args, '-content', 'changed.json')).toMatch(/digest failure|Verification failure/i);
  });

  it('openssl crl -verify accepts our CRL, which lists the revoked serial', async () => {
    const crl = await ca.createCrl([{ serialNumber: 'abcdef0123', revokedAt: new Date(), reason: 'keyCompromise' }], {
      crlNumber: 7,
    });
    await writeFile(join(dir, 'crl.pem'), pemEncode('X509 CRL', new Uint8Array(crl.rawData)));
    const out = await run('openssl', ['crl', '-in', 'crl.pem', '-CAfile', 'ca.pem', '-noout', '-verify', '-text'], {
      cwd: dir,
    });
    expect(out.stderr + out.stdout).toMatch(/verify OK/);
    expect(out.stdout).toContain('Serial Number: ABCDEF0123');
    expect(out.stdout).toMatch(/X509v3 CRL Number:\s+7/);
    expect(out.stdout).toContain('Key Compromise');
  });

  it('openssl pkcs12 reads our PKCS#12 with its password, and not without it', async () => {
    const keys = await generateResidentKeys();
    const cert = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    const p12 = await exportPkcs12({
      privateKeyPkcs8: pkcs8,
      certificateDer: new Uint8Array(cert.rawData),
      password: 'hasło-Łódź-2026',
      iterations: 10_000,
    });
    await writeFile(join(dir, 'ours.p12'), p12);
    const info = await run(
      'openssl',
      ['pkcs12', '-info', '-in', 'ours.p12', '-passin', 'pass:hasło-Łódź-2026', '-noenc'],
      { cwd: dir },
    );
    expect(info.stdout).toContain('-----BEGIN PRIVATE KEY-----');
    expect(info.stdout).toContain('-----BEGIN CERTIFICATE-----');
    expect(info.stderr).toMatch(/MAC: sha256/);
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    expect(await opensslFails('pkcs12', '-info', '-in', 'ours.p12', '-passin', 'pass:wrong', '-noenc')).toMatch(
      /mac verify failure|invalid password/i,
    );
  });
});

describe('we accept what OpenSSL produces', () => {
  it('verifies a CAdES-BES signature made by openssl cms -sign, naming the signer', async () => {
    await openssl(
      ...args(
        'cms -sign -binary -outform DER -cades -md sha256 -in doc.json -signer ossl.pem -inkey ossl.key -out ossl.p7s',
      ),
    );
    const result = await verifyDetached(doc, await readFile(join(dir, 'ossl.p7s')), { trustAnchors: [ca.certificate] });
    expect(result.ok ? result.signer.identity : result).toEqual(identity);
  });

  it('verifies a BER (indefinite-length) encoding of a signature through the library reader', async () => {
    // The same ContentInfo, re-encoded with an indefinite length as streaming signers write it.
    const der = await readFile(join(dir, 'ossl.p7s'));
    const headerLength = 2 + (der[1]! & 0x80 ? der[1]! & 0x7f : 0);
    const ber = new Uint8Array([0x30, 0x80, ...der.subarray(headerLength), 0x00, 0x00]);
    expect(() => parseSignedDataDer(ber)).toThrow(DerError);
    const result = await verifyDetached(doc, ber, { trustAnchors: [ca.certificate] });
    expect(result.ok ? result.signer.identity : result).toEqual(identity);
  });

  it('reads DER the same by position as with @peculiar/asn1-cms', async () => {
    for (const file of ['ossl.p7s', 'ours.p7s', 'two.p7s']) {
      const der = await readFile(join(dir, file)).catch(() => undefined);
      if (!der) continue;
      expect(parseSignedDataDer(der), file).toEqual(parseSignedDataBer(der));
    }
    const keys = await generateResidentKeys();
    const cert = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
    const ours = await signDetached(doc, keys.privateKey, new Uint8Array(cert.rawData));
    expect(parseSignedDataDer(ours)).toEqual(parseSignedDataBer(ours));
  });

  it('imports a PKCS#12 file made by openssl pkcs12 -export', async () => {
    await openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'ossl.key',
      '-in',
      'ossl.pem',
      '-certfile',
      'ca.pem',
      '-passout',
      'pass:zażółć gęślą',
      '-out',
      'ossl.p12',
    );
    const back = await importPkcs12(await readFile(join(dir, 'ossl.p12')), 'zażółć gęślą');
    const key = await crypto.subtle.importKey(
      'pkcs8',
      toArrayBuffer(back.privateKeyPkcs8),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const sig = await signDetached(doc, key, back.certificateDer);
    expect((await verifyDetached(doc, sig, { trustAnchors: [ca.certificate] })).ok).toBe(true);
    expect(back.otherCertificates).toHaveLength(1);
  });

  it.each([
    ['no signed attributes', ['-noattr'], 'missing-signed-attributes'],
    ['no signing-certificate-v2 (plain, not CAdES)', [], 'missing-signed-attributes'],
    ['SHA-384', ['-cades', '-md', 'sha384'], 'unsupported-algorithm'],
    ['content inside (not detached)', ['-cades', '-nodetach'], 'malformed'],
  ])('rejects %s', async (_name, extra, code) => {
    await openssl(
      'cms',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-in',
      'doc.json',
      '-signer',
      'ossl.pem',
      '-inkey',
      'ossl.key',
      ...extra,
      '-out',
      'x.p7s',
    );
    const result = await verifyDetached(doc, await readFile(join(dir, 'x.p7s')), { trustAnchors: [ca.certificate] });
    expect(result.ok ? 'accepted' : result.error).toBe(code);
  });

  it('rejects two signers', async () => {
    await openssl(
      ...args(
        'req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout second.key -out second.csr -subj /CN=x',
      ),
    );
    const second = await ca.issueResidentCertificate(await readFile(join(dir, 'second.csr'), 'utf8'), {
      ...identity,
      pesel: '90021512347',
    });
    await writeFile(join(dir, 'second.pem'), second.toString('pem'));
    await openssl(
      ...args(
        'cms -sign -binary -outform DER -cades -in doc.json -signer ossl.pem -inkey ossl.key -signer second.pem -inkey second.key -out two.p7s',
      ),
    );
    const result = await verifyDetached(doc, await readFile(join(dir, 'two.p7s')), { trustAnchors: [ca.certificate] });
    expect(result.ok ? 'accepted' : result.error).toBe('multiple-signers');
  });

  it('rejects an RSA signer', async () => {
    await openssl(...args('req -x509 -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.pem -subj /CN=rsa -days 1'));
    await openssl(
      ...args('cms -sign -binary -outform DER -cades -in doc.json -signer rsa.pem -inkey rsa.key -out rsa.p7s'),
    );
    const result = await verifyDetached(doc, await readFile(join(dir, 'rsa.p7s')), { trustAnchors: [ca.certificate] });
    expect(result.ok ? 'accepted' : result.error).toBe('unsupported-algorithm');
  });

  it('refuses to certify an RSA request', async () => {
    await openssl(...args('req -new -newkey rsa:2048 -nodes -keyout rsa2.key -out rsa2.csr -subj /CN=rsa'));
    await expect(ca.issueResidentCertificate(await readFile(join(dir, 'rsa2.csr'), 'utf8'), identity)).rejects.toThrow(
      /ECDSA P-256/,
    );
  });
});
