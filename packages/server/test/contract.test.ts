import { contractSuite } from './contract/suite.js';
import { startNodeTarget } from './node-target.js';

contractSuite('Node, SQLite', (env) => startNodeTarget(env));
