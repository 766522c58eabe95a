// The first two commands of docs/adding-a-procedure.md, run as written in a fresh clone after
// `npm ci` alone, with no registry reachable: the author's `ebok-forms` must be the project's own
// CLI, linked by the install, never a package of that name fetched from the registry.
//
// It clones what is committed (HEAD of this repository), so commit a change before testing it
// here. The install is `npm ci --offline` from the npm cache that the project's own `npm ci` left
// on this machine, with `--ignore-scripts`: linking the workspace's bins is part of the install
// itself, not of any package's install script, and the two commands need none of the native
// builds (better-sqlite3, workerd) those scripts run. The clone has no `dist/` folder, so the link
// exists only if its target is a committed file.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const GUIDE = 'docs/adding-a-procedure.md';

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A local port nothing listens on: a registry or proxy there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * This process's environment as a fresh shell would have it: without the npm_* variables and
 * node_modules/.bin folders that `npm test` or `npx vitest` put there (they name this checkout,
 * and its own `ebok-forms` link would stand in for the clone's), but with the npm cache it uses.
 */
function shellEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  if (process.env['npm_config_cache']) env['npm_config_cache'] = process.env['npm_config_cache'];
  env['PATH'] = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  return env;
}

/** The guide's shell blocks, in order. */
const shellBlocks = (markdown: string): string[] =>
  [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.trim());

describe('the ebok-forms CLI in a fresh clone', () => {
  let dir: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  let install: Result;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ebok-clone-'));
    clone = join(dir, 'ebok');
    const closed = `http://127.0.0.1:${await closedPort()}/`;
    const base = { ...shellEnvironment(), npm_config_proxy: closed, npm_config_https_proxy: closed };
    const cloned = await run('git', ['clone', '--quiet', REPO, clone], dir, base);
    expect(cloned.code, cloned.stderr).toBe(0);
    // The lockfile names no tarball addresses, so the install reads the packages' metadata from
    // the cache under the configured registry's address: that one stays, and --offline with every
    // proxy on a closed port means nothing is asked of it. The guide's commands get a registry
    // that refuses connections.
    install = await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], clone, base);
    env = { ...base, npm_config_registry: closed, npm_config_fetch_retries: '0' };
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs with `npm ci` alone, and links ebok-forms though nothing is built', () => {
    expect(
      install.code,
      `${install.stderr}\n(the npm cache needs every package of the lockfile: run npm ci once)`,
    ).toBe(0);
    expect(existsSync(join(clone, 'packages/forms-core/dist'))).toBe(false);
    expect(existsSync(join(clone, 'node_modules/.bin/ebok-forms'))).toBe(true);
  });

  it('runs the guide’s first two commands as written, with the project’s own CLI', async () => {
    const [scaffold, check] = shellBlocks(await readFile(join(clone, GUIDE), 'utf8'));
    expect(scaffold).toMatch(/ new wso-zaswiadczenie-zameldowanie /);
    expect(check).toMatch(/ check$/);

    const created = await run('bash', ['-euc', scaffold!], clone, env);
    expect(created.code, `${created.stderr}\n${created.stdout}`).toBe(0);
    expect(created.stderr).toMatch(/^ebok-forms: the CLI is not built yet; building/m);
    expect(created.stdout).toContain('ebok-forms: created wso-zaswiadczenie-zameldowanie:');
    expect(existsSync(join(clone, 'schemas/procedures/wso-zaswiadczenie-zameldowanie.schema.json'))).toBe(true);

    const checked = await run('bash', ['-euc', check!], clone, env);
    expect(checked.code, `${checked.stderr}\n${checked.stdout}`).toBe(1);
    // The findings themselves are compared by the server's test of the guide; here, check ran.
    expect(checked.stderr).toContain('procedures/wso-zaswiadczenie-zameldowanie.schema.json#/');
    expect(checked.stderr).toMatch(/^ebok-forms check: \d+ findings? in \d+ files?$/m);
    expect(checked.stderr).not.toMatch(/building/);
  }, 180_000);
});

describe('the docs and the CLI’s own texts', () => {
  it('never tell anyone to run ebok-forms with npx', () => {
    const under = (folder: string, ext: string): string[] =>
      readdirSync(join(REPO, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(ext) && !f.includes('node_modules'))
        .map((f) => join(folder, f));
    const files = [
      'README.md',
      ...under('docs', '.md'),
      ...under('examples', '.md'),
      'packages/forms-core/src/cli.ts',
      ...under('packages/forms-core/src/kit', '.ts'),
    ];
    expect(files).toContain(join('docs', 'adding-a-procedure.md'));
    for (const file of files) expect(readFileSync(join(REPO, file), 'utf8'), file).not.toMatch(/npx\s+ebok-forms/);
  });
});
