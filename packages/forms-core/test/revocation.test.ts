import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevocationChecker } from '../src/esign/revocation.js';
import { readCrl } from '../src/esign/revocation-parse.js';
import { bitString, octetString, oid, sequence, tlv, time, TAG, unsignedInteger } from '../src/cms/der-codec.js';
import { ecdsaRawToDer } from '../src/cms/der-codec.js';
import { x509 } from '../src/pki/x509.js';
import { RevocationPki } from './shared/revocation-pki.js';
import { StatutoryPki } from './shared/statutory-pki.js';

// Revocation against real responders: `openssl ocsp` answering from an `openssl ca` database and
// a CRL made by `openssl ca -gencrl`, both behind a local HTTP server that counts requests. No
// mocks: every answer is OpenSSL's, read by fetch over a socket.
let pki: StatutoryPki;
let rev: RevocationPki;
let qca: x509.X509Certificate;
const PESEL = '90021512347';
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const cert = async (name: string) => new x509.X509Certificate(await pki.pem(name));

beforeAll(async () => {
  pki = await StatutoryPki.create();
  rev = await RevocationPki.create(pki);
  qca = new x509.X509Certificate(await pki.pem('qca'));
  for (const [name, sources] of [
    ['good', 'ocsp-and-crl'],
    ['revoked', 'ocsp-and-crl'],
    ['direct', 'ocsp-direct'],
    ['crl-good', 'crl-only'],
    ['crl-revoked', 'crl-only'],
    ['wrong', 'wrong-ocsp'],
    ['big', 'big-ocsp'],
    ['slow', 'slow-ocsp'],
    ['down', 'down'],
    ['none', 'none'],
  ] as const) {
    await rev.issue(name, PESEL, sources);
  }
  await rev.revoke('revoked', 'keyCompromise');
  await rev.revoke('crl-revoked', 'superseded');
}, 120_000);

afterAll(async () => {
  await rev?.stop();
});

describe('revocation from OCSP and CRLs', () => {
  it('good via OCSP (a delegated responder), as openssl ocsp says; a second check is answered from the cache', async () => {
    expect(await rev.opensslStatus('good')).toBe('good');
    const checker = new RevocationChecker();
    const before = rev.requests.get('/ocsp') ?? 0;
    const result = await checker.check(await cert('good'), [qca]);
    expect(result).toMatchObject({ status: 'good', source: 'ocsp', url: `${rev.base}/ocsp` });
    expect(rev.requests.get('/ocsp')).toBe(before + 1);
    expect(await checker.check(await cert('good'), [qca])).toEqual(result);
    expect(rev.requests.get('/ocsp')).toBe(before + 1);
  });

  it('revoked via OCSP, with the date and reason, as openssl ocsp says', async () => {
    expect(await rev.opensslStatus('revoked')).toBe('revoked');
    const result = await new RevocationChecker().check(await cert('revoked'), [qca]);
    expect(result).toMatchObject({ status: 'revoked', source: 'ocsp', reason: 'keyCompromise' });
    if (result.status !== 'revoked') throw new Error('not revoked');
    expect(Math.abs(result.revokedAt.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('asks with a SHA-256 CertID as well', async () => {
    expect(await new RevocationChecker({ ocspHash: 'SHA-256' }).check(await cert('good'), [qca])).toMatchObject({
      status: 'good',
      source: 'ocsp',
    });
    expect(await new RevocationChecker({ ocspHash: 'SHA-256' }).check(await cert('revoked'), [qca])).toMatchObject({
      status: 'revoked',
    });
  });

  it('good via OCSP signed by the CA itself', async () => {
    expect(await rev.opensslStatus('direct', '/ocsp-direct')).toBe('good');
    expect(await new RevocationChecker().check(await cert('direct'), [qca])).toMatchObject({ status: 'good' });
  });

  it('from the CRL when the certificate names no OCSP responder: revoked with its reason, good otherwise; fetched once', async () => {
    const checker = new RevocationChecker();
    const before = rev.requests.get('/crl/qca.crl') ?? 0;
    const [revoked, good] = await Promise.all([
      checker.check(await cert('crl-revoked'), [qca]),
      checker.check(await cert('crl-good'), [qca]),
    ]);
    expect(revoked).toMatchObject({ status: 'revoked', source: 'crl', reason: 'superseded' });
    expect(good).toMatchObject({ status: 'good', source: 'crl', url: `${rev.base}/crl/qca.crl` });
    expect(await checker.check(await cert('crl-revoked'), [qca])).toMatchObject({ status: 'revoked' });
    expect(rev.requests.get('/crl/qca.crl')).toBe(before + 1);
    // openssl agrees: the CRL lists the one and not the other.
    const listed = await pki.openssl('crl -inform DER -in qca.crl -noout -text');
    const serial = (await cert('crl-revoked')).serialNumber.toUpperCase();
    expect(listed).toContain(`Serial Number: ${serial}`);
    expect(listed).not.toContain(`Serial Number: ${(await cert('crl-good')).serialNumber.toUpperCase()}`);
  });

  it('responders down: unavailable, with what went wrong at each', async () => {
    const result = await new RevocationChecker().check(await cert('down'), [qca]);
    expect(result).toMatchObject({ status: 'unavailable', why: 'network' });
    if (result.status === 'unavailable') expect(result.detail).toMatch(/ocsp.*; .*crl/);
  });

  it('a response signed by a key the CA never certified is not believed: unavailable, not good', async () => {
    const result = await new RevocationChecker().check(await cert('wrong'), [qca]);
    expect(result).toMatchObject({ status: 'unavailable', why: 'bad-signature' });
  });

  it('an oversized response is cut off as it streams, and a silent one at the timeout', async () => {
    expect(await new RevocationChecker({ maxOcspBytes: 8192 }).check(await cert('big'), [qca])).toMatchObject({
      status: 'unavailable',
      why: 'too-large',
    });
    const checker = new RevocationChecker({ timeoutMs: 300 });
    let started = Date.now();
    expect(await checker.check(await cert('slow'), [qca])).toMatchObject({ status: 'unavailable', why: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    // The responder is known to be down for a while: the next filing does not wait for it again.
    const asked = rev.requests.get('/slow');
    started = Date.now();
    expect(await checker.check(await cert('slow'), [qca])).toMatchObject({ status: 'unavailable', why: 'timeout' });
    expect(Date.now() - started).toBeLessThan(250);
    expect(rev.requests.get('/slow')).toBe(asked);
  });

  it('an answer past its nextUpdate is stale; no source, or no issuer, is unavailable', async () => {
    const later = new Date(Date.now() + 3 * 86400_000);
    expect(await new RevocationChecker().check(await cert('good'), [qca], later)).toMatchObject({
      status: 'unavailable',
      why: 'stale',
    });
    expect(await new RevocationChecker().check(await cert('none'), [qca])).toMatchObject({ why: 'no-source' });
    expect(await new RevocationChecker().check(await cert('good'), [])).toMatchObject({ why: 'issuer-unknown' });
  });
});

describe('a large CRL', () => {
  it('indexes 100,000 entries in slices, holding the event loop briefly', async () => {
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
    const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Large CRL CA',
      keys,
      signingAlgorithm: alg,
      notBefore: new Date(Date.now() - 86400_000),
      notAfter: new Date(Date.now() + 86400_000),
    });
    const name = new Uint8Array(ca.subjectName.toArrayBuffer());
    const algorithm = sequence(oid('1.2.840.10045.4.3.2'));
    const now = new Date();
    const entries: Uint8Array[] = [];
    const reason = sequence(oid('2.5.29.21'), octetString(tlv(0x0a, Uint8Array.of(1))));
    for (let i = 1; i <= 100_000; i++) {
      const serial = crypto.getRandomValues(new Uint8Array(16));
      if (i === 77_777) serial.set([0x77, 0x77]);
      entries.push(sequence(unsignedInteger(serial), time(now), sequence(reason)));
    }
    const target = entries[77_776]!;
    const tbs = sequence(
      tlv(TAG.integer, Uint8Array.of(1)),
      algorithm,
      name,
      time(now),
      time(new Date(now.getTime() + 86400_000)),
      tlv(TAG.sequence, concat(entries)),
    );
    const raw = new Uint8Array(await crypto.subtle.sign(alg, keys.privateKey, tbs as Uint8Array<ArrayBuffer>));
    const crl = sequence(tbs, algorithm, bitString(ecdsaRawToDer(raw)));
    const targetSerial = target.subarray(4, 4 + target[3]!);

    const whole = performance.now();
    const cpu = process.cpuUsage();
    const once = await readCrl(crl, ca, Number.POSITIVE_INFINITY);
    const unsliced = performance.now() - whole;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    let longest = 0;
    let ticks = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      ticks++;
    }, 1);
    const started = performance.now();
    const sliced = await readCrl(crl, ca);
    const total = performance.now() - started;
    clearInterval(ticker);
    console.log(
      `CRL of ${(crl.length / 1024 / 1024).toFixed(1)} MiB, 100,000 entries: ${unsliced.toFixed(0)} ms in one go ` +
        `(${cpuMs.toFixed(0)} ms of processor time, signature check included); ` +
        `${total.toFixed(0)} ms in slices of 5,000, the event loop held at most ${longest.toFixed(0)} ms`,
    );
    expect(once.entries).toBe(100_000);
    expect(sliced.lookup(targetSerial)).toMatchObject({ reason: 'keyCompromise' });
    expect(sliced.lookup(Uint8Array.of(1, 2, 3))).toBeUndefined();
    // Other work ran while it was indexed (timings vary with the machine's load: the log says them).
    expect(ticks).toBeGreaterThan(0);
  });
});
