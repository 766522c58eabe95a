import type { AppEnv } from '../../core/http.js';

/** What the sender puts on a department's queue: a pointer to an outbox row, never the document. */
export interface DeliveryMessage {
  readonly outboxId: number;
  readonly department: string;
  readonly registryNumber: string;
}

/**
 * The Worker's bindings (wrangler.jsonc) and settings. Settings carry the same names as the
 * environment variables on Node; the keys and certificates come from secrets.
 */
export interface Bindings {
  readonly DB: D1Database;
  readonly BLOBS: R2Bucket;
  /** The delivery queue; a department may have its own, bound as DELIVERY_<CODE>. */
  readonly DELIVERY: Queue<DeliveryMessage>;
  readonly ASSETS?: Fetcher;

  readonly EBOK_TOKENS?: string;
  readonly EBOK_ALLOWED_ORIGINS?: string;
  readonly EBOK_MAX_REQUEST_BYTES?: string;
  readonly EBOK_MAX_ATTACHMENT_BYTES?: string;
  readonly EBOK_REGISTRY_FORMAT?: string;
  readonly EBOK_TIME_ZONE?: string;
  readonly EBOK_OFFICE?: string;
  readonly EBOK_MAX_DELIVERIES?: string;
  readonly EBOK_VISIBILITY_SECONDS?: string;
  /** Staff sign-in: the city's OpenID provider, the roles' claim, session lengths, the public origin. */
  readonly EBOK_OIDC_ISSUER?: string;
  readonly EBOK_OIDC_CLIENT_ID?: string;
  /** Secret. */
  readonly EBOK_OIDC_CLIENT_SECRET?: string;
  readonly EBOK_OIDC_ROLES_CLAIM?: string;
  readonly EBOK_OIDC_SCOPES?: string;
  readonly EBOK_SESSION_IDLE_MINUTES?: string;
  readonly EBOK_SESSION_HOURS?: string;
  readonly EBOK_PUBLIC_URL?: string;
  /** Shifts the clock (tests of a new year; unset in production). */
  readonly EBOK_CLOCK_OFFSET_MS?: string;
  /** JSON {"<CODE>": "https://…"}: departments whose deliveries are pushed to a webhook. */
  readonly EBOK_WEBHOOKS?: string;
  /** Secret: HMAC-SHA256 key of the webhook signatures. */
  readonly EBOK_WEBHOOK_SECRET?: string;
  /** First retry delay of a failed webhook delivery, doubled at each try (default 10). */
  readonly EBOK_DELIVERY_RETRY_SECONDS?: string;
  /** Age after which the cron relay sends an outbox row the sender did not (default 60). */
  readonly EBOK_RELAY_AFTER_SECONDS?: string;
  /** Where e-mail to residents is posted (see mail-relay.ts), when EBOK_MAIL_FROM is set. */
  readonly EBOK_MAIL_RELAY_URL?: string;
  /** Secret: the bearer token the mail relay expects. */
  readonly EBOK_MAIL_RELAY_TOKEN?: string;

  /** Secrets: the city CA and the intake service's signing identity, PEM. */
  readonly EBOK_CA_CERTIFICATE?: string;
  readonly EBOK_CA_KEY?: string;
  readonly EBOK_SERVICE_CERTIFICATE?: string;
  readonly EBOK_SERVICE_KEY?: string;
}

/** Typed once, as Hono does: the bindings and the request variables of the core. */
export type Env = { Bindings: Bindings; Variables: AppEnv['Variables'] };

/** The string settings among the bindings, for the core's loadConfig. */
export function settingsOf(bindings: Bindings): Record<string, string | undefined> {
  const settings: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(bindings)) if (typeof value === 'string') settings[name] = value;
  return settings;
}

/** The queue a department's deliveries go on: its own binding when there is one. */
export function deliveryQueue(bindings: Bindings, department: string): Queue<DeliveryMessage> {
  const own = (bindings as unknown as Record<string, unknown>)[`DELIVERY_${department}`];
  return own && typeof (own as Queue).send === 'function' ? (own as Queue<DeliveryMessage>) : bindings.DELIVERY;
}
