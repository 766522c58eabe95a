// The contract suites a third time: two Node instances on one PostgreSQL, each request to the next
// instance in turn (see postgres-target.ts). One PostgreSQL server for the file, a fresh database
// for each suite.
import { afterAll, describe, it } from 'vitest';
import { findPostgres, POSTGRES_MISSING } from '../../../scripts/postgres.mjs';
import { coSignersSuite } from './contract/cosign.js';
import { contractSuite } from './contract/suite.js';
import { statutorySuite } from './contract/statutory.js';
import { trustSuite } from './contract/trust.js';
import { type PostgresServer, startPostgresServer, startPostgresTarget } from './postgres-target.js';

const NAME = 'Node ×2, PostgreSQL';
let server: Promise<PostgresServer> | undefined;
const shared = () => (server ??= startPostgresServer());
const start = async (env?: Record<string, string>) => startPostgresTarget(env, await shared());
afterAll(async () => (await server)?.stop());

if (findPostgres()) {
  contractSuite(NAME, start);
  // The balancer here forwards each request as an HTTP client does: a body that is never sent is
  // its to handle, not the instances' (whose early 413 the Node run checks, with the same code).
  trustSuite(NAME, start, { streamedBodies: false });
  statutorySuite(NAME, start);
  coSignersSuite(NAME, start);
} else {
  describe(NAME, () => {
    it(POSTGRES_MISSING, () => {
      throw new Error(POSTGRES_MISSING);
    });
  });
}
