import { statutorySuite } from './contract/statutory.js';
import { withTrustedList } from './trusted-list-target.js';
import { startWorkersTarget } from './workers-target.js';

// On Workers the server reads no files: dev:worker verifies the list as `ebok-trusted-list` does
// and hands its issuers (with their services' status history) to the worker as EBOK_TRUSTED_ISSUERS.
statutorySuite(
  'Cloudflare Workers, the qualified CA from an EU trusted list',
  withTrustedList((env) => startWorkersTarget(env)),
);
