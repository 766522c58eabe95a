import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import {
  CertificateRequestError,
  checkIdentity,
  createActivationCode,
  type CityCa,
  hashActivationCode,
  parseActivationCode,
  pemEncode,
  sha256,
  toArrayBuffer,
  toBase64,
  toHex,
  type x509,
} from '@ebok/forms-core/pki';
import type { CertificateCache } from '@ebok/forms-core/signing';
import { rolesOf, requireRole } from './auth.js';
import { type Config, formatRegistryNumber } from './config.js';
import { buildOpenApi } from './openapi.js';
import type { BlobStore, Clock, Logger, RegisterEntry, Storage, StoredDocument } from './platform.js';
import { negotiateLanguage, Problem, problemResponse } from './problems.js';
import type { ProcedureRegistry } from './procedures.js';
import { makeReceipt, type Receipt, type ServiceSigner } from './receipt.js';
import { readParts, readRequestBody } from './multipart.js';
import { checkSubmission, readMultipart } from './submission.js';

export interface AppDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly procedures: ProcedureRegistry;
  readonly ca: CityCa;
  readonly service: ServiceSigner;
  readonly certificateCache: CertificateCache;
  /** True while the server drains before it stops: new submissions get 503. */
  readonly draining?: () => boolean;
  /** Reads a request body up to a limit; adapters may read their runtime's request directly. */
  readonly readBody?: (c: Context, maxBytes: number) => Promise<Uint8Array>;
}

/** The headers Hono's secureHeaders sets by default (cross-origin resource policy relaxed: widgets load the API from other sites). */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['cross-origin-resource-policy', 'cross-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

export type AppEnv = { Variables: { requestId: string; roles: readonly string[]; registryNumber?: string } };

const json = (value: unknown): string => JSON.stringify(value);

async function readJson(c: Context, maxBytes = 64 * 1024): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    throw new Problem('unsupported-media-type', 'expected application/json');
  const text = await c.req.text();
  if (text.length > maxBytes) throw new Problem('request-too-large');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Problem('bad-request', 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Problem('bad-request', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

const str = (body: Record<string, unknown>, key: string, max = 200): string => {
  const v = body[key];
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    throw new Problem('bad-request', `"${key}" must be a non-empty string of at most ${max} characters`);
  return v.trim();
};

function receiptBody(entry: RegisterEntry, receipt: Receipt) {
  return {
    registryNumber: entry.registryNumber,
    receivedAt: entry.receivedAt,
    procedure: entry.procedure,
    department: entry.department,
    documentSha256: entry.documentSha256,
    receipt: { document: receipt.document, signature: toBase64(receipt.signature) },
  };
}

function entryBody(e: RegisterEntry) {
  return {
    registryNumber: e.registryNumber,
    year: e.year,
    sequence: e.sequence,
    receivedAt: e.receivedAt,
    channel: e.channel,
    procedure: e.procedure,
    department: e.department,
    subject: e.subject,
    sender: e.sender,
    senderReference: e.senderReference,
    documentDate: e.documentDate,
    documentSha256: e.documentSha256,
    attachmentCount: e.attachmentCount,
    notes: e.notes,
  };
}

/** The intake server's HTTP API v1, on Web APIs only; adapters supply the platform. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, storage, blobs, clock, logger, procedures, ca } = deps;
  const app = new Hono<AppEnv>();
  const trustAnchors = [ca.certificate];
  const receiptFor = (entry: RegisterEntry) => makeReceipt(entry, deps.service, config.office);
  const readBody = deps.readBody ?? readRequestBody;
  let crl: { der: Uint8Array; revoked: number; at: number } | undefined;

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.match(/^[A-Za-z0-9-]{8,64}$/)?.[0] ?? crypto.randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    // Headers set before the handler runs join its response as it is made; set afterwards, they
    // would force @hono/node-server to build a full Response object.
    c.header('x-request-id', requestId);
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    await next();
    const status = c.res.status;
    if (status >= 400 || c.req.method !== 'GET') {
      logger.info('request', {
        requestId,
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        status,
        ms: Math.round(performance.now() - started),
        ...(c.get('registryNumber') && { registryNumber: c.get('registryNumber') }),
      });
    }
  });
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (config.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'accept-language', 'x-request-id'],
      exposeHeaders: ['x-request-id', 'content-language'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', async (c, next) => {
    c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('cache-control', 'no-store');
    c.set('roles', await rolesOf(c.req.header('authorization'), config));
    await next();
  });

  app.onError((err, c) => {
    if (err instanceof Problem) return problemResponse(c, err);
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return problemResponse(c, new Problem('internal-error'));
  });
  app.notFound((c) => problemResponse(c, new Problem('not-found')));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/v1/openapi.json', async (c) => c.json(await buildOpenApi(procedures)));

  app.get('/v1/procedures', (c) => c.json(procedures.catalogue));
  app.get('/v1/procedures/:id', async (c) => {
    const entry = procedures.find(c.req.param('id'));
    if (!entry) throw new Problem('not-found');
    return c.json({ ...entry, schema: await procedures.schema(entry.id, entry.version) });
  });

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
    return c.json({ activationCode: code, expiresAt: record.expiresAt.toISOString() }, 201);
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
    return c.json(
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
    return c.json({ serialNumber: serial, revokedAt: now.toISOString(), reason });
  });

  app.post('/v1/submissions', async (c) => {
    if (deps.draining?.()) throw new Problem('unavailable');
    const lang = negotiateLanguage(c.req.header('accept-language'));
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{8,128}$/.test(idempotencyKey)) {
      throw new Problem('bad-request', 'Idempotency-Key must be 8 to 128 visible ASCII characters');
    }
    const parsed = await readMultipart(c.req.header('content-type'), await readBody(c, config.maxRequestBytes), config);
    const now = clock.now();
    const checked = await checkSubmission(
      parsed,
      { procedures, trustAnchors, cache: deps.certificateCache, storage, now },
      lang,
    );
    // A retry is answered from the register; a replay is refused before any file is written.
    const seen = await storage.lookup(checked.documentSha256, idempotencyKey, checked.document.nonce);
    if (seen.status === 'existing') return c.json(receiptBody(seen.stored.entry, seen.stored.receipt), 200);
    if (seen.status !== 'new') throw new Problem(seen.status);
    // Attachment files are durable before the register entry that names them commits.
    for (const a of checked.document.attachments) await blobs.put(a.sha256, parsed.files.get(a.name)!);
    const outcome = await storage.register(
      {
        channel: 'web',
        procedure: { id: checked.document.procedure, version: checked.document.schemaVersion },
        department: checked.department,
        subject: checked.title,
        sender: checked.signer,
        documentSha256: checked.documentSha256,
        ...(idempotencyKey && { idempotencyKey }),
        nonce: checked.document.nonce,
        document: { mediaType: 'application/json', bytes: parsed.documentBytes },
        signature: parsed.signature,
        attachments: checked.document.attachments,
      },
      receiptFor,
    );
    if (!('entry' in outcome)) throw new Problem(outcome.status);
    c.set('registryNumber', outcome.entry.registryNumber);
    return c.json(receiptBody(outcome.entry, outcome.receipt), outcome.status === 'created' ? 201 : 200);
  });

  app.get('/v1/receipts/:registryNumber', async (c) => {
    const stored = await storage.getDocument(c.req.param('registryNumber'));
    const roles = c.get('roles');
    const staff = roles.some(
      (r) => r === 'registrar' || r === 'admin' || r === `department:${stored?.entry.department}`,
    );
    // A resident proves the receipt is theirs with the SHA-256 of the document they signed.
    if (
      !stored ||
      (!staff && (!stored.entry.documentSha256 || c.req.query('documentSha256') !== stored.entry.documentSha256))
    ) {
      throw new Problem('not-found');
    }
    return c.json(receiptBody(stored.entry, stored.receipt));
  });

  app.post('/v1/chancelleries/:id/documents', async (c) => {
    requireRole(c.get('roles'), 'registrar');
    const chancellery = c.req.param('id');
    if (!/^[a-z0-9-]{1,32}$/.test(chancellery)) throw new Problem('not-found');
    const parts = readParts(
      c.req.header('content-type'),
      await readBody(c, config.maxRequestBytes),
      config.maxAttachmentBytes,
    );
    const metaParts = parts.filter((p) => p.name === 'metadata');
    if (metaParts.length !== 1) throw new Problem('multipart-shape', 'exactly one part named "metadata" is required');
    let meta: Record<string, unknown>;
    try {
      meta = JSON.parse(new TextDecoder().decode(metaParts[0]!.bytes)) as Record<string, unknown>;
    } catch {
      throw new Problem('bad-request', 'the metadata part is not JSON');
    }
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
      throw new Problem('bad-request', 'the metadata must be an object');
    }
    const department = str(meta, 'department', 10);
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(department))
      throw new Problem('bad-request', '"department" must be a department code');
    const documentDate = meta['documentDate'];
    if (documentDate !== undefined && (typeof documentDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(documentDate))) {
      throw new Problem('bad-request', '"documentDate" must be a date YYYY-MM-DD');
    }
    const senderReference = meta['senderReference'];
    if (senderReference !== undefined && (typeof senderReference !== 'string' || senderReference.length > 100)) {
      throw new Problem('bad-request', '"senderReference" must be a string');
    }
    const notes = meta['notes'];
    if (notes !== undefined && (typeof notes !== 'string' || notes.length > 2000))
      throw new Problem('bad-request', '"notes" must be a string');
    const metadata = {
      sender: str(meta, 'sender', 300),
      subject: str(meta, 'subject', 500),
      department,
      ...(documentDate !== undefined && { documentDate: documentDate as string }),
      ...(senderReference !== undefined && { senderReference: senderReference as string }),
    };
    const scans: Array<{ name: string; mediaType: string; bytes: Uint8Array }> = [];
    for (const part of parts) {
      if (part.name === 'metadata') continue;
      if (!part.isFile || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(part.name)) {
        throw new Problem('multipart-shape', `scan parts must be files with simple names, not "${part.name}"`);
      }
      if (scans.some((s) => s.name === part.name))
        throw new Problem('multipart-shape', `the part "${part.name}" appears twice`);
      scans.push({ name: part.name, mediaType: part.mediaType || 'application/octet-stream', bytes: part.bytes });
    }
    if (scans.length === 0) throw new Problem('multipart-shape', 'at least one scan file is required');
    const records = [];
    for (const s of scans) {
      const digest = toHex(await sha256(s.bytes));
      await blobs.put(digest, s.bytes);
      records.push({ name: s.name, mediaType: s.mediaType, size: s.bytes.length, sha256: digest });
    }
    const document = new TextEncoder().encode(json({ ...metadata, chancellery, scans: records }));
    const outcome = await storage.register(
      {
        channel: `chancellery:${chancellery}`,
        department,
        subject: metadata.subject,
        sender: { name: metadata.sender },
        ...(metadata.senderReference && { senderReference: metadata.senderReference }),
        ...(metadata.documentDate && { documentDate: metadata.documentDate }),
        ...(typeof notes === 'string' && { notes }),
        document: { mediaType: 'application/json', bytes: document },
        attachments: records,
      },
      receiptFor,
    );
    if (!('entry' in outcome)) throw new Problem('internal-error');
    return c.json({ registryNumber: outcome.entry.registryNumber, receivedAt: outcome.entry.receivedAt }, 201);
  });

  app.get('/v1/register', async (c) => {
    requireRole(c.get('roles'), 'registrar', 'admin');
    const now = clock.now();
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = c.req.query(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Problem('bad-request', `"${name}" must be a whole number from ${min} to ${max}`);
      return n;
    };
    const entries = await storage.listRegister({
      year: int(
        'year',
        Number(new Intl.DateTimeFormat('en', { timeZone: config.timeZone, year: 'numeric' }).format(now)),
        2000,
        2200,
      ),
      after: int('after', 0, 0, Number.MAX_SAFE_INTEGER),
      limit: int('limit', 1000, 1, 10000),
    });
    return c.json({ entries: entries.map(entryBody) });
  });

  const departmentRoute = (c: Context<AppEnv>): string => {
    const code = c.req.param('code') ?? '';
    requireRole(c.get('roles'), `department:${code}`);
    return code;
  };

  app.post('/v1/departments/:code/queue/lease', async (c) => {
    const code = departmentRoute(c);
    const body = await readJson(c);
    const max = body['max'] ?? 10;
    const visibility = body['visibilitySeconds'] ?? config.defaultVisibilitySeconds;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100)
      throw new Problem('bad-request', '"max" must be 1 to 100');
    if (typeof visibility !== 'number' || !Number.isInteger(visibility) || visibility < 1 || visibility > 43200) {
      throw new Problem('bad-request', '"visibilitySeconds" must be 1 to 43200');
    }
    const messages = await storage.lease(code, max, visibility, clock.now());
    return c.json({
      messages: messages.map((m) => ({
        ...m,
        documentUrl: `/v1/departments/${code}/documents/${encodeURIComponent(m.registryNumber)}`,
      })),
    });
  });

  for (const action of ['ack', 'nack'] as const) {
    app.post(`/v1/departments/:code/queue/:id/${action}`, async (c) => {
      const code = departmentRoute(c);
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || id < 1) throw new Problem('not-found');
      const body = await readJson(c);
      const leaseId = str(body, 'leaseId', 64);
      const delay = body['delaySeconds'] ?? 0;
      if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 43200)
        throw new Problem('bad-request', '"delaySeconds" must be 0 to 43200');
      const result =
        action === 'ack'
          ? await storage.ack(code, id, leaseId, clock.now())
          : await storage.nack(code, id, leaseId, clock.now(), delay, config.maxDeliveries);
      if (result === 'not-found') throw new Problem('not-found');
      if (result === 'lease-lost') throw new Problem('lease-lost');
      return c.json({ id, status: action === 'ack' ? 'acknowledged' : 'released' });
    });
  }

  app.get('/v1/departments/:code/dead-letters', async (c) =>
    c.json({ messages: await storage.deadLetters(departmentRoute(c)) }),
  );

  const departmentDocument = async (c: Context<AppEnv>): Promise<StoredDocument> => {
    const code = departmentRoute(c);
    const stored = await storage.getDocument(c.req.param('registryNumber') ?? '');
    if (!stored || stored.entry.department !== code) throw new Problem('not-found');
    return stored;
  };
  app.get('/v1/departments/:code/documents/:registryNumber', async (c) => {
    const stored = await departmentDocument(c);
    return c.json({
      entry: entryBody(stored.entry),
      mediaType: stored.mediaType,
      document: new TextDecoder().decode(stored.document),
      signature: stored.signature ? toBase64(stored.signature) : null,
      attachments: stored.attachments.map((a) => ({
        ...a,
        url: `/v1/departments/${stored.entry.department}/documents/${encodeURIComponent(stored.entry.registryNumber)}/attachments/${a.name}`,
      })),
      receipt: { document: stored.receipt.document, signature: toBase64(stored.receipt.signature) },
    });
  });
  app.get('/v1/departments/:code/documents/:registryNumber/attachments/:name', async (c) => {
    const stored = await departmentDocument(c);
    const a = stored.attachments.find((x) => x.name === c.req.param('name'));
    if (!a) throw new Problem('not-found');
    const bytes = await blobs.get(a.sha256);
    if (!bytes) throw new Error(`attachment ${a.sha256} of ${stored.entry.registryNumber} is missing from storage`);
    return c.body(toArrayBuffer(bytes), 200, {
      'content-type': a.mediaType,
      'content-disposition': `attachment; filename="${a.name}"`,
    });
  });

  return app;
}

export { formatRegistryNumber };
