/**
 * @module @ebok/server: the intake app on Web APIs, the ports its storage backends implement, and
 * the decisions every backend takes from core.
 */
export { createApp, type AppDeps, type AppEnv } from './app.js';
export type * from './ports.js';
export type { BlobStore, Clock, Logger } from './platform.js';
export {
  classifySubmission,
  type Classification,
  numberFrom,
  registerNumbering,
  type RegisterNumbering,
  SEQUENCE_MARK,
} from './registration.js';
