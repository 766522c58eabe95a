/** @module The city CA's routes: enrolment by the desk clerk, certificates for residents, revocation and the CRL. */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  schemas,
  type Enrolment,
  type EnrolmentRequest,
  type IssuedCertificate,
  type Revocation,
} from '@ebok/schemas/api';
import { Problem } from '../problems.js';
import { audit, type AppEnv, type RouteContext } from '../http.js';
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
import { allow } from '../auth.js';
import { attemptWindow } from '../attempts.js';
import { normalizeDocumentNumber, parseSemanticsIdentifier } from '@ebok/forms-core/formats';
import { jsonBody } from '../validate.js';
import { personKeys } from '../search-keys.js';

/** An activation attempt's window: when it started, and how a failed one is counted and answered. */
interface Attempts {
  readonly now: Date;
  failed(reason: string): Promise<never>;
}

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

/**
 * The person a clerk checked: names, and a PESEL or (for a person without one) the identity
 * document they showed. The schema has checked the shape; the identity's own rules (a PESEL's
 * checksum, a country's code) are checkIdentity's.
 */
function readIdentity(body: EnrolmentRequest): ResidentIdentity {
  const { givenNames, surname, pesel, identityDocument: doc } = body;
  const identity: ResidentIdentity = {
    givenNames: givenNames.trim(),
    surname: surname.trim(),
    ...(doc
      ? {
          identityDocument: {
            kind: doc.kind,
            country: doc.country.toUpperCase(),
            number: normalizeDocumentNumber(doc.number.trim()),
          },
        }
      : { pesel: pesel! }),
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
    const revoked = await storage.pki.revokedCertificates();
    const now = clock.now();
    if (!crl || crl.revoked !== revoked.length || now.getTime() - crl.at > 3600_000) {
      const list = await ca.createCrl(
        revoked.map((r) => ({
          serialNumber: r.serial,
          revokedAt: new Date(r.revokedAt),
          reason: r.reason as 'unspecified',
        })),
        { crlNumber: await storage.pki.nextCrlNumber(), now },
      );
      crl = { der: new Uint8Array(list.rawData), revoked: revoked.length, at: now.getTime() };
    }
    return c.body(toArrayBuffer(crl.der), 200, { 'content-type': 'application/pkix-crl' });
  });

  app.post('/v1/enrolments', allow('desk'), jsonBody('EnrolmentRequest', ctx.readJson), async (c) => {
    const identity = readIdentity(c.req.valid('json'));
    const { record, code } = await createActivationCode(identity, {
      now: clock.now(),
      validHours: config.activationHours,
    });
    await storage.pki.insertActivation(
      {
        codeHash: record.codeHash,
        givenNames: identity.givenNames,
        surname: identity.surname,
        identifier: identityIdentifier(identity),
        createdAt: record.createdAt.toISOString(),
        expiresAt: record.expiresAt.toISOString(),
      },
      personKeys(identity),
    );
    await audit(c, deps, {
      action: 'enrolment.create',
      target: identityIdentifier(identity),
      after: {
        givenNames: identity.givenNames,
        surname: identity.surname,
        expiresAt: record.expiresAt.toISOString(),
      },
    });
    logger.info('activation code created', { requestId: c.get('requestId') });
    return json(c, { activationCode: code, expiresAt: record.expiresAt.toISOString() } satisfies Enrolment, 201);
  });

  // Failed attempts are counted per client address and from everyone, in fixed windows; past
  // either limit, no body is read.
  const attempts = createMiddleware<AppEnv & { Variables: { attempts: Attempts } }>(async (c, next) => {
    const window = await attemptWindow(c, deps, config.activationAttempts);
    c.set('attempts', {
      now: window.now,
      async failed(reason) {
        await window.record();
        throw new Problem('activation-code-invalid', undefined, { reason });
      },
    });
    await next();
  });

  app.post('/v1/certificates', attempts, jsonBody('CertificateRequest', ctx.readJson), async (c) => {
    const { now, failed } = c.get('attempts');
    const body = c.req.valid('json');
    const parsed = parseActivationCode(body.activationCode.trim());
    if (!parsed.ok) return failed(parsed.problem);
    const csr = body.csr.trim();
    const codeHash = await hashActivationCode(parsed.code);
    const enrolment = await storage.pki.getActivation(codeHash);
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
    const used = await storage.pki.consumeActivation(codeHash, now, {
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
      const reason = whyUnusable(await storage.pki.getActivation(codeHash), now) ?? 'used';
      throw new Problem('activation-code-invalid', undefined, { reason });
    }
    return json(
      c,
      {
        certificate: cert.toString('pem'),
        serialNumber: serial,
        notAfter: cert.notAfter.toISOString(),
      } satisfies IssuedCertificate,
      201,
    );
  });

  app.post(
    '/v1/certificates/:serial/revocation',
    allow('desk'),
    jsonBody('RevocationRequest', ctx.readJson),
    async (c) => {
      const { reason = schemas.RevocationRequest.properties.reason.default } = c.req.valid('json');
      const serial = c.req.param('serial').toLowerCase();
      if (!/^[0-9a-f]{1,40}$/.test(serial)) throw new Problem('not-found');
      const now = clock.now();
      const result = await storage.pki.revokeCertificate(serial, reason, now);
      if (result === 'not-found') throw new Problem('not-found');
      if (result === 'already-revoked') throw new Problem('already-revoked');
      await audit(c, deps, {
        action: 'certificate.revoke',
        target: serial,
        before: { revoked: false },
        after: { revoked: true, reason, revokedAt: now.toISOString() },
      });
      logger.info('certificate revoked', { requestId: c.get('requestId'), serial, reason });
      return json(c, { serialNumber: serial, revokedAt: now.toISOString(), reason } satisfies Revocation);
    },
  );
  return app;
}
