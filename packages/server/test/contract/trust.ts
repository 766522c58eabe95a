import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, generateResidentKeys, signDetached } from '@ebok/forms-core/signing';
import { EC_ALGORITHM, pemDecode, toArrayBuffer, x509 } from '@ebok/forms-core/pki';
import { api, enrol, exampleSigner, formData, prepare, type Resident, signerFor, submit } from './client.js';
import type { Target, TargetFactory } from './target.js';

type Problem = {
  type: string;
  status: number;
  reason?: string;
  pointer?: string;
  accepted?: string[];
  signatureKind?: string;
};

async function problem(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body.status).toBe(res.status);
  return body;
}

// ---- a little DER, to forge signatures the way an attacker would ----

function readTlv(bytes: Uint8Array, at: number): { tag: number; start: number; body: number; end: number } {
  let length = bytes[at + 1]!;
  let body = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[body + i]!;
    body += n;
  }
  return { tag: bytes[at]!, start: at, body, end: body + length };
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** The signature with its `certificates` set's contents replaced (ContentInfo → [0] → SignedData → [0]). */
function withCertificates(signature: Uint8Array, certificates: (own: Uint8Array) => Uint8Array): Uint8Array {
  const info = readTlv(signature, 0);
  const oid = readTlv(signature, info.body);
  const explicit = readTlv(signature, oid.end);
  const sd = readTlv(signature, explicit.body);
  const fields: Uint8Array[] = [];
  for (let at = sd.body; at < sd.end;) {
    const f = readTlv(signature, at);
    const bytes = signature.subarray(f.start, f.end);
    fields.push(f.tag === 0xa0 ? tlv(0xa0, certificates(signature.subarray(f.body, f.end))) : bytes);
    at = f.end;
  }
  const signedData = tlv(0x30, concat(...fields));
  return tlv(0x30, concat(signature.subarray(oid.start, oid.end), tlv(0xa0, signedData)));
}

/** Sends raw HTTP and resolves with the status line as soon as an answer starts, whatever is left to send. */
function rawRequest(target: Target, head: string, body: (write: (chunk: Uint8Array) => boolean) => void) {
  const url = new URL(target.baseUrl);
  return new Promise<{ status: number; sent: number }>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let sent = 0;
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer after ${sent} bytes sent`));
    }, 20_000);
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (m) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(m[1]), sent });
      }
    });
    socket.on('error', (e) => {
      // The server may close the connection after its answer while we still write.
      if (!answer) {
        clearTimeout(timer);
        reject(e);
      }
    });
    socket.write(head);
    body((chunk) => {
      if (socket.destroyed) return false;
      sent += chunk.length;
      return socket.write(chunk);
    });
  });
}

/**
 * The trust chain against a hostile resident: the signer is bound to the applicant, every size
 * is limited before it is read, and codes, keys and nonces cannot be guessed or squatted.
 */
export function trustSuite(
  name: string,
  startTarget: TargetFactory,
  options: {
    /**
     * Whether raw HTTP reaches the app as it is sent. On Node it does; `wrangler dev`'s proxy
     * in front of workerd reads a request whole before the Worker sees it (Cloudflare's edge has
     * its own body limits), so there the reader's limit is checked with whole bodies only.
     */
    readonly streamedBodies: boolean;
  },
): void {
  describe(`trust: who may sign what, and limits before any work (${name})`, () => {
    let target: Target;
    let resident: Resident;
    beforeAll(async () => {
      target = await startTarget();
      resident = await signerFor(target, 'usc-odpis-aktu');
    }, 60_000);
    afterAll(async () => {
      await target?.stop();
    });

    it("refuses an application signed by someone other than the person it names, with the signer's pointer", async () => {
      const before = await target.snapshot();
      // One resident's certificate on another person's ID card, and on a third's business entry.
      for (const [procedure, pointer] of [
        ['wso-dowod-osobisty', '/person'],
        ['wso-ceidg-wpis', '/entrepreneur'],
      ] as const) {
        expect(exampleSigner(procedure)).not.toEqual(resident.pesel);
        const body = await refused(
          await submit(target, formData(await prepare(resident, procedure))),
          422,
          'signer-mismatch',
        );
        expect(body.pointer).toMatch(new RegExp(`^(${pointer}|/proxy|/parent)$`));
      }
      expect(await target.snapshot()).toEqual(before);
      // The person named signs: accepted.
      const own = await prepare(await signerFor(target, 'wso-dowod-osobisty'), 'wso-dowod-osobisty');
      expect((await submit(target, formData(own))).status).toBe(201);
    });

    it("refuses the city's certificate where the law names only its own three signatures (residence), and lists them", async () => {
      const before = await target.snapshot();
      const procedure = 'wso-wymeldowanie-stale';
      const person = await signerFor(target, procedure);
      const catalogue = (await (await api(target, '/v1/procedures')).json()) as Array<{
        id: string;
        signatures?: string[];
      }>;
      expect(catalogue.find((e) => e.id === procedure)?.signatures).toEqual([
        'qualified',
        'trusted-profile',
        'personal',
      ]);
      expect(catalogue.find((e) => e.id === 'usc-odpis-aktu')?.signatures).toContain('city');
      // Signed by the very person it names: refused for how it is signed, not by whom.
      const body = await refused(
        await submit(target, formData(await prepare(person, procedure))),
        422,
        'signature-kind-not-accepted',
      );
      expect(body.signatureKind).toBe('city');
      expect(body.accepted).toEqual(['qualified', 'trusted-profile', 'personal']);
      expect(await target.snapshot()).toEqual(before);
    });

    it("refuses a document signed with the intake service's own key", async () => {
      const pki = join(target.dataDir, 'pki');
      const certificateDer = pemDecode(readFileSync(join(pki, 'service.pem'), 'utf8'), 'CERTIFICATE');
      const privateKey = await crypto.subtle.importKey(
        'pkcs8',
        toArrayBuffer(pemDecode(readFileSync(join(pki, 'service-key.pem'), 'utf8'), 'PRIVATE KEY')),
        EC_ALGORITHM,
        false,
        ['sign'],
      );
      const s = await prepare(resident, 'usc-odpis-aktu');
      const signature = await signDetached(new TextEncoder().encode(s.documentText), privateKey, certificateDer);
      const before = await target.snapshot();
      const body = await refused(await submit(target, formData({ ...s, signature })), 422, 'certificate-invalid');
      expect(body.reason).toBe('certificate-purpose');
      expect(await target.snapshot()).toEqual(before);
    });

    it('refuses a signature with more certificates than the limit, or with a set of empty entries', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu');
      const before = await target.snapshot();
      const five = withCertificates(s.signature, (own) => concat(own, own, own, own, own));
      expect(
        (await refused(await submit(target, formData({ ...s, signature: five })), 422, 'signature-invalid')).reason,
      ).toBe('too-large');
      // 30,000 empty entries fit under the signature part's limit; they are not read one by one.
      const empties = withCertificates(s.signature, (own) =>
        concat(
          own,
          new Uint8Array(60_000).fill(0).map((_, i) => (i % 2 ? 0 : 0x30)),
        ),
      );
      expect(
        (await refused(await submit(target, formData({ ...s, signature: empties })), 422, 'signature-invalid')).reason,
      ).toBe('too-large');
      // 500,000 of them (1 MB) are refused by the part's size, before any parsing.
      const huge = withCertificates(s.signature, (own) =>
        concat(
          own,
          new Uint8Array(1_000_000).map((_, i) => (i % 2 ? 0 : 0x30)),
        ),
      );
      await refused(await submit(target, formData({ ...s, signature: huge })), 413, 'request-too-large');
      expect(await target.snapshot()).toEqual(before);
    });

    it('refuses a deeply nested document by a scan before parsing, and a large one by its size', async () => {
      const s = await prepare(resident, 'usc-odpis-aktu');
      const before = await target.snapshot();
      const deep = `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      await refused(await submit(target, formData(s, { documentText: deep })), 400, 'json-too-deep');
      const large = `{"data":${'['.repeat(2_400_000)}${']'.repeat(2_400_000)}}`;
      await refused(await submit(target, formData(s, { documentText: large })), 413, 'request-too-large');
      expect(await target.snapshot()).toEqual(before);
    });

    it('answers a JSON body over its limit with 413, counted as it is read', async () => {
      const big = JSON.stringify({ activationCode: 'x', csr: ' '.repeat(100_000) });
      await refused(
        await api(target, '/v1/certificates', { method: 'POST', json: JSON.parse(big) }),
        413,
        'request-too-large',
      );
    });

    it.runIf(options.streamedBodies)(
      'answers an oversized JSON body with 413 before reading it, declared or not',
      async () => {
        const url = new URL(target.baseUrl);
        // Declared: 150 MB, of which nothing is sent; the answer comes from the header alone.
        const declared = await rawRequest(
          target,
          `POST /v1/certificates HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${150 * 1024 * 1024}\r\n\r\n`,
          () => {},
        );
        expect(declared).toEqual({ status: 413, sent: 0 });
        // Chunked, without a length: the answer comes once the limit is passed, long before the end.
        const chunk = new Uint8Array(16 * 1024).fill(0x20);
        const framed = concat(
          new TextEncoder().encode(`${chunk.length.toString(16)}\r\n`),
          chunk,
          new TextEncoder().encode('\r\n'),
        );
        const streamed = await rawRequest(
          target,
          `POST /v1/certificates HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
          (write) => {
            let n = 0;
            const more = () => {
              while (n < 64 && write(framed)) n++; // at most 1 MB, never the end
              if (n < 64) setTimeout(more, 5);
            };
            more();
          },
        );
        expect(streamed.status).toBe(413);
      },
    );

    it('keeps the activation code when the certificate request is bad, and uses it for a good one', async () => {
      const { activationCode, expiresAt } = (await (
        await api(target, '/v1/enrolments', {
          method: 'POST',
          token: target.registrarToken,
          json: { givenNames: 'Ewa', surname: 'Nowak', pesel: '85112309870' },
        })
      ).json()) as { activationCode: string; expiresAt: string };
      // Codes live 72 hours.
      expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(72 * 3600_000);
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
      const garbage = await api(target, '/v1/certificates', {
        method: 'POST',
        json: { activationCode, csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' },
      });
      await refused(garbage, 422, 'certificate-request-invalid');
      const csr = await createCertificateRequest(await generateResidentKeys());
      expect((await api(target, '/v1/certificates', { method: 'POST', json: { activationCode, csr } })).status).toBe(
        201,
      );
    });

    it('enrols a person without a PESEL by their identity document, and binds their signature to it', async () => {
      const passport = { kind: 'passport' as const, country: 'UA', number: 'FE123456' };
      const holder = await enrol(target, passport);
      expect(holder.identifier).toBe('PASUA-FE123456');
      const certificate = new x509.X509Certificate(toArrayBuffer(holder.certificateDer));
      expect(certificate.subjectName.getField('2.5.4.5')).toEqual(['PASUA-FE123456']);
    });

    it("scopes idempotency keys and nonces to their signer: nobody can take another's first", async () => {
      const key = 'predictable-key-0001';
      const nonce = 'predictable-nonce-0001';
      const squatter = await prepare(await signerFor(target, 'wso-ceidg-wpis'), 'wso-ceidg-wpis', {
        nonce,
      });
      expect((await submit(target, formData(squatter), { 'idempotency-key': key })).status).toBe(201);
      const victim = await prepare(resident, 'usc-odpis-aktu', { nonce });
      expect((await submit(target, formData(victim), { 'idempotency-key': key })).status).toBe(201);
    });

    it('refuses a signing time or a submission time far in the future', async () => {
      const before = await target.snapshot();
      const tomorrow = new Date(Date.now() + 86_400_000);
      const signed = await prepare(resident, 'usc-odpis-aktu', {
        signingTime: tomorrow,
        tamper: (doc) => {
          doc['submittedAt'] = new Date().toISOString();
        },
      });
      expect((await refused(await submit(target, formData(signed)), 422, 'signature-invalid')).reason).toBe(
        'signing-time-future',
      );
      const stamped = await prepare(resident, 'usc-odpis-aktu', {
        tamper: (doc) => {
          doc['submittedAt'] = tomorrow.toISOString();
        },
      });
      await refused(await submit(target, formData(stamped)), 400, 'invalid-document');
      expect(await target.snapshot()).toEqual(before);
    });
  });

  describe(`failed activation attempts are limited (${name})`, () => {
    it('answers 429 with Retry-After once an address has used up its attempts, even for a right code', async () => {
      const target = await startTarget({ EBOK_ACTIVATION_ATTEMPTS_PER_ADDRESS: '3' });
      try {
        const { activationCode } = (await (
          await api(target, '/v1/enrolments', {
            method: 'POST',
            token: target.registrarToken,
            json: { givenNames: 'Ewa', surname: 'Nowak', pesel: '85112309870' },
          })
        ).json()) as { activationCode: string };
        const csr = await createCertificateRequest(await generateResidentKeys());
        for (const wrong of ['0000-0000-0000-0', 'ABCD-EFGH-JKMN-P', '7K3M-Q9XD-2HNB-R']) {
          const res = await api(target, '/v1/certificates', { method: 'POST', json: { activationCode: wrong, csr } });
          await refused(res, 422, 'activation-code-invalid');
        }
        const limited = await api(target, '/v1/certificates', { method: 'POST', json: { activationCode, csr } });
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await problem(limited)).type).toBe('urn:ebok:problem:too-many-attempts');
      } finally {
        await target.stop();
      }
    }, 60_000);
  });

  async function refused(res: Response, status: number, type: string): Promise<Problem> {
    expect(res.status).toBe(status);
    const body = await problem(res);
    expect(body.type).toBe(`urn:ebok:problem:${type}`);
    return body;
  }
}
