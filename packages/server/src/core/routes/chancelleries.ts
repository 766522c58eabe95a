/** @module The chancelleries' routes: paper and e-mail registered once, scanned, with a receipt. */
import type { ChancelleryRegistration } from '@ebok/schemas/api';
import { Hono } from 'hono';
import { negotiateLanguage, Problem } from '../problems.js';
import { audit, type AppEnv, type RouteContext } from '../http.js';
import { json } from '../respond.js';
import { sha256, toHex } from '@ebok/forms-core/pki';
import { requireRole } from '../auth.js';
import { senderKeys } from '../search-keys.js';
import { readPartsInTurns } from '../multipart.js';
import { parseJsonBody } from '../json-limits.js';
import { checkBody } from '../validate.js';

/** Scanned paper documents, registered by a chancellery. */
export function chancelleryRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { config, storage, blobs } = deps;
  const { readBody, receiptFor } = ctx;
  app.post('/v1/chancelleries/:id/documents', async (c) => {
    requireRole(c.get('roles'), 'chancellery');
    const chancellery = c.req.param('id');
    if (!/^[a-z0-9-]{1,32}$/.test(chancellery)) throw new Problem('not-found');
    const parts = await readPartsInTurns(
      c.req.header('content-type'),
      await readBody(c, config.maxRequestBytes),
      config.maxAttachmentBytes,
    );
    const metaParts = parts.filter((p) => p.name === 'metadata');
    if (metaParts.length !== 1) throw new Problem('multipart-shape', 'exactly one part named "metadata" is required');
    const metaBytes = metaParts[0]!.bytes;
    if (metaBytes.length > config.limits.jsonBodyBytes)
      throw new Problem('request-too-large', `the metadata part is larger than ${config.limits.jsonBodyBytes} bytes`);
    const lang = negotiateLanguage(c.req.header('accept-language'));
    const meta = checkBody('ChancelleryDocument', parseJsonBody(metaBytes, config.limits.jsonDepth), lang);
    const { department, documentDate, senderReference, notes } = meta;
    // Annex 1 part A: what the schema's defaults fill is recorded as such, so every entry says it.
    const details = {
      accessLevel: meta.accessLevel ?? 'not-public',
      deliveryMethod: meta.deliveryMethod ?? 'post',
      ...(meta.postedOn !== undefined && { postedOn: meta.postedOn }),
      ...(meta.documentType !== undefined && { documentType: meta.documentType.trim() }),
      ...(meta.senderAddress !== undefined && { senderAddress: meta.senderAddress }),
      ...(meta.paperAttachments !== undefined && { paperAttachments: meta.paperAttachments }),
    };
    const metadata = {
      sender: meta.sender.trim(),
      subject: meta.subject.trim(),
      department,
      ...(documentDate !== undefined && { documentDate }),
      ...(senderReference !== undefined && { senderReference }),
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
    const document = new TextEncoder().encode(JSON.stringify({ ...metadata, chancellery, scans: records }));
    const outcome = await storage.register.enter(
      {
        channel: `chancellery:${chancellery}`,
        department,
        subject: metadata.subject,
        sender: { name: metadata.sender },
        ...(metadata.senderReference && { senderReference: metadata.senderReference }),
        keys: senderKeys({ sender: metadata.sender, senderReference: metadata.senderReference ?? null }),
        ...(metadata.documentDate && { documentDate: metadata.documentDate }),
        ...(notes !== undefined && { notes }),
        details,
        notFullyScanned: meta.notFullyScanned ?? false,
        document: { mediaType: 'application/json', bytes: document },
        attachments: records,
      },
      receiptFor,
    );
    if (!('entry' in outcome)) throw new Problem('internal-error');
    if (outcome.status === 'created')
      await audit(c, deps, {
        action: 'register.enter',
        target: outcome.entry.registryNumber,
        after: { channel: outcome.entry.channel, department, subject: metadata.subject, scans: records.length },
      });
    return json(
      c,
      {
        registryNumber: outcome.entry.registryNumber,
        receivedAt: outcome.entry.receivedAt,
      } satisfies ChancelleryRegistration,
      201,
    );
  });
  return app;
}
