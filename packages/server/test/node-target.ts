import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Target } from './contract/target.js';

const MAIN = resolve(import.meta.dirname, '../dist/adapters/node/main.js');
export const DEPARTMENTS = ['USC', 'WAP', 'WGN', 'WK', 'WSL', 'WSO'];

export interface NodeTarget extends Target {
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
  /** SIGTERM, and the exit code the server ends with. */
  terminate(): Promise<number | null>;
  /** The JSON log lines the server wrote on standard output. */
  readonly logs: Array<Record<string, unknown>>;
  /** A token with the monitoring role (GET /metrics). */
  readonly monitoringToken: string;
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

/** A fresh token for the registrar, the administrator, monitoring and each department, and the `EBOK_TOKENS` map of their hashes. */
export function staffTokens(): { tokens: Record<string, string>; hashes: Record<string, string[]> } {
  const tokens: Record<string, string> = {
    registrar: randomBytes(24).toString('base64url'),
    admin: randomBytes(24).toString('base64url'),
    monitoring: randomBytes(24).toString('base64url'),
  };
  for (const d of DEPARTMENTS) tokens[`department:${d}`] = randomBytes(24).toString('base64url');
  const hashes = Object.fromEntries(
    Object.entries(tokens).map(([role, t]) => [createHash('sha256').update(t).digest('hex'), [role]]),
  );
  return { tokens, hashes };
}

/** Starts the real server (`node dist/adapters/node/main.js`) on a fresh data folder and a free port. */
export async function startNodeTarget(extraEnv: Record<string, string> = {}): Promise<NodeTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ebok-server-'));
  const { tokens, hashes } = staffTokens();
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    EBOK_DATA_DIR: dataDir,
    EBOK_PORT: '0',
    EBOK_TOKENS: JSON.stringify(hashes),
    EBOK_ALLOWED_ORIGINS: 'https://bip.olsztyn.example',
    EBOK_OFFICE: 'Urząd Miasta Olsztyn',
    ...extraEnv,
  };

  let child!: ChildProcess;
  let baseUrl = '';
  const logs: Array<Record<string, unknown>> = [];
  const launch = async (env: Record<string, string>): Promise<void> => {
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    baseUrl = await new Promise<string>((ok, fail) => {
      let buffer = '';
      const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr}`)), 15_000);
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString();
        for (const line of buffer.split('\n')) {
          if (line.includes('"listening"')) {
            clearTimeout(timer);
            ok((JSON.parse(line) as { url: string }).url);
          }
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`server exited with ${code}: ${stderr}`));
      });
    });
    let rest = '';
    child.stdout!.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          logs.push({ unparsed: line });
        }
      }
    });
  };
  const exited = (): Promise<void> =>
    new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok())));
  let env = baseEnv;
  await launch(env);

  return {
    get baseUrl() {
      return baseUrl;
    },
    get process() {
      return child;
    },
    dataDir,
    registrarToken: tokens['registrar']!,
    adminToken: tokens['admin']!,
    monitoringToken: tokens['monitoring']!,
    departmentToken: (code) => tokens[`department:${code}`]!,
    sql<T>(query: string, params: unknown[] = []): T[] {
      const readonly = !/^\s*(insert|update|delete)/i.test(query);
      const db = new Database(join(dataDir, 'ebok.sqlite'), { readonly, fileMustExist: true });
      try {
        const stmt = db.prepare(query);
        return stmt.reader ? (stmt.all(...params) as T[]) : (stmt.run(...params), []);
      } finally {
        db.close();
      }
    },
    async snapshot() {
      const db = new Database(join(dataDir, 'ebok.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        return {
          register: count('register'),
          documents: count('documents'),
          attachments: count('attachments'),
          queue: count('queue'),
          files: countFiles(join(dataDir, 'attachments')),
        };
      } finally {
        db.close();
      }
    },
    async restart(more = {}) {
      child.kill('SIGTERM');
      await exited();
      env = { ...env, ...more };
      await launch(env);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
    logs,
    async terminate() {
      child.kill('SIGTERM');
      await exited();
      return child.exitCode;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
  };
}
