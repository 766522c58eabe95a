// Browser tests (*.browser.test.ts) in Chromium: Debian's package, or CHROME_PATH.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_MAIN = 'packages/server/dist/adapters/node/main.js';

/** The valid example documents of every procedure, by procedure id, for the widgets' tests. */
function validExamples() {
  const dir = 'schemas/examples';
  return Object.fromEntries(
    readdirSync(dir).map((id) => [
      id,
      readdirSync(join(dir, id))
        .filter((f) => f.startsWith('valid-'))
        .sort()
        .map((f) => ({ name: f, ...JSON.parse(readFileSync(join(dir, id, f), 'utf8')) })),
    ]),
  );
}

/**
 * The real intake server for the widgets' end-to-end tests: `node main.js` on a fresh data
 * folder, CORS open to the test page's origin, with tokens the tests read from
 * `/__ebok/server.json` (served by the test runner, never by the intake server).
 */
function intakeServer() {
  let child;
  let dataDir;
  let info;
  return {
    name: 'ebok-intake-server',
    async serverStart({ config }) {
      if (!existsSync(SERVER_MAIN)) return;
      dataDir = mkdtempSync(join(tmpdir(), 'ebok-wtr-'));
      const tokens = { registrar: randomBytes(24).toString('base64url') };
      for (const d of ['USC', 'WAP', 'WGN', 'WK', 'WSL', 'WSO'])
        tokens[`department:${d}`] = randomBytes(24).toString('base64url');
      const hashes = Object.fromEntries(
        Object.entries(tokens).map(([role, t]) => [createHash('sha256').update(t).digest('hex'), [role]]),
      );
      child = spawn(process.execPath, [SERVER_MAIN], {
        env: {
          ...process.env,
          EBOK_DATA_DIR: dataDir,
          EBOK_PORT: '0',
          EBOK_TOKENS: JSON.stringify(hashes),
          EBOK_ALLOWED_ORIGINS: `http://${config.hostname}:${config.port},http://127.0.0.1:${config.port}`,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /"url":"([^"]+)"/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`the intake server exited (${code})`)));
      });
      info = JSON.stringify({ url, tokens });
    },
    serve(context) {
      if (context.path === '/__ebok/examples.json') return { body: JSON.stringify(validExamples()), type: 'json' };
      if (context.path === '/__ebok/server.json')
        return info ? { body: info, type: 'json' } : { body: 'null', type: 'json' };
      return undefined;
    },
    async serverStop() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default {
  files: ['packages/*/test/**/*.browser.test.ts', 'packages/*/src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'ebok-source', 'production'] },
  // a11ySnapshot: tests read accessible names from Chromium's own accessibility tree.
  plugins: [
    a11ySnapshotPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    intakeServer(),
  ],
  concurrency: 1,
  // Every procedure × step × language under axe is one long file on a 2-core machine.
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
