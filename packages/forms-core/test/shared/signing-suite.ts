// Signing and verifying tests that need nothing but WebCrypto: the same suite runs on Node
// (vitest) and in Chromium (web-test-runner). Tests that need OpenSSL live in the Node files.
import { CityCa } from '../../src/pki/ca.js';
import { createActivationCode, MemoryActivationStore, parseActivationCode } from '../../src/pki/activation.js';
import { EC_ALGORITHM } from '../../src/pki/oids.js';
import { x509 } from '../../src/pki/x509.js';
import { signDetached } from '../../src/cms/sign.js';
import { verifyDetached, type VerifyResult } from '../../src/cms/verify.js';
import { CertificateCache } from '../../src/cms/certificates.js';
import { createCertificateRequest, generateResidentKeys, toNonExtractable } from '../../src/resident/keys.js';
import { exportPkcs12, importPkcs12, Pkcs12Error } from '../../src/resident/pkcs12.js';
import type { CredentialStore } from '../../src/resident/store.js';
import { canonicalBytes } from '../../src/canonical/index.js';
import { toArrayBuffer } from '../../src/pki/encoding.js';
import { summarizeCertificate } from '../../src/resident/summary.js';

type Fn = () => Promise<void> | void;
export interface Runner {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: Fn): void;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
function assertEqual(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}
function assertRejected(result: VerifyResult, code: string): void {
  assert(!result.ok, `expected ${code}, but the signature was accepted`);
  assertEqual(result.error, code, 'verification error');
}

const YEAR = 365 * 86_400_000;
/** The resident and the document every signing test signs (the parsers' fuzzing too). */
export const identity = { givenNames: 'Anna Maria', surname: 'Żółtowska', pesel: '44051401359' };
export const document = canonicalBytes({
  procedure: 'usc-odpis-aktu',
  schemaVersion: '1.0.0',
  data: { copies: 1, nazwisko: 'Żółć' },
  attachments: [],
  submittedAt: '2026-11-27T10:00:00Z',
  nonce: 'n-1',
});

interface Fixture {
  ca: CityCa;
  caKeyPkcs8: Uint8Array;
  otherCa: CityCa;
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
  der: Uint8Array;
  signature: Uint8Array;
}

let fixture: Promise<Fixture> | undefined;
function setup(): Promise<Fixture> {
  fixture ??= (async () => {
    // Made five years ago (valid ten), so certificates can be checked as they were in the past.
    const { ca, privateKeyPkcs8 } = await CityCa.create({
      organization: 'Urząd Miasta Olsztyn',
      now: new Date(Date.now() - 5 * YEAR),
    });
    const { ca: otherCa } = await CityCa.create({ organization: 'Inny Urząd' });
    const keys = await generateResidentKeys();
    const certificate = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
    const der = new Uint8Array(certificate.rawData);
    const signature = await signDetached(document, keys.privateKey, der);
    return { ca, caKeyPkcs8: privateKeyPkcs8, otherCa, keys, certificate, der, signature };
  })();
  return fixture;
}

/** Issues a certificate for `keys` from the fixture CA, with the given validity and usages. */
async function certificateWith(
  f: Fixture,
  keys: CryptoKeyPair,
  notBefore: Date,
  notAfter: Date,
  usages = x509.KeyUsageFlags.digitalSignature,
): Promise<Uint8Array> {
  const signingKey = await crypto.subtle.importKey('pkcs8', toArrayBuffer(f.caKeyPkcs8), EC_ALGORITHM, false, ['sign']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a0b0c',
    subject: 'CN=Test, C=PL',
    issuer: f.ca.certificate.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: EC_ALGORITHM,
    extensions: [new x509.KeyUsagesExtension(usages, true)],
  });
  return new Uint8Array(cert.rawData);
}

export function signingSuite(t: Runner, store?: () => CredentialStore): void {
  t.describe('CMS signing and verifying', () => {
    t.it('accepts our signature and returns the signer, as the certificate names them', async () => {
      const f = await setup();
      const result = await verifyDetached(document, f.signature, { trustAnchors: [f.ca.certificate] });
      assert(result.ok, `rejected: ${!result.ok && result.error}`);
      assertEqual(result.signer.identity, identity, 'identity');
      assertEqual(result.signer.serialNumber, f.certificate.serialNumber.toLowerCase(), 'serial');
      assert(Math.abs(result.signingTime.getTime() - Date.now()) < 60_000, 'signing time is now');
    });

    t.it('issues resident certificates valid exactly two years, for signing only', async () => {
      const f = await setup();
      const nb = f.certificate.notBefore;
      const na = f.certificate.notAfter;
      assertEqual(na.getUTCFullYear() - nb.getUTCFullYear(), 2, 'years');
      assertEqual(
        [na.getUTCMonth(), na.getUTCDate(), na.getUTCHours(), na.getUTCMinutes(), na.getUTCSeconds()],
        [nb.getUTCMonth(), nb.getUTCDate(), nb.getUTCHours(), nb.getUTCMinutes(), nb.getUTCSeconds()],
        'same instant of the day',
      );
      const ku = f.certificate.getExtension(x509.KeyUsagesExtension);
      assertEqual(ku?.usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, 'key usage');
      assertEqual(f.certificate.subjectName.getField('2.5.4.5'), ['PNOPL-44051401359'], 'serialNumber attribute');
    });

    t.it('summarizes a certificate by position exactly as the X.509 parser reads it', async () => {
      const { certificate, der } = await setup();
      const summary = summarizeCertificate(der);
      assertEqual(summary.serialNumber, certificate.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''), 'serial');
      assertEqual(
        [summary.givenNames, summary.surname, summary.pesel],
        [identity.givenNames, identity.surname, identity.pesel],
        'subject',
      );
      assertEqual(summary.notBefore.getTime(), certificate.notBefore.getTime(), 'notBefore');
      assertEqual(summary.notAfter.getTime(), certificate.notAfter.getTime(), 'notAfter');
      let threw = false;
      try {
        summarizeCertificate(der.subarray(0, 40));
      } catch {
        threw = true;
      }
      assert(threw, 'a truncated certificate must not be summarized');
    });

    t.it('rejects a changed document: content-mismatch', async () => {
      const f = await setup();
      const changed = new Uint8Array(document);
      changed[10] = changed[10]! ^ 1;
      assertRejected(
        await verifyDetached(changed, f.signature, { trustAnchors: [f.ca.certificate] }),
        'content-mismatch',
      );
    });

    t.it('rejects a certificate from another CA: unknown-issuer', async () => {
      const f = await setup();
      assertRejected(
        await verifyDetached(document, f.signature, { trustAnchors: [f.otherCa.certificate] }),
        'unknown-issuer',
      );
    });

    t.it('rejects an expired certificate, even for a document signed while it was valid', async () => {
      const f = await setup();
      const keys = await generateResidentKeys();
      const issued = new Date(Date.now() - 3 * YEAR);
      const der = await certificateWith(f, keys, issued, new Date(issued.getTime() + 2 * YEAR));
      const sig = await signDetached(document, keys.privateKey, der, {
        signingTime: new Date(issued.getTime() + YEAR),
      });
      assertRejected(await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] }), 'certificate-expired');
      const then = await verifyDetached(document, sig, {
        trustAnchors: [f.ca.certificate],
        now: new Date(issued.getTime() + YEAR),
      });
      assert(then.ok, 'valid at the time');
    });

    t.it(
      "rejects any signature once the city CA's own certificate is no longer valid: trust-anchor-invalid",
      async () => {
        // A CA valid one year, which issued a two-year certificate at its start, eighteen months ago.
        const start = new Date(Date.now() - 1.5 * YEAR);
        const { ca } = await CityCa.create({ organization: 'Urząd Miasta Olsztyn', now: start, validityYears: 1 });
        const keys = await generateResidentKeys();
        const cert = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity, start);
        const sig = await signDetached(document, keys.privateKey, new Uint8Array(cert.rawData));
        assertRejected(await verifyDetached(document, sig, { trustAnchors: [ca.certificate] }), 'trust-anchor-invalid');
        let refused = '';
        try {
          await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
        } catch (e) {
          refused = (e as Error).name;
        }
        assertEqual(refused, 'CaValidityError', 'nothing is issued outside the CA certificate validity');
      },
    );

    t.it("tells a resident's certificate from the service's by policy and purpose: certificate-purpose", async () => {
      const f = await setup();
      const serviceKeys = (await crypto.subtle.generateKey(EC_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
      const service = await f.ca.issueServiceCertificate(serviceKeys.publicKey, { commonName: 'intake' });
      const byService = await signDetached(document, serviceKeys.privateKey, new Uint8Array(service.rawData));
      const anchors = [f.ca.certificate];
      assertRejected(
        await verifyDetached(document, byService, { trustAnchors: anchors, purpose: 'resident' }),
        'certificate-purpose',
      );
      assert((await verifyDetached(document, byService, { trustAnchors: anchors, purpose: 'service' })).ok, 'service');
      assert(
        (await verifyDetached(document, f.signature, { trustAnchors: anchors, purpose: 'resident' })).ok,
        'resident',
      );
      assertRejected(
        await verifyDetached(document, f.signature, { trustAnchors: anchors, purpose: 'service' }),
        'certificate-purpose',
      );
      // A certificate of the city CA without the resident policy (as issued before it existed).
      const keys = await generateResidentKeys();
      const bare = await certificateWith(f, keys, new Date(Date.now() - YEAR), new Date(Date.now() + YEAR));
      assertRejected(
        await verifyDetached(document, await signDetached(document, keys.privateKey, bare), {
          trustAnchors: anchors,
          purpose: 'resident',
        }),
        'certificate-purpose',
      );
    });

    t.it('rejects a signing time further ahead than the clock skew allows: signing-time-future', async () => {
      const f = await setup();
      const ahead = await signDetached(document, f.keys.privateKey, f.der, {
        signingTime: new Date(Date.now() + 3600_000),
      });
      assertRejected(
        await verifyDetached(document, ahead, { trustAnchors: [f.ca.certificate] }),
        'signing-time-future',
      );
      const slightly = await signDetached(document, f.keys.privateKey, f.der, {
        signingTime: new Date(Date.now() + 60_000),
      });
      assert((await verifyDetached(document, slightly, { trustAnchors: [f.ca.certificate] })).ok, 'a minute is skew');
    });

    t.it('rejects a certificate not yet valid', async () => {
      const f = await setup();
      const keys = await generateResidentKeys();
      const from = new Date(Date.now() + 86_400_000);
      const der = await certificateWith(f, keys, from, new Date(from.getTime() + YEAR));
      const sig = await signDetached(document, keys.privateKey, der);
      assertRejected(
        await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] }),
        'certificate-not-yet-valid',
      );
    });

    t.it('rejects a certificate whose key usage is not signing: key-usage', async () => {
      const f = await setup();
      const keys = await generateResidentKeys();
      const der = await certificateWith(
        f,
        keys,
        new Date(Date.now() - 1000),
        new Date(Date.now() + YEAR),
        x509.KeyUsageFlags.keyAgreement,
      );
      const sig = await signDetached(document, keys.privateKey, der);
      assertRejected(await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] }), 'key-usage');
    });

    t.it('rejects a revoked certificate, asking on every verification', async () => {
      const f = await setup();
      const revoked = new Set<string>();
      const options = { trustAnchors: [f.ca.certificate], isRevoked: (serial: string) => revoked.has(serial) };
      assert((await verifyDetached(document, f.signature, options)).ok, 'accepted before revocation');
      revoked.add(f.certificate.serialNumber.toLowerCase());
      assertRejected(await verifyDetached(document, f.signature, options), 'certificate-revoked');
    });

    t.it('throws what the revocation lookup threw, with no verdict on the signature', async () => {
      const f = await setup();
      const down = new Error('the database does not answer');
      const options = {
        trustAnchors: [f.ca.certificate],
        isRevoked: () => Promise.reject(down),
      };
      let thrown: unknown;
      try {
        await verifyDetached(document, f.signature, options);
      } catch (e) {
        thrown = e;
      }
      assert(thrown === down, 'the lookup’s own error');
    });

    t.it('rejects a signature made with another key: signature-invalid', async () => {
      const f = await setup();
      const other = await generateResidentKeys();
      const sig = await signDetached(document, other.privateKey, f.der);
      assertRejected(await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] }), 'signature-invalid');
    });

    t.it('rejects truncated DER, garbage and emptiness as malformed, without throwing', async () => {
      const f = await setup();
      const options = { trustAnchors: [f.ca.certificate] };
      for (const bytes of [
        f.signature.subarray(0, f.signature.length - 7),
        f.signature.subarray(0, 20),
        new Uint8Array(0),
        crypto.getRandomValues(new Uint8Array(800)),
        new TextEncoder().encode('{"not":"cms"}'),
      ]) {
        assertRejected(await verifyDetached(document, bytes, options), 'malformed');
      }
    });

    t.it('parses and chain-checks a certificate once, then serves it from the cache', async () => {
      const f = await setup();
      const cache = new CertificateCache();
      const options = { trustAnchors: [f.ca.certificate], cache };
      assert((await verifyDetached(document, f.signature, options)).ok, 'first');
      assert((await verifyDetached(document, f.signature, options)).ok, 'second');
      assertEqual([cache.misses, cache.hits, cache.size], [1, 1, 1], 'misses, hits, size');
      // A cached certificate does not vouch for itself against another CA.
      assertRejected(
        await verifyDetached(document, f.signature, { trustAnchors: [f.otherCa.certificate], cache }),
        'unknown-issuer',
      );
    });

    t.it('refuses to certify a request not signed by its key, and names the person as checked', async () => {
      const f = await setup();
      const keys = await generateResidentKeys();
      const pem = await createCertificateRequest(keys, 'Somebody Else');
      const cert = await f.ca.issueResidentCertificate(pem, identity);
      assertEqual(cert.subjectName.getField('2.5.4.3'), ['Anna Maria Żółtowska'], 'named as checked');
      const tampered = pem.replace(/[A-Za-z](?=[^\n]*\n-----END)/, (c) => (c === 'A' ? 'B' : 'A'));
      let error: unknown;
      try {
        await f.ca.issueResidentCertificate(tampered, identity);
      } catch (e) {
        error = e;
      }
      assert(
        error instanceof Error && error.name === 'CertificateRequestError',
        `expected CertificateRequestError, got ${String(error)}`,
      );
    });
  });

  t.describe('PKCS#12 backup', () => {
    t.it('exports and imports the key and certificate with a Polish password', async () => {
      const f = await setup();
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', f.keys.privateKey));
      const p12 = await exportPkcs12({
        privateKeyPkcs8: pkcs8,
        certificateDer: f.der,
        otherCertificates: [new Uint8Array(f.ca.certificate.rawData)],
        password: 'zażółć gęślą jaźń',
        iterations: 2048,
      });
      const back = await importPkcs12(p12, 'zażółć gęślą jaźń');
      assertEqual(Array.from(back.certificateDer), Array.from(f.der), 'certificate');
      assertEqual(back.otherCertificates.length, 1, 'CA certificate kept');
      const key = await toNonExtractable(
        await crypto.subtle.importKey('pkcs8', toArrayBuffer(back.privateKeyPkcs8), EC_ALGORITHM, true, ['sign']),
      );
      assertEqual(key.extractable, false, 'kept non-extractable');
      const sig = await signDetached(document, key, back.certificateDer);
      assert((await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] })).ok, 'the imported key signs');
    });

    t.it('says wrong-password for a wrong password', async () => {
      const f = await setup();
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', f.keys.privateKey));
      const p12 = await exportPkcs12({
        privateKeyPkcs8: pkcs8,
        certificateDer: f.der,
        password: 'correct horse',
        iterations: 2048,
      });
      let error: unknown;
      try {
        await importPkcs12(p12, 'wrong horse');
      } catch (e) {
        error = e;
      }
      assert(
        error instanceof Pkcs12Error && error.code === 'wrong-password',
        `expected wrong-password, got ${String(error)}`,
      );
    });
  });

  t.describe('activation codes', () => {
    t.it('catches every single-character typo and every adjacent swap before any request', async () => {
      const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      // Many codes, since a weakness would show only for some of them.
      for (let n = 0; n < 100; n++) {
        const { code } = await createActivationCode(identity);
        assert(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/.test(code), `format: ${code}`);
        assertEqual(
          parseActivationCode(code.toLowerCase().replace(/-/g, ' ')),
          { ok: true, code },
          'lower case with spaces',
        );
        const compact = code.replace(/-/g, '');
        for (let i = 0; i < compact.length; i++) {
          for (const c of alphabet) {
            if (c === compact[i]) continue;
            const typo = compact.slice(0, i) + c + compact.slice(i + 1);
            assertEqual(parseActivationCode(typo), { ok: false, problem: 'check' }, `typo ${typo}`);
          }
          if (i + 1 < compact.length && compact[i] !== compact[i + 1]) {
            const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
            assertEqual(parseActivationCode(swapped).ok, false, `swap ${swapped} of ${compact}`);
          }
        }
      }
      assertEqual(parseActivationCode('ABC'), { ok: false, problem: 'length' }, 'short');
      assertEqual(parseActivationCode('ABCD-EFGH-JKMN-!'), { ok: false, problem: 'characters' }, 'not base32');
    });

    t.it('is single use, expires, and is stored only as a hash', async () => {
      const now = new Date('2026-11-27T10:00:00Z');
      const store = new MemoryActivationStore();
      const { code, record } = await createActivationCode(identity, { now });
      await store.insert(record);
      assert(!JSON.stringify(record).includes(code.replace(/-/g, '')), 'the code itself is not stored');
      assertEqual(record.expiresAt.toISOString(), '2026-11-30T10:00:00.000Z', 'expires after 72 hours');
      const late = await createActivationCode(identity, { now });
      await store.insert(late.record);
      assertEqual(
        (await store.consume(late.record.codeHash, new Date('2026-11-30T10:00:01Z'))).status,
        'expired',
        'expired',
      );
      assertEqual((await store.consume(record.codeHash, now)).status, 'ok', 'first use');
      assertEqual((await store.consume(record.codeHash, now)).status, 'used', 'second use');
      assertEqual((await store.consume('00'.repeat(32), now)).status, 'unknown', 'unknown');
    });
  });

  if (store) {
    t.describe('credential store', () => {
      t.it('keeps a non-extractable key and the certificate, and forgets them on clear', async () => {
        const f = await setup();
        const s = store();
        await s.clear();
        const privateKey = await toNonExtractable(f.keys.privateKey);
        await s.save({ privateKey, certificateDer: f.der, savedAt: new Date().toISOString() });
        const loaded = await s.load();
        assert(loaded, 'loaded');
        assertEqual(loaded.privateKey.extractable, false, 'non-extractable');
        assertEqual(Array.from(loaded.certificateDer), Array.from(f.der), 'certificate');
        const sig = await signDetached(document, loaded.privateKey, loaded.certificateDer);
        assert((await verifyDetached(document, sig, { trustAnchors: [f.ca.certificate] })).ok, 'the stored key signs');
        await s.clear();
        assertEqual(await s.load(), undefined, 'cleared');
      });
    });
  }
}
