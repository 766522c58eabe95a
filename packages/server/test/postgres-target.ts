// Two Node instances on one PostgreSQL, behind a load balancer of this process that sends each
// request to the next instance in turn: what an office with its own servers runs. Both use one
// data folder for the CA's files (each office machine has its own copy), one set of staff tokens,
// and one OpenID provider (the development provider on a port of this process), as the city's
// provider is one for all instances.
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogue } from '@ebok/schemas';
import { createDevProvider, DEV_OIDC_PATH, type DevProvider } from '../src/adapters/node/dev-oidc.js';
import { startPostgres, type ThrowawayPostgres } from '../../../scripts/postgres.mjs';
import type { Target } from './contract/target.js';
import { type NodeTarget, staffTokens, startNodeTarget } from './node-target.js';

export type PostgresServer = ThrowawayPostgres;

export const startPostgresServer = (settings: Record<string, string> = {}): Promise<PostgresServer> =>
  startPostgres(settings);

let databases = 0;

/** A value as an SQL literal, for psql (tests only). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Uint8Array) return `'\\x${Buffer.from(v).toString('hex')}'::bytea`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** A load balancer: each request to the next instance, as a round-robin balancer does. */
function roundRobin(upstreams: () => readonly string[]): Promise<{ server: Server; url: string }> {
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const list = upstreams();
    const target = new URL(req.url ?? '/', list[next++ % list.length]);
    const forwarded = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

export interface PostgresTarget extends Target {
  readonly instances: readonly NodeTarget[];
  readonly postgres: PostgresServer;
  /** The URL of this target's database. */
  readonly databaseUrl: string;
}

/**
 * Two instances on a fresh database of `postgres` (its own server when none is given, stopped
 * with the target), behind one address.
 */
export async function startPostgresTarget(
  extraEnv: Record<string, string> = {},
  shared?: PostgresServer,
): Promise<PostgresTarget> {
  const postgres = shared ?? (await startPostgresServer());
  const database = `ebok_${process.pid}_${++databases}`;
  postgres.psql(`CREATE DATABASE ${database}`);
  const databaseUrl = postgres.url.replace(/\/ebok$/, `/${database}`);
  const { tokens, hashes } = staffTokens();

  const instances: NodeTarget[] = [];
  const balancer = await roundRobin(() => instances.map((i) => i.baseUrl));
  const oidc: { provider?: DevProvider } = {};
  const providerServer = createServer((req, res) =>
    oidc.provider ? oidc.provider.handle(req, res) : res.writeHead(503).end(),
  );
  await new Promise<void>((ok) => providerServer.listen(0, '127.0.0.1', ok));
  const providerOrigin = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const clientSecret = randomBytes(24).toString('base64url');
  oidc.provider = await createDevProvider({
    providerOrigin,
    appOrigin: balancer.url,
    departments: [...new Set(catalogue.map((p) => p.department))].sort(),
    clientSecret,
  });
  const env = {
    EBOK_DATABASE_URL: databaseUrl,
    EBOK_TOKENS: JSON.stringify(hashes),
    EBOK_PUBLIC_URL: balancer.url,
    EBOK_OIDC_ISSUER: `${providerOrigin}${DEV_OIDC_PATH}`,
    EBOK_OIDC_CLIENT_ID: 'ebok-office',
    EBOK_OIDC_CLIENT_SECRET: clientSecret,
    ...extraEnv,
  };
  // The first creates the CA's files and the schema; the second finds both.
  instances.push(await startNodeTarget(env));
  instances.push(await startNodeTarget({ ...env, EBOK_DATA_DIR: instances[0]!.dataDir }));

  const sql = <T>(query: string, params: unknown[] = []): T[] => {
    let i = 0;
    const text = query.replace(/\?/g, () => literal(params[i++]));
    const write = /^\s*(insert|update|delete)/i.test(text);
    const out = postgres
      .psql(write ? text : `SELECT coalesce(json_agg(t), '[]') FROM (${text}) t`, database)
      .replace(/^(UPDATE|INSERT|DELETE)[^\n]*\n?/gm, '')
      .trim();
    return write ? [] : (JSON.parse(out) as T[]);
  };
  const count = (table: string) => sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)[0]!.n;
  return {
    instances,
    postgres,
    databaseUrl,
    baseUrl: balancer.url,
    dataDir: instances[0]!.dataDir,
    registrarToken: tokens['registrar']!,
    adminToken: tokens['admin']!,
    departmentToken: (code) => tokens[`department:${code}`]!,
    sql,
    async snapshot() {
      return {
        register: count('register'),
        documents: count('documents'),
        attachments: count('attachments'),
        queue: count('queue'),
        files: count('blobs'),
      };
    },
    async restart(more = {}) {
      for (const i of instances) await i.restart(more);
    },
    async stop() {
      // For a failure's post-mortem: what the instances logged as errors.
      if (process.env['POSTGRES_TARGET_ERRORS'])
        for (const line of instances.flatMap((i) => i.logs).filter((l) => l['level'] === 'error'))
          console.error(JSON.stringify(line));
      for (const i of instances) await i.stop();
      balancer.server.closeAllConnections();
      balancer.server.close();
      providerServer.closeAllConnections();
      providerServer.close();
      if (!shared) postgres.stop();
    },
  };
}
