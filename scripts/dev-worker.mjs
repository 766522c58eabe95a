#!/usr/bin/env node
// `npm run dev:worker`: the intake server on workerd (`wrangler dev`) at 127.0.0.1:EBOK_PORT
// (default 8788), offline, with its state in EBOK_DATA_DIR (default ./data): D1, R2 and queues
// in <data>/wrangler, the CA in <data>/pki as on Node. An empty folder means a fresh database, a
// fresh development CA, and tokens from EBOK_TOKENS (or new development tokens, printed once).
//
// `node scripts/dev-worker.mjs --assets-only` assembles the static files for `wrangler deploy`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const serverDir = join(root, 'packages/server');
const config = join(serverDir, 'wrangler.jsonc');
const wrangler = join(root, 'node_modules/.bin/wrangler');
// No telemetry, no cf.json download, no banner: wrangler dev then talks to 127.0.0.1 only.
const offline = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

/** The widget bundles under /widgets/ and examples/ at /, as the Node server serves them; either may be missing. */
function assembleAssets(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'widgets'), { recursive: true });
  const examples = join(root, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  const widgets = installed('@ebok/widgets');
  if (widgets && existsSync(widgets)) cpSync(widgets, join(dir, 'widgets'), { recursive: true });
  // The office console's bundle and page (its pages and the sign-in are the Worker's to answer).
  const office = installed('@ebok/office');
  if (office && existsSync(join(office, 'index.html')))
    cpSync(office, join(dir, 'office'), {
      recursive: true,
      filter: (path) => !/[\\/]types$|\.tsbuildinfo$/.test(path),
    });
}

/** The folder of an installed package's entry, its bundle (as the Node server finds them). */
function installed(name) {
  try {
    return dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
}

if (process.argv.includes('--assets-only')) {
  assembleAssets(join(serverDir, 'dist/worker-assets'));
  process.exit(0);
}

const fail = (message) => {
  console.error(`ebok: cannot start: ${message}`);
  process.exit(1);
};
const importDist = (path) => import(pathToFileURL(join(root, path)).href);

const port = Number(process.env.EBOK_PORT || 8788);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail(`EBOK_PORT must be a port number, not "${process.env.EBOK_PORT}"`);
const dataDir = resolve(process.env.EBOK_DATA_DIR || 'data');
const state = join(dataDir, 'wrangler');
mkdirSync(state, { recursive: true });

// Settings: the same EBOK_* names as on Node, checked the same way before workerd starts.
const settings = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith('EBOK_') && k !== 'EBOK_DATA_DIR' && k !== 'EBOK_PORT'),
);
// The trusted issuers' file, as on Node: on Workers its JSON is the EBOK_TRUSTED_ISSUERS secret.
if (settings.EBOK_TRUSTED_ISSUERS_FILE) {
  settings.EBOK_TRUSTED_ISSUERS = readFileSync(settings.EBOK_TRUSTED_ISSUERS_FILE, 'utf8');
  delete settings.EBOK_TRUSTED_ISSUERS_FILE;
}
// EU trusted lists, verified here as the Node server verifies them at start: the qualified issuers
// they name join the JSON (on Workers, what `ebok-trusted-list` prints goes into the secret).
if (settings.EBOK_TRUSTED_LISTS_FILES) {
  const { loadTrustedLists, trustedIssuersToJson } = await importDist('packages/server/dist/core/trusted-lists.js');
  const { trustedIssuersFromJson } = await importDist('packages/server/dist/core/statutory.js');
  const files = settings.EBOK_TRUSTED_LISTS_FILES.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!settings.EBOK_TRUSTED_LIST_OPERATORS_FILE)
    fail("EBOK_TRUSTED_LISTS_FILES needs EBOK_TRUSTED_LIST_OPERATORS_FILE (the scheme operators' certificates, PEM)");
  try {
    const lists = await loadTrustedLists(
      files.map((f) => ({ source: f, bytes: new Uint8Array(readFileSync(f)) })),
      readFileSync(settings.EBOK_TRUSTED_LIST_OPERATORS_FILE, 'utf8'),
      new Date(),
    );
    const others = settings.EBOK_TRUSTED_ISSUERS ? trustedIssuersFromJson(settings.EBOK_TRUSTED_ISSUERS) : [];
    settings.EBOK_TRUSTED_ISSUERS = trustedIssuersToJson([...others, ...lists.flatMap((l) => l.issuers)]);
  } catch (e) {
    fail(`EBOK_TRUSTED_LISTS_FILES: ${e.message}`);
  }
  delete settings.EBOK_TRUSTED_LISTS_FILES;
  delete settings.EBOK_TRUSTED_LIST_OPERATORS_FILE;
}
let devTokens;
if (!settings.EBOK_TOKENS) {
  // Development only: fresh tokens every start, printed once, never stored.
  const { catalogue } = await importDist('schemas/dist/index.js');
  devTokens = {};
  const hashes = {};
  for (const role of ['registrar', ...[...new Set(catalogue.map((p) => `department:${p.department}`))].sort()]) {
    const token = randomBytes(24).toString('base64url');
    devTokens[role] = token;
    hashes[createHash('sha256').update(token).digest('hex')] = [role];
  }
  settings.EBOK_TOKENS = JSON.stringify(hashes);
}
const { loadConfig } = await importDist('packages/server/dist/core/config.js');
let office;
try {
  office = loadConfig(settings).office;
} catch (e) {
  fail(e.message);
}

// The development CA: created on first start into <data>/pki, exactly as the Node adapter does.
const { loadOrCreatePki } = await importDist('packages/server/dist/adapters/node/pki-files.js');
const pki = await loadOrCreatePki(dataDir, office, new Date(Date.now() + Number(settings.EBOK_CLOCK_OFFSET_MS ?? 0)), {
  production: settings.EBOK_ENV === 'production',
});
if (pki.created) console.error(`ebok: created a development CA and service certificate in ${join(dataDir, 'pki')}`);
const pem = (name) => readFileSync(join(dataDir, 'pki', name), 'utf8');
Object.assign(settings, {
  EBOK_CA_CERTIFICATE: pem('ca.pem'),
  EBOK_CA_KEY: pem('ca-key.pem'),
  EBOK_SERVICE_CERTIFICATE: pem('service.pem'),
  EBOK_SERVICE_KEY: pem('service-key.pem'),
});
/** A dotenv value kept literally: single quotes (or backticks) take JSON and PEM line breaks as they are. */
function dotenvQuote(name, value) {
  const quote = ["'", '`'].find((q) => !value.includes(q));
  if (!quote) fail(`${name} contains both ' and \``);
  return `${quote}${value}${quote}`;
}
// What `wrangler secret put` and vars hold in production, for this run only (mode 0600).
const varsFile = join(state, 'dev.vars');
writeFileSync(
  varsFile,
  Object.entries(settings)
    .map(([k, v]) => `${k}=${dotenvQuote(k, v)}`)
    .join('\n') + '\n',
  { mode: 0o600 },
);

const migrate = spawnSync(
  wrangler,
  ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state, '-c', config],
  { env: { ...offline, CI: '1' }, encoding: 'utf8' },
);
if (migrate.status !== 0) fail(`D1 migrations: ${migrate.stdout}${migrate.stderr}`);

const assets = join(state, 'assets');
assembleAssets(assets);

// Its own process group, so that stopping it stops workerd too.
const child = spawn(
  wrangler,
  [
    'dev',
    '-c',
    config,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    '0',
    '--persist-to',
    state,
    '--env-file',
    varsFile,
    '--assets',
    assets,
    '--test-scheduled',
    '--show-interactive-dev-session=false',
  ],
  { env: offline, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
);
let stopping = false;
const stop = () => {
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
child.once('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stop);
process.once('exit', () => !stopping && stop());

const url = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 60_000;
for (;;) {
  let res;
  try {
    res = await fetch(`${url}/healthz`);
  } catch {
    // not listening yet
  }
  if (res?.ok) break;
  if (res) {
    stop();
    fail(`${url}/healthz answered ${res.status}: ${await res.text()}`);
  }
  if (Date.now() > deadline) {
    stop();
    fail(`no answer on ${url}/healthz within 60 s`);
  }
  await new Promise((r) => setTimeout(r, 100));
}

const lines = [
  '',
  `ebok intake server (Cloudflare Workers, local): ${url}`,
  `  API description: ${url}/v1/openapi.json`,
  `  procedures:      ${url}/v1/procedures`,
  `  cron relay:      ${url}/__scheduled?cron=*+*+*+*+*`,
];
if (devTokens) {
  lines.push('', '  DEVELOPMENT TOKENS (new at every start; set EBOK_TOKENS for real use):');
  for (const [role, token] of Object.entries(devTokens)) lines.push(`    ${role.padEnd(16)} ${token}`);
}
lines.push('', 'Press Ctrl-C to stop.', '');
process.stderr.write(lines.join('\n'));
process.stdout.write(
  `${JSON.stringify({ time: new Date().toISOString(), level: 'info', message: 'listening', url, port })}\n`,
);
