import { toHex } from '@ebok/forms-core/pki';
import { ConfigError } from '../../core/config.js';
import type { Clock, Logger } from '../../core/platform.js';
import { type Bindings, type DeliveryMessage, deliveryQueue } from './env.js';
import type { D1Outbox, OutboxRow } from './outbox.js';

export interface DeliverySettings {
  /** Department code → webhook URL; departments not named here pull from their inbox. */
  readonly webhooks: ReadonlyMap<string, string>;
  readonly webhookKey: CryptoKey | undefined;
  readonly retrySeconds: number;
  readonly relayAfterSeconds: number;
}

const count = (raw: string | undefined, name: string, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, not "${raw}"`);
  return n;
};

export async function deliverySettings(bindings: Bindings): Promise<DeliverySettings> {
  const webhooks = new Map<string, string>();
  if (bindings.EBOK_WEBHOOKS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bindings.EBOK_WEBHOOKS);
    } catch {
      throw new ConfigError('EBOK_WEBHOOKS must be a JSON object {"<DEPARTMENT>": "https://…"}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ConfigError('EBOK_WEBHOOKS must be a JSON object');
    for (const [code, url] of Object.entries(parsed)) {
      if (!/^[A-Z][A-Z0-9]{0,9}$/.test(code) || typeof url !== 'string' || !/^https?:\/\//.test(url))
        throw new ConfigError(`EBOK_WEBHOOKS: "${code}" needs a department code and an http(s) URL`);
      webhooks.set(code, url);
    }
  }
  if (webhooks.size > 0 && !bindings.EBOK_WEBHOOK_SECRET)
    throw new ConfigError('EBOK_WEBHOOK_SECRET must be set when EBOK_WEBHOOKS names a webhook');
  const webhookKey = bindings.EBOK_WEBHOOK_SECRET
    ? await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(bindings.EBOK_WEBHOOK_SECRET),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
    : undefined;
  return {
    webhooks,
    webhookKey,
    retrySeconds: count(bindings.EBOK_DELIVERY_RETRY_SECONDS, 'EBOK_DELIVERY_RETRY_SECONDS', 10),
    relayAfterSeconds: count(bindings.EBOK_RELAY_AFTER_SECONDS, 'EBOK_RELAY_AFTER_SECONDS', 60),
  };
}

/** The sender: puts outbox rows on their departments' queues, then marks them sent. */
export async function sendOutbox(
  bindings: Bindings,
  outbox: D1Outbox,
  rows: readonly OutboxRow[],
  now: Date,
): Promise<void> {
  const byQueue = new Map<Queue<DeliveryMessage>, Array<MessageSendRequest<DeliveryMessage>>>();
  for (const r of rows) {
    const queue = deliveryQueue(bindings, r.department);
    let batch = byQueue.get(queue);
    if (!batch) byQueue.set(queue, (batch = []));
    batch.push({
      body: { outboxId: r.id, department: r.department, registryNumber: r.registry_number },
      contentType: 'json',
    });
  }
  for (const [queue, messages] of byQueue)
    for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100));
  // Marked after the send: a crash in between sends the row again, and a duplicate is harmless.
  await outbox.markSent(
    rows.map((r) => r.id),
    now,
  );
}

/** The cron relay: sends what the sender did not (the Worker stopped between commit and send). */
export async function relayOutbox(
  bindings: Bindings,
  outbox: D1Outbox,
  settings: DeliverySettings,
  clock: Clock,
  logger: Logger,
): Promise<number> {
  let relayed = 0;
  for (let page = 0; page < 10; page++) {
    const now = clock.now();
    const rows = await outbox.unsent(now.getTime() - settings.relayAfterSeconds * 1000, 100);
    if (rows.length === 0) break;
    await sendOutbox(bindings, outbox, rows, now);
    relayed += rows.length;
    logger.warn('relayed outbox rows the sender had not sent', { rows: rows.map((r) => r.id) });
    if (rows.length < 100) break;
  }
  return relayed;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe-style receivers check it. */
async function signature(key: CryptoKey, body: string, now: Date): Promise<string> {
  const t = Math.floor(now.getTime() / 1000);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${body}`));
  return `t=${t},v1=${toHex(new Uint8Array(mac))}`;
}

async function pushToWebhook(url: string, key: CryptoKey, row: OutboxRow, attempt: number, now: Date): Promise<void> {
  const body = JSON.stringify({
    type: 'ebok-delivery',
    deliveryId: row.id,
    attempt,
    department: row.department,
    registryNumber: row.registry_number,
    documentUrl: `/v1/departments/${row.department}/documents/${encodeURIComponent(row.registry_number)}`,
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'ebok-delivery-id': String(row.id),
      'ebok-signature': await signature(key, body, now),
    },
    body,
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

/**
 * The queue consumer: delivers each message to its department's webhook, or, for a department
 * that pulls, checks its inbox message is there. A failure is retried with a growing delay; the
 * queue moves a message that used up its retries to the dead-letter queue.
 */
export async function deliverBatch(
  batch: MessageBatch<DeliveryMessage>,
  outbox: D1Outbox,
  settings: DeliverySettings,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  for (const message of batch.messages) {
    const row = await outbox.get(message.body.outboxId);
    // Delivered or given up on already: a duplicate message changes nothing.
    if (!row || row.state !== 'pending') {
      message.ack();
      continue;
    }
    try {
      const url = settings.webhooks.get(row.department);
      if (url) await pushToWebhook(url, settings.webhookKey!, row, message.attempts, clock.now());
      else await outbox.ensureInboxMessage(row, clock.now());
      await outbox.delivered(row.id, message.attempts, clock.now());
      message.ack();
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await outbox.failed(row.id, message.attempts, error);
      logger.warn('delivery failed; retrying', { deliveryId: row.id, attempt: message.attempts, error });
      message.retry({ delaySeconds: Math.min(settings.retrySeconds * 2 ** (message.attempts - 1), 3600) });
    }
  }
}

/** The dead-letter consumer: records that a delivery was given up on; the inbox still holds the message. */
export async function recordDeadLetters(
  batch: MessageBatch<DeliveryMessage>,
  outbox: D1Outbox,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  for (const message of batch.messages) {
    await outbox.dead(message.body.outboxId, clock.now());
    logger.error('delivery dead-lettered', {
      deliveryId: message.body.outboxId,
      department: message.body.department,
      registryNumber: message.body.registryNumber,
    });
    message.ack();
  }
}
