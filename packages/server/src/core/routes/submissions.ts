/** @module The residents' routes: the document to sign for an application, and a signed application registered once, answered with a signed receipt. */
import { applicationDocument } from '@ebok/forms-core/document';
import { Hono } from 'hono';
import { submissionResult } from '../platform.js';
import { Problem } from '../problems.js';
import { type AppEnv, holderOf, receiptBody, type RouteContext } from '../http.js';
import { json } from '../respond.js';
import { negotiateLanguage } from '../problems.js';
import { checkSubmission, localized, readMultipart } from '../submission.js';
import { revocationCheck } from '../revocation.js';
import { signerKeys } from '../resident.js';
import { senderKeys } from '../search-keys.js';
import { jsonBody } from '../validate.js';

/** Signed applications in, and their receipts out. */
export function submissionRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { config, storage, blobs, clock, procedures } = deps;
  const { readBody, receiptFor, trustAnchors } = ctx;
  // One checker for the process (or Worker isolate): its cache serves every filing.
  const revocation = revocationCheck(config.revocation);
  // The application as the PDF a resident signs with a qualified signature, podpis zaufany or
  // podpis osobisty: made from the envelope they will file, once it is a valid application.
  app.post('/v1/documents', jsonBody('SubmittedDocument', ctx.readJson), async (c) => {
    const lang = negotiateLanguage(c.req.header('accept-language'));
    const envelope = c.req.valid('json');
    const entry = procedures.find(envelope.procedure, envelope.schemaVersion);
    const validator = entry && (await procedures.validator(entry.id, entry.version));
    const model = entry && (await procedures.formModel(entry.id, entry.version));
    if (!entry || !validator || !model) {
      throw new Problem('unknown-procedure', `${envelope.procedure} ${envelope.schemaVersion}`);
    }
    const result = validator.validate(envelope.data, envelope.attachments);
    if (!result.valid) {
      throw new Problem('validation-failed', undefined, { errors: result.errors.map((e) => localized(e, lang)) });
    }
    const { pdf, sha256 } = await applicationDocument(model, envelope as Parameters<typeof applicationDocument>[1]);
    return c.body(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="wniosek-${entry.id}.pdf"`,
      'x-ebok-data-sha256': sha256,
    });
  });

  // Each filing counted by how it was answered (whatever answered it: the handler or the app's
  // error handler, which has made c.res by the time next() returns), timed from its request's start.
  const { metrics } = deps;
  if (metrics)
    app.post('/v1/submissions', async (c, next) => {
      await next();
      metrics.submission(submissionResult(c.res.status), (performance.now() - c.get('started')) / 1000);
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
      {
        procedures,
        trustAnchors,
        cache: deps.certificateCache,
        storage,
        now,
        limits: config.limits,
        trustedIssuers: config.trustedIssuers,
        revocation,
      },
      lang,
    );
    // Keys and nonces are the signer's own: another resident's same key or nonce is another one.
    const scopedKey = idempotencyKey && `${checked.signerId} ${idempotencyKey}`;
    const scopedNonce = `${checked.signerId} ${checked.document.nonce}`;
    if (checked.document.attachments.length > 0 || checked.signedFiles) {
      // A retry is answered from the register; a replay is refused before any file is written.
      // (Without files, registration itself answers both, in its transaction.)
      const seen = await storage.register.lookup(checked.documentSha256, scopedKey, scopedNonce);
      if (seen.status === 'existing') return json(c, receiptBody(seen.stored.entry, seen.stored.receipt), 200);
      if (seen.status !== 'new') throw new Problem(seen.status);
      // Attachment files are durable before the register entry that names them commits.
      for (const a of checked.document.attachments) await blobs.put(a.sha256, parsed.files.get(a.name)!);
      // Where several people signed, each one's file is kept beside the attachments.
      for (const f of checked.signedFiles ?? []) await blobs.put(f.sha256, f.bytes);
    }
    const outcome = await storage.register.enter(
      {
        channel: 'web',
        procedure: { id: checked.document.procedure, version: checked.document.schemaVersion },
        department: checked.department,
        subject: checked.title,
        sender: checked.signer,
        documentSha256: checked.documentSha256,
        ...(scopedKey && { idempotencyKey: scopedKey }),
        nonce: scopedNonce,
        document: { mediaType: 'application/json', bytes: parsed.documentBytes },
        // Where several signed, the first signer's file (in the data's order), as verification's fields are.
        signature: (parsed.signature ?? checked.signedFiles?.[0]?.bytes ?? parsed.signedFiles?.[0])!,
        signatureKind: checked.signatureKind,
        // The language the filing asked to be answered in (the widget sends its form's): the office's e-mail speaks it.
        language: lang,
        ...(checked.verification && { verification: checked.verification }),
        attachments: checked.document.attachments,
        keys: [...signerKeys(checked.signerIds), ...senderKeys({ sender: checked.signer })],
      },
      receiptFor,
    );
    if (!('entry' in outcome)) throw new Problem(outcome.status);
    c.set('registryNumber', outcome.entry.registryNumber);
    return json(c, receiptBody(outcome.entry, outcome.receipt), outcome.status === 'created' ? 201 : 200);
  });

  app.get('/v1/receipts/:registryNumber', async (c) => {
    const stored = await storage.register.getDocument(c.req.param('registryNumber'));
    const roles = c.get('roles');
    const holder = stored ? await holderOf(deps, stored.entry) : undefined;
    const staff = roles.some((r) => r === 'registrar' || r === 'admin' || r === `department:${holder}`);
    // A resident proves the receipt is theirs with the SHA-256 of the document they signed.
    if (
      !stored ||
      (!staff && (!stored.entry.documentSha256 || c.req.query('documentSha256') !== stored.entry.documentSha256))
    ) {
      throw new Problem('not-found');
    }
    return json(c, receiptBody(stored.entry, stored.receipt));
  });
  return app;
}
