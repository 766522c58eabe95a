import * as compiled from '@ebok/schemas';
import { CertificateCache } from '@ebok/forms-core/signing';
import type { Hono } from 'hono';
import { createApp } from '../../core/app.js';
import { type Config, loadConfig } from '../../core/config.js';
import { mailRound } from '../../core/mail.js';
import type { AppEnv } from '../../core/http.js';
import type { Clock, Logger, Storage } from '../../core/platform.js';
import { procedureRegistry } from '../../core/procedures.js';
import { receiptMaker, recipientOf } from '../../core/receipt.js';
import { isOfficeFile, OFFICE_PAGE_HEADERS, officePage, staticFileHeaders } from '../../core/static-files.js';
import { createStorage } from './d1-storage.js';
import {
  deliverBatch,
  type DeliverySettings,
  deliverySettings,
  recordDeadLetters,
  relayOutbox,
  sendOutbox,
} from './delivery.js';
import { type Bindings, type DeliveryMessage, settingsOf } from './env.js';
import { jsonLogger } from './logger.js';
import { httpRelayTransport, readRelay } from './mail-relay.js';
import { D1Outbox } from './outbox.js';
import { loadPki } from './pki-secrets.js';
import { createBlobStore } from './r2-blobs.js';

/** What an isolate builds once, at its first event: settings, keys, storage, the app. */
export interface WorkersInstance {
  readonly app: Hono<AppEnv>;
  readonly config: Config;
  readonly storage: Storage;
  readonly outbox: D1Outbox;
  readonly delivery: DeliverySettings;
  readonly clock: Clock;
  readonly logger: Logger;
  /** One round of the mail outbox's sender; absent when e-mail to residents is not configured. */
  readonly sendMail?: () => Promise<void>;
}

/** A clock, shifted by EBOK_CLOCK_OFFSET_MS (for tests of a new year; 0 in production). */
function clockFrom(bindings: Bindings): Clock {
  const offset = Number(bindings.EBOK_CLOCK_OFFSET_MS ?? 0);
  if (!Number.isFinite(offset)) throw new Error('EBOK_CLOCK_OFFSET_MS must be a number');
  return { now: () => new Date(Date.now() + offset) };
}

/** Builds the intake service on the Worker's bindings: D1, R2, the delivery queues, secrets. */
export async function createWorkersInstance(bindings: Bindings, logger = jsonLogger()): Promise<WorkersInstance> {
  const clock = clockFrom(bindings);
  const config = loadConfig(settingsOf(bindings));
  if (config.tokens.size === 0) logger.warn('EBOK_TOKENS is not set: no staff token is accepted');
  const delivery = await deliverySettings(bindings);
  const { ca, service } = await loadPki(bindings);
  const outbox = new D1Outbox(bindings.DB);
  const procedures = procedureRegistry(compiled);
  const storage = createStorage({
    db: bindings.DB,
    clock,
    registryFormat: config.registryFormat,
    timeZone: config.timeZone,
    makeReceipt: receiptMaker(service, recipientOf(config), procedures),
    afterCommit: (row) =>
      sendOutbox(bindings, outbox, [row], clock.now()).catch((e: unknown) =>
        logger.warn('outbox row not sent; the cron relay will send it', {
          deliveryId: row.id,
          error: e instanceof Error ? e.message : String(e),
        }),
      ),
  });
  const mail = config.mail;
  const relay = mail && readRelay(bindings);
  const transport = relay && httpRelayTransport(relay.url, relay.token);
  const sendMail =
    mail && transport ? async () => void (await mailRound(storage.mail, transport, mail, clock, logger)) : undefined;
  const app = createApp({
    config,
    storage,
    blobs: createBlobStore(bindings.BLOBS),
    clock,
    logger,
    procedures,
    ca,
    service,
    certificateCache: new CertificateCache(),
    // Set by Cloudflare's edge for every request; a client cannot supply its own.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    webhookDepartments: new Set(delivery.webhooks.keys()),
    // Sent after the answer, kept alive by the request's waitUntil; the cron trigger sends the rest.
    ...(sendMail && { mailer: { wake: (keepAlive) => keepAlive?.(sendMail()) } }),
  });
  // The widget bundles (/widgets/), the office console (/office/) and the examples (/), after the
  // API, as on Node: /office/sign-in and /office/callback stay the API's.
  const assets = bindings.ASSETS;
  if (assets) {
    app.use('*', async (c, next) => {
      if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/v1/')) return next();
      if (c.req.path === '/office') return c.redirect('/office/', 301);
      if (c.req.path.startsWith('/office/') && !isOfficeFile(c.req.path)) {
        // Every page of the console is its index.html, with the office's name in it.
        const res = await assets.fetch(new URL('/office/', c.req.url));
        if (!res.ok) return next();
        return c.body(officePage(await res.text(), config.office), 200, OFFICE_PAGE_HEADERS);
      }
      const res = await assets.fetch(c.req.raw);
      if (res.status === 404) return next();
      const headers = new Headers(res.headers);
      for (const [name, value] of Object.entries(staticFileHeaders(c.req.path))) headers.set(name, value);
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    });
  }
  return { app, config, storage, outbox, delivery, clock, logger, ...(sendMail && { sendMail }) };
}

// One per isolate: the bindings do not change while it lives.
let instance: Promise<WorkersInstance> | undefined;
function instanceFor(bindings: Bindings): Promise<WorkersInstance> {
  return (instance ??= createWorkersInstance(bindings).catch((e: unknown) => {
    instance = undefined;
    throw e;
  }));
}

const unavailable = (e: unknown): Response => {
  jsonLogger().error('cannot start', { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  return new Response(
    JSON.stringify({
      type: 'urn:ebok:problem:internal-error',
      title: 'Server error. Please try again.',
      status: 500,
      detail: 'The service is not configured.',
    }),
    { status: 500, headers: { 'content-type': 'application/problem+json' } },
  );
};

/** The Worker: HTTP API and static files, the delivery consumer, the outbox relay on a cron trigger. */
export default {
  async fetch(request, bindings, ctx) {
    let started: WorkersInstance;
    try {
      started = await instanceFor(bindings);
    } catch (e) {
      return unavailable(e);
    }
    return started.app.fetch(request, bindings, ctx);
  },

  async queue(batch, bindings) {
    const { outbox, delivery, clock, logger } = await instanceFor(bindings);
    // Dead-letter queues are named after the queue they serve, with "-dead" at the end.
    if (batch.queue.endsWith('-dead')) await recordDeadLetters(batch, outbox, clock, logger);
    else await deliverBatch(batch, outbox, delivery, clock, logger);
  },

  async scheduled(_controller, bindings) {
    const { outbox, delivery, clock, logger, sendMail } = await instanceFor(bindings);
    await relayOutbox(bindings, outbox, delivery, clock, logger);
    await sendMail?.();
  },
} satisfies ExportedHandler<Bindings, DeliveryMessage>;
