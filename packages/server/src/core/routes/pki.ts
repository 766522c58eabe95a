import { Hono } from 'hono';
import { Problem } from '../problems.js';
import { type AppEnv, readJson, type RouteContext, str } from '../http.js';
import { json } from '../respond.js';
import {
  CertificateRequestError,
  checkIdentity,
  createActivationCode,
  hashActivationCode,
  parseActivationCode,
  pemEncode,
  toArrayBuffer,
  type x509,
} from '@ebok/forms-core/pki';
import { requireRole } from '../auth.js';

export function pkiRoutes(app: Hono<AppEnv>, ctx: RouteContext): void {
  const { deps } = ctx;
  const { storage, clock, logger, ca } = deps;
  let crl: { der: Uint8Array; revoked: number; at: number } | undefined;

  app.get('/v1/ca/certificate', (c) => {
    const der = new Uint8Array(ca.certificate.rawData);
    if (c.req.query('format') === 'pem')
      return c.body(pemEncode('CERTIFICATE', der), 200, { 'content-type': 'application/x-pem-file' });
    return c.body(toArrayBuffer(der), 200, { 'content-type': 'application/pkix-cert' });
  });
  app.get('/v1/ca/crl', async (c) => {
    const revoked = await storage.revokedCertificates();
    const now = clock.now();
    if (!crl || crl.revoked !== revoked.length || now.getTime() - crl.at > 3600_000) {
      const list = await ca.createCrl(
        revoked.map((r) => ({
          serialNumber: r.serial,
          revokedAt: new Date(r.revokedAt),
          reason: r.reason as 'unspecified',
        })),
        { crlNumber: await storage.nextCrlNumber(), now },
      );
      crl = { der: new Uint8Array(list.rawData), revoked: revoked.length, at: now.getTime() };
    }
    return c.body(toArrayBuffer(crl.der), 200, { 'content-type': 'application/pkix-crl' });
  });

  app.post('/v1/enrolments', async (c) => {
    requireRole(c.get('roles'), 'registrar');
    const body = await readJson(c);
    const identity = {
      givenNames: str(body, 'givenNames', 64),
      surname: str(body, 'surname', 64),
      pesel: str(body, 'pesel', 11),
    };
    try {
      checkIdentity(identity);
    } catch (e) {
      throw new Problem('bad-request', (e as Error).message);
    }
    const { record, code } = await createActivationCode(identity, { now: clock.now() });
    await storage.insertActivation({
      codeHash: record.codeHash,
      ...identity,
      createdAt: record.createdAt.toISOString(),
      expiresAt: record.expiresAt.toISOString(),
    });
    logger.info('activation code created', { requestId: c.get('requestId') });
    return json(c, { activationCode: code, expiresAt: record.expiresAt.toISOString() }, 201);
  });

  app.post('/v1/certificates', async (c) => {
    const body = await readJson(c);
    const parsed = parseActivationCode(str(body, 'activationCode', 40));
    if (!parsed.ok) throw new Problem('activation-code-invalid', undefined, { reason: parsed.problem });
    const csr = str(body, 'csr', 8000);
    const now = clock.now();
    const consumed = await storage.consumeActivation(await hashActivationCode(parsed.code), now);
    if (consumed.status !== 'ok') throw new Problem('activation-code-invalid', undefined, { reason: consumed.status });
    let cert: x509.X509Certificate;
    try {
      cert = await ca.issueResidentCertificate(csr, consumed, now);
    } catch (e) {
      if (e instanceof CertificateRequestError) throw new Problem('certificate-request-invalid', e.message);
      throw e;
    }
    const serial = cert.serialNumber.toLowerCase();
    await storage.insertCertificate({
      serial,
      pesel: consumed.pesel,
      subject: cert.subject,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      der: new Uint8Array(cert.rawData),
      issuedAt: now.toISOString(),
    });
    return json(
      c,
      { certificate: cert.toString('pem'), serialNumber: serial, notAfter: cert.notAfter.toISOString() },
      201,
    );
  });

  app.post('/v1/certificates/:serial/revocation', async (c) => {
    requireRole(c.get('roles'), 'registrar');
    const body = await readJson(c);
    const reason = body['reason'] ?? 'unspecified';
    const reasons = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'];
    if (typeof reason !== 'string' || !reasons.includes(reason))
      throw new Problem('bad-request', `"reason" must be one of ${reasons.join(', ')}`);
    const serial = c.req.param('serial').toLowerCase();
    if (!/^[0-9a-f]{1,40}$/.test(serial)) throw new Problem('not-found');
    const now = clock.now();
    const result = await storage.revokeCertificate(serial, reason, now);
    if (result === 'not-found') throw new Problem('not-found');
    if (result === 'already-revoked') throw new Problem('already-revoked');
    logger.info('certificate revoked', { requestId: c.get('requestId'), serial, reason });
    return json(c, { serialNumber: serial, revokedAt: now.toISOString(), reason });
  });
}
