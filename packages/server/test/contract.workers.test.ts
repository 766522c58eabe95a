import { coSignersSuite } from './contract/cosign.js';
import { contractSuite } from './contract/suite.js';
import { statutorySuite } from './contract/statutory.js';
import { trustSuite } from './contract/trust.js';
import { startWorkersTarget } from './workers-target.js';

contractSuite('Cloudflare Workers, D1, R2 and Queues in workerd', (env) => startWorkersTarget(env));
trustSuite('Cloudflare Workers, D1, R2 and Queues in workerd', (env) => startWorkersTarget(env), {
  streamedBodies: false,
});
statutorySuite('Cloudflare Workers, D1, R2 and Queues in workerd', (env) => startWorkersTarget(env));
coSignersSuite('Cloudflare Workers, D1, R2 and Queues in workerd', (env) => startWorkersTarget(env));
