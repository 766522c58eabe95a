import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, setGlobalDispatcher } from 'undici';
import { catalogue } from '@ebok/schemas';
import { createDevProvider, DEV_OIDC_PATH, type DevProvider } from '../src/adapters/node/dev-oidc.js';
import type { Target } from './contract/target.js';
import { staffTokens } from './node-target.js';

// `wrangler dev` puts a proxy (its own workerd) in front of the Worker's workerd, and that hop
// resets about one connection in a hundred when some 200 open at once: those requests never
// reach the Worker and come back as 503 "Your worker restarted mid-request". The Worker is not
// at fault, so this file's client opens at most 32 sockets per origin and queues the rest:
// requests still overlap 32 at a time in the Worker, which is what the races need.
setGlobalDispatcher(new Agent({ connections: 32 }));

// When wrangler answers for the Worker that it "restarted mid-request", what wrangler and workerd
// printed just before says why (a crash, a reload): it goes to the test's output with the answer.
const liveOutputs = new Map<string, () => string>();
const plainFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await plainFetch(...args);
  if (response.status === 503 && response.headers.get('content-type')?.startsWith('text/plain')) {
    const text = await response.clone().text();
    const input = args[0];
    const origin = new URL(typeof input === 'string' || input instanceof URL ? input : input.url).origin;
    const output = liveOutputs.get(origin);
    if (/restarted mid-request/.test(text) && output)
      console.error(`wrangler at ${origin}: "${text}"; what it printed last:\n${output().slice(-3000)}`);
  }
  return response;
};

const LAUNCHER = resolve(import.meta.dirname, '../../../scripts/dev-worker.mjs');

export interface WorkersTarget extends Target {
  readonly dataDir: string;
  /** Everything wrangler and the Worker wrote (logs, console output). */
  readonly output: () => string;
  /** Runs SQL on the local D1 database file (read-only unless `write`). */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): T[];
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The SQLite file miniflare keeps a D1 database or R2 bucket in (one per binding). */
function objectFile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  return name && join(dir, name);
}

/**
 * Starts the Worker the way a developer does (`npm run dev:worker`: wrangler dev on workerd,
 * with local D1, R2 and Queues) on a fresh data folder and a free port.
 */
export async function startWorkersTarget(extraEnv: Record<string, string> = {}): Promise<WorkersTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ebok-worker-'));
  // The city's OpenID provider, as the Worker sees one: the development provider on a port of
  // its own in this process, configured like any other (EBOK_OIDC_*).
  const oidc: { provider?: DevProvider } = {};
  const providerServer = createHttpServer((req, res) =>
    oidc.provider ? oidc.provider.handle(req, res) : res.writeHead(503).end(),
  );
  await new Promise<void>((ok) => providerServer.listen(0, '127.0.0.1', ok));
  const providerOrigin = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const state = join(dataDir, 'wrangler', 'v3');
  const { tokens, hashes } = staffTokens();
  let env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    EBOK_DATA_DIR: dataDir,
    EBOK_PORT: String(await freePort()),
    EBOK_TOKENS: JSON.stringify(hashes),
    EBOK_ALLOWED_ORIGINS: 'https://bip.olsztyn.example',
    EBOK_OFFICE: 'Urząd Miasta Olsztyn',
    EBOK_OIDC_ISSUER: `${providerOrigin}${DEV_OIDC_PATH}`,
    EBOK_OIDC_CLIENT_ID: 'ebok-office',
    EBOK_OIDC_CLIENT_SECRET: clientSecret,
    ...extraEnv,
  };

  let child!: ChildProcess;
  let baseUrl = '';
  let output = '';
  const launch = async (): Promise<void> => {
    child = spawn(process.execPath, [LAUNCHER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    let launchOutput = '';
    baseUrl = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`the Worker did not start: ${output}`)), 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        launchOutput += d.toString();
        const m = /\{"time":"[^"]+","level":"info","message":"listening","url":"([^"]+)"/.exec(launchOutput);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the Worker exited with ${code}: ${output}`));
      });
    });
  };
  const exited = (): Promise<void> =>
    new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok())));
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await exited();
    // For a failure's post-mortem: everything wrangler and the Worker printed.
    if (process.env['WORKERS_TARGET_LOG']) appendFileSync(process.env['WORKERS_TARGET_LOG'], output);
  };
  await launch();
  oidc.provider = await createDevProvider({
    providerOrigin,
    appOrigin: new URL(baseUrl).origin,
    departments: [...new Set(catalogue.map((p) => p.department))].sort(),
    clientSecret,
  });
  const origin = new URL(baseUrl).origin;
  liveOutputs.set(origin, () => output);

  const open = (dir: string, readonly = true) => {
    const file = objectFile(join(state, dir));
    return file ? new Database(file, { readonly, fileMustExist: true }) : undefined;
  };
  return {
    get baseUrl() {
      return baseUrl;
    },
    dataDir,
    registrarToken: tokens['registrar']!,
    adminToken: tokens['admin']!,
    departmentToken: (code) => tokens[`department:${code}`]!,
    output: () => output,
    sql<T>(query: string, params: unknown[] = []): T[] {
      const db = open('d1/miniflare-D1DatabaseObject', !/^\s*(insert|update|delete)/i.test(query))!;
      try {
        const stmt = db.prepare(query);
        return stmt.reader ? (stmt.all(...params) as T[]) : (stmt.run(...params), []);
      } finally {
        db.close();
      }
    },
    async snapshot() {
      const d1 = open('d1/miniflare-D1DatabaseObject')!;
      const r2 = open('r2/miniflare-R2BucketObject');
      try {
        const count = (table: string) => (d1.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        return {
          register: count('register'),
          documents: count('documents'),
          attachments: count('attachments'),
          queue: count('queue'),
          outbox: count('outbox'),
          files: r2 ? (r2.prepare('SELECT COUNT(*) AS n FROM _mf_objects').get() as { n: number }).n : 0,
        };
      } finally {
        d1.close();
        r2?.close();
      }
    },
    async restart(more = {}) {
      await stop();
      env = { ...env, ...more };
      await launch();
    },
    async stop() {
      liveOutputs.delete(origin);
      providerServer.closeAllConnections();
      providerServer.close();
      await stop();
    },
  };
}
