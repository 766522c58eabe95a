/** @module What the app is made of: the settings and what each adapter (Node, Workers) provides. */
import type { Context } from 'hono';
import type { CityCa } from '@ebok/forms-core/pki';
import type { CertificateCache } from '@ebok/forms-core/signing';
import type { Config } from './config.js';
import type { BlobStore, Clock, Logger, Metrics, Storage } from './platform.js';
import type { ProcedureRegistry } from './procedures.js';
import type { ServiceSigner } from './receipt.js';

/** What the app is made of: the settings and what each adapter (Node, Workers) provides. */
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
  /** The client's network address, for counting failed attempts (the socket's on Node, CF-Connecting-IP on Workers). */
  readonly clientAddress?: (c: Context) => string | undefined;
  /** The departments whose items are pushed to a webhook (Workers' EBOK_WEBHOOKS); the others lease from their queue. */
  readonly webhookDepartments?: ReadonlySet<string>;
  /**
   * Sends the mail outbox now (SMTP on Node, the HTTP relay on Workers), the round kept alive by
   * `keepAlive` where the runtime ends a request's work with its answer (a Worker's waitUntil);
   * absent when e-mail is not configured.
   */
  readonly mailer?: { wake(keepAlive?: (work: Promise<unknown>) => void): void };
  /** What operators' monitoring counts (Node: Prometheus at GET /metrics); absent on Workers, where /metrics is not found. */
  readonly metrics?: Metrics;
  /** Reads a request body up to a limit; adapters may read their runtime's request directly. */
  readonly readBody?: (c: Context, maxBytes: number) => Promise<Uint8Array>;
}
