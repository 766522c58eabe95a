import { Hono } from 'hono';
import { Problem } from '../problems.js';
import { type AppEnv, type RouteContext, str } from '../http.js';
import { json } from '../respond.js';
import {
  CaValidityError,
  CertificateRequestError,
  checkIdentity,
  createActivationCode,
  identityIdentifier,
  type ResidentIdentity,
  hashActivationCode,
  parseActivationCode,
  pemEncode,
  toArrayBuffer,
  type x509,
} from '@ebok/forms-core/pki';
import { requireRole } from '../auth.js';
import { normalizeDocumentNumber, parseSemanticsIdentifier } from '@ebok/forms-core/formats';

/** Why a code cannot be used now, if it cannot: decided here for every database. */
function whyUnusable(
  enrolment: { readonly usedAt: string | null; readonly expiresAt: string } | undefined,
  now: Date,
): 'unknown' | 'used' | 'expired' | undefined {
  if (!enrolment) return 'unknown';
  if (enrolment.usedAt) return 'used';
  if (enrolment.expiresAt < now.toISOString()) return 'expired';
  return undefined;
}

function documentKind(kind: unknown): 'passport' | 'id-card' {
  if (kind !== 'passport' && kind !== 'id-card')
    throw new Problem('bad-request', '"identityDocument.kind" must be "passport" or "id-card"');
  return kind;
}

/**
 * The person a clerk checked: names, and a PESEL or (for a person without one) the identity
 * document they showed: `{kind: "passport" | "id-card", country, number}`.
 */
function readIdentity(body: Record<string, unknown>): ResidentIdentity {
  const document = body['identityDocument'];
  if ((body['pesel'] === undefined) === (document === undefined))
    throw new Problem('bad-request', 'give a "pesel", or for a person without one an "identityDocument" (not both)');
  if (document !== undefined && (typeof document !== 'object' || document === null || Array.isArray(document)))
    throw new Problem(
      'bad-request',
      '"identityDocument" must be {"kind": "passport" | "id-card", "country", "number"}',
    );
  const doc = document as Record<string, unknown> | undefined;
  const identity: ResidentIdentity = {
    givenNames: str(body, 'givenNames', 64),
    surname: str(body, 'surname', 64),
    ...(doc
      ? {
          identityDocument: {
            kind: documentKind(doc['kind']),
            country: str(doc, 'country', 2).toUpperCase(),
            number: normalizeDocumentNumber(str(doc, 'number', 30)),
          },
        }
      : { pesel: str(body, 'pesel', 11) }),
  };
  try {
    checkIdentity(identity);
  } catch (e) {
    throw new Problem('bad-request', (e as Error).message);
  }
  return identity;
}

/** The city CA: its certificate and CRL, enrolment, certificates for activation codes, revocation. */
export function pkiRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { storage, clock, logger, ca, config } = deps;
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
    const body = await ctx.readJson(c);
    const identity = readIdentity(body);
    const { record, code } = await createActivationCode(identity, {
      now: clock.now(),
      validHours: config.activationHours,
    });
    await storage.insertActivation({
      codeHash: record.codeHash,
      givenNames: identity.givenNames,
      surname: identity.surname,
      identifier: identityIdentifier(identity),
      createdAt: record.createdAt.toISOString(),
      expiresAt: record.expiresAt.toISOString(),
    });
    logger.info('activation code created', { requestId: c.get('requestId') });
    return json(c, { activationCode: code, expiresAt: record.expiresAt.toISOString() }, 201);
  });

  app.post('/v1/certificates', async (c) => {
    const now = clock.now();
    // Failed attempts are counted per client address and from everyone, in fixed windows.
    const { perAddress, total, windowSeconds } = config.activationAttempts;
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const buckets = [`address:${deps.clientAddress?.(c) ?? 'unknown'}`, 'all'];
    const [fromAddress = 0, fromAll = 0] = await storage.failedAttempts(buckets, windowStart);
    if (fromAddress >= perAddress || fromAll >= total) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
      throw new Problem('too-many-attempts', undefined, { retryAfter }, { 'retry-after': String(retryAfter) });
    }
    const failed = async (reason: string): Promise<never> => {
      await storage.recordFailedAttempt(buckets, windowStart);
      throw new Problem('activation-code-invalid', undefined, { reason });
    };

    const body = await ctx.readJson(c);
    const parsed = parseActivationCode(str(body, 'activationCode', 40));
    if (!parsed.ok) return failed(parsed.problem);
    const csr = str(body, 'csr', 8000);
    const codeHash = await hashActivationCode(parsed.code);
    const enrolment = await storage.getActivation(codeHash);
    const unusable = whyUnusable(enrolment, now);
    if (!enrolment || unusable) return failed(unusable ?? 'unknown');

    // The request is checked and the certificate made before the code is used: a bad request
    // leaves the code for the resident's next try.
    const id = parseSemanticsIdentifier(enrolment.identifier);
    if (!id) throw new Error(`enrolment ${codeHash.slice(0, 8)}… names no person`);
    let cert: x509.X509Certificate;
    try {
      cert = await ca.issueResidentCertificate(
        csr,
        { givenNames: enrolment.givenNames, surname: enrolment.surname, ...id },
        now,
      );
    } catch (e) {
      if (e instanceof CertificateRequestError) throw new Problem('certificate-request-invalid', e.message);
      if (e instanceof CaValidityError) {
        logger.error('the CA certificate is not valid: no certificates can be issued', { error: e.message });
        throw new Problem('unavailable', e.message);
      }
      throw e;
    }
    const serial = cert.serialNumber.toLowerCase();
    const used = await storage.consumeActivation(codeHash, now, {
      serial,
      pesel: 'pesel' in id ? id.pesel : null,
      identifier: enrolment.identifier,
      subject: cert.subject,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      der: new Uint8Array(cert.rawData),
      issuedAt: now.toISOString(),
    });
    // Another request used the code in the meantime: this certificate is never given out.
    if (!used) {
      const reason = whyUnusable(await storage.getActivation(codeHash), now) ?? 'used';
      throw new Problem('activation-code-invalid', undefined, { reason });
    }
    return json(
      c,
      { certificate: cert.toString('pem'), serialNumber: serial, notAfter: cert.notAfter.toISOString() },
      201,
    );
  });

  app.post('/v1/certificates/:serial/revocation', async (c) => {
    requireRole(c.get('roles'), 'registrar');
    const body = await ctx.readJson(c);
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
  return app;
}
