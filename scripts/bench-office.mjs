// The office's lists at scale (numbers, not pass/fail): a register of 1,000,000 entries and
// 200,000 cases (generated straight into SQLite), then the first page of each list the office
// reads, over HTTP at one connection, 200 times each. Target: p95 < 50 ms on SQLite, with the
// database's size printed beside it; then the console's inbox and register view in Chromium
// (bench-office-browser.mjs).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConsoleLists } from './bench-office-browser.mjs';
import { fillOffice } from './fill-office.mjs';

const root = join(import.meta.dirname, '..');
const ENTRIES = 1_000_000;
const CASES = 200_000;
const DEPARTMENTS = ['USC', 'WAP', 'WGN', 'WK', 'WSL', 'WSO'];
const YEAR = new Date().getUTCFullYear();

const tokens = { admin: randomBytes(24).toString('base64url') };
for (const d of DEPARTMENTS) tokens[d] = randomBytes(24).toString('base64url');
const hash = (t) => createHash('sha256').update(t).digest('hex');
const env = (dataDir) => ({
  ...process.env,
  EBOK_DATA_DIR: dataDir,
  EBOK_PORT: '0',
  EBOK_TOKENS: JSON.stringify({
    [hash(tokens.admin)]: ['admin'],
    ...Object.fromEntries(DEPARTMENTS.map((d) => [hash(tokens[d]), [`department:${d}`]])),
  }),
});

/** Starts the Node server on a data folder; resolves with its address once it listens. */
function start(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'packages/server/dist/adapters/node/main.js')], {
      env: env(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.on('data', () => {});
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) {
        child.removeAllListeners('exit');
        resolve({ child, url: m[1] });
      }
    });
  });
}
const stop = (child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));

const dataDir = mkdtempSync(join(tmpdir(), 'ebok-office-bench-'));
try {
  // The server makes the database and its tables; then it is filled while the server is stopped.
  await stop((await start(dataDir)).child);
  const t0 = performance.now();
  const day = (n) => new Date(Date.UTC(YEAR, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  fillOffice(join(dataDir, 'ebok.sqlite'), { entries: ENTRIES, cases: CASES, departments: DEPARTMENTS, year: YEAR });
  const size = statSync(join(dataDir, 'ebok.sqlite')).size;
  console.log('\n## The office at scale (SQLite, one connection)');
  console.log(
    `${ENTRIES.toLocaleString('en')} register entries and ${CASES.toLocaleString('en')} cases generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(size / 2 ** 20).toFixed(0)} MiB`,
  );

  const { child, url } = await start(dataDir);
  try {
    const today = new Date().toISOString().slice(0, 10);
    const some = `WGN.6600.${Math.floor(CASES / DEPARTMENTS.length / 20 / 2)}.${YEAR}`;
    const lists = [
      ['register, first page', `/v1/register?year=${YEAR}&limit=100`, tokens.admin],
      ['register, a page near the end', `/v1/register?year=${YEAR}&after=${ENTRIES - 150}&limit=100`, tokens.admin],
      ["a department's cases, first page", '/v1/cases?department=WGN&limit=100', tokens.WGN],
      ['open cases', '/v1/cases?department=WGN&status=open&limit=100', tokens.WGN],
      ['cases overdue', '/v1/cases?department=WGN&due=overdue&limit=100', tokens.WGN],
      ['cases due soon', '/v1/cases?department=WGN&due=soon&limit=100', tokens.WGN],
      ['one case with its deadline', `/v1/cases/${some}`, tokens.WGN],
      ['spis spraw (a page of 200 cases, CSV)', `/v1/cases/export?department=WGN&jrwa=6600&year=${YEAR}`, tokens.WGN],
      ['audit log, first page', '/v1/audit?limit=100', tokens.admin],
      [
        'search: by register number',
        `/v1/register?q=${encodeURIComponent(`RPW/${ENTRIES / 2}/${YEAR}`)}`,
        tokens.admin,
      ],
      ["search: a department's items", '/v1/register?department=WGN&limit=50', tokens.WGN],
      ['search: items in open cases', '/v1/register?status=case-opened&limit=50', tokens.admin],
      ['search: paper of a day', `/v1/register?channel=chancellery:k1&from=${day(300)}&to=${day(300)}`, tokens.admin],
      ['search: nothing matches (one stretch)', '/v1/register?channel=chancellery:k9', tokens.admin],
      ['search: by PESEL', `/v1/register?q=${44051401359 + 500_000}`, tokens.admin],
      ['search: by name (two words)', '/v1/register?q=jan%20kowalski1234&limit=50', tokens.admin],
      ['search: by sender reference', `/v1/register?q=GN.6831.300000.${YEAR}`, tokens.admin],
    ];
    let worst = 0;
    for (const [name, path, token] of lists) {
      const times = [];
      for (let i = 0; i < 220; i++) {
        const t = performance.now();
        const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (i >= 20) times.push(performance.now() - t); // the first 20 warm up
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(times.length * 0.95)];
      worst = Math.max(worst, p95);
      console.log(
        `${name.padEnd(36)} median ${times[times.length >> 1].toFixed(1).padStart(6)} ms, p95 ${p95.toFixed(1).padStart(6)} ms`,
      );
    }
    console.log(`slowest p95: ${worst.toFixed(1)} ms (target < 50 ms), as of ${today}`);
    const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
    if (existsSync(chromium)) await benchConsoleLists(url, chromium);
    else console.log(`\nThe console's lists in Chromium: skipped, no Chromium at ${chromium} (set CHROME_PATH)`);
  } finally {
    await stop(child);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
