import { coSignersSuite } from './contract/cosign.js';
import { contractSuite } from './contract/suite.js';
import { statutorySuite } from './contract/statutory.js';
import { trustSuite } from './contract/trust.js';
import { startNodeTarget } from './node-target.js';

contractSuite('Node, SQLite', (env) => startNodeTarget(env));
trustSuite('Node, SQLite', (env) => startNodeTarget(env), { streamedBodies: true });
statutorySuite('Node, SQLite', (env) => startNodeTarget(env));
coSignersSuite('Node, SQLite', (env) => startNodeTarget(env));
