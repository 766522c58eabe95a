/** The Cloudflare Workers adapter: the same Hono app on D1, R2, Queues and secrets. */
export { default, createWorkersInstance, type WorkersInstance } from './worker.js';
export { createStorage, type D1StorageOptions } from './d1-storage.js';
export { d1Register, type D1RegisterOptions } from './d1-register.js';
export { d1Queues } from './d1-queues.js';
export { d1Pki } from './d1-pki.js';
export { D1Outbox, type OutboxRow } from './outbox.js';
export { createBlobStore } from './r2-blobs.js';
export { loadPki, type WorkersPki } from './pki-secrets.js';
export { jsonLogger } from './logger.js';
export { deliverBatch, deliverySettings, recordDeadLetters, relayOutbox, sendOutbox } from './delivery.js';
export type { Bindings, DeliveryMessage, Env } from './env.js';
