import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { staffTokens } from './node-target.js';

const MAIN = resolve(import.meta.dirname, '../dist/adapters/node/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'ebok-production-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s server as production would, and what it says when it refuses. */
function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, EBOK_DATA_DIR: dataDir, EBOK_PORT: '0', EBOK_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

it('refuses to start in production without staff tokens, printing none', () => {
  const { status, stderr } = start({ EBOK_TOKENS: '' });
  expect(status).toBe(1);
  expect(stderr).toMatch(/EBOK_ENV=production needs staff authentication: set EBOK_TOKENS/);
  expect(stderr).not.toMatch(/DEVELOPMENT TOKENS/);
});

it('refuses to start in production without the city CA, and never makes a development one', () => {
  const { status, stderr } = start({ EBOK_TOKENS: JSON.stringify(staffTokens().hashes) });
  expect(status).toBe(1);
  expect(stderr).toMatch(/EBOK_ENV=production needs the city CA in .*pki/);
  expect(existsSync(join(dataDir, 'pki', 'ca.pem'))).toBe(false);
});
