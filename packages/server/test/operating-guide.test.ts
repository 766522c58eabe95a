// Every curl example of docs/operating.md, run as written (in order, in one shell) against a
// real server: the guide for operators cannot drift from the API.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTarget, type NodeTarget } from './node-target.js';

const GUIDE = resolve(import.meta.dirname, '../../../docs/operating.md');
const SECTION = '## The API with curl';

const markdown = readFileSync(GUIDE, 'utf8');
const blocks = [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  code: m[2]!,
  at: m.index,
}));
const apiStart = markdown.indexOf(SECTION);
// The block that only names the variables; the test sets them.
const isVariables = (code: string): boolean => code.includes('REGISTRAR=…');
const runnable = blocks.filter((b) => b.lang === 'sh' && b.at > apiStart && !isVariables(b.code));

describe('docs/operating.md', () => {
  let target: NodeTarget;
  let dir: string;
  beforeAll(async () => {
    target = await startNodeTarget();
    dir = mkdtempSync(join(tmpdir(), 'ebok-guide-'));
  });
  afterAll(async () => {
    await target?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has every curl example in the API section, as a shell block the test runs', () => {
    expect(apiStart).toBeGreaterThan(0);
    const withCurl = blocks.filter((b) => /\bcurl\b/.test(b.code));
    expect(withCurl.length).toBeGreaterThan(8);
    for (const b of withCurl) expect(runnable, b.code.slice(0, 80)).toContain(b);
  });

  it('runs every example against a real server and gets what the guide says', () => {
    for (const tool of ['bash', 'curl', 'jq', 'openssl']) {
      expect(spawnSync(tool, ['--version']).error, `${tool} is needed (apt-get install -y ${tool})`).toBeUndefined();
    }
    const script = ['set -euo pipefail', ...runnable.map((b) => b.code)].join('\n');
    const result = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        EBOK: target.baseUrl,
        REGISTRAR: target.registrarToken,
        WSO: target.departmentToken('WSO'),
        ADMIN: target.adminToken,
      },
      timeout: 60_000,
    });
    expect(result.status, `${result.stderr}\n${result.stdout}`).toBe(0);
    expect(result.stdout).toContain('wso-zameldowanie-stale');
    // A resident's filing, listed, then downloaded again as the very files filed.
    expect(result.stdout).toMatch(/RPW\/\d+\/\d{4}\tregistered\tWGN/);
    expect(result.stdout).toContain('the very files filed');
    expect(result.stdout).toContain('the scan arrived intact');
    expect(result.stdout).toMatch(/RPW\/\d+\/\d{4}\tchancellery:kancelaria-glowna\tWSO/);
    expect(result.stdout).toMatch(/"status": "acknowledged"/);
    // The clerk's actions are in the audit chain, which is whole.
    expect(result.stdout).toMatch(/\tcertificate\.revoke\t[0-9a-f]+/);
    expect(result.stdout).toMatch(/\tregister\.enter\tRPW\/\d+\/\d{4}/);
    expect(result.stdout).toContain('"ok": true');
    // The revoked certificate is in the CRL the guide downloads.
    expect(result.stdout).toMatch(/Serial Number:/i);
  });
});
