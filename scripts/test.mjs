#!/usr/bin/env node
// Runs every check and test runner of the project, then prints one closing line that adds
// them up: "N passed, N failed". Static checks (format, lint, import cycles, types, build) count as one test each.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgres } from './postgres.mjs';

const results = [];
const tmp = mkdtempSync(join(tmpdir(), 'ebok-test-'));

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(e);
      resolve(1);
    });
  });
}

/** Runs a command, echoing its output, and returns its exit code and output. */
function capture(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (e) => resolve({ code: 1, output: String(e) }));
  });
}

/** Chromium for the browser tests: CHROME_PATH, Debian's package, or installed now when we can. */
async function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = () => candidates.find((p) => existsSync(p));
  if (found()) return found();
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("\n▶ Chromium not found: installing Debian's package (apt-get install -y chromium)");
    await run('apt-get', ['update']);
    await run('apt-get', ['install', '-y', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (found()) return found();
  }
  console.error(
    '\n✖ The browser tests need Chromium. Install it with:\n' +
      '    sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  or point CHROME_PATH at a Chromium or Chrome binary, then run npm test again.',
  );
  return undefined;
}

async function browserTests(chromium) {
  if (!chromium) {
    results.push({ runner: 'browser', passed: 0, failed: 1 });
    return;
  }
  console.log(`\n▶ web-test-runner (Chromium: ${chromium})`);
  const { code, output } = await capture('npx', ['web-test-runner', '--static-logging'], { CHROME_PATH: chromium });
  const counts = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  const passed = counts ? Number(counts[1]) : 0;
  const failed = counts ? Number(counts[2]) : 0;
  results.push({ runner: 'browser', passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) });
}

/** Every Storybook story under axe (WCAG 2.1 AA), one test per story. */
async function storybookAxe(chromium) {
  if (!chromium) {
    results.push({ runner: 'storybook', passed: 0, failed: 1 });
    return;
  }
  console.log('\n▶ Storybook stories under axe');
  const { code, output } = await capture('node', ['scripts/storybook-axe.mjs'], { CHROME_PATH: chromium });
  const counts = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  const passed = counts ? Number(counts[1]) : 0;
  const failed = counts ? Number(counts[2]) : 0;
  results.push({ runner: 'storybook', passed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) });
}

async function check(name, cmd, args) {
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const code = await run(cmd, args);
  results.push({ runner: name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

async function vitest() {
  const report = join(tmp, 'vitest.json');
  console.log('\n▶ vitest (Node)');
  const code = await run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
    results.push({ runner: 'vitest', passed: json.numPassedTests, failed });
  } catch {
    results.push({ runner: 'vitest', passed: 0, failed: 1 });
  }
}

/**
 * The neutral tools the tests check ebok's documents and signatures against (Debian packages):
 * poppler-utils reads the PDFs residents sign, xmlsec1 makes and checks XAdES signatures, and
 * postgresql gives the tests a throwaway database server of their own (scripts/postgres.mjs).
 * Installed now when we can; otherwise the tests that need them say what to install.
 */
async function ensureDebianTools() {
  const tools = { pdftotext: 'poppler-utils', xmlsec1: 'xmlsec1' };
  const onPath = (cmd) => (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, cmd)));
  const missing = [
    ...new Set(
      Object.entries(tools)
        .filter(([cmd]) => !onPath(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
  // PostgreSQL's programs are not on PATH: found where Debian's package puts them.
  if (!findPostgres()) missing.push('postgresql');
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`\n▶ Installing Debian's ${missing.join(', ')} (apt-get install -y ${missing.join(' ')})`);
    await run('apt-get', ['install', '-y', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
    if (Object.keys(tools).every(onPath) && findPostgres()) return;
    await run('apt-get', ['update']);
    await run('apt-get', ['install', '-y', ...missing], { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    console.error(`\n✖ Some tests need ${missing.join(', ')}: sudo apt-get install -y ${missing.join(' ')}`);
  }
}

await ensureDebianTools();
// Found (or installed) first: the Node tests that load the example pages use it too.
const chromium = await findChromium();
if (chromium) process.env.CHROME_PATH = chromium;
await check('format', 'npx', ['prettier', '--check', '.']);
await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
await check('cycles', 'node', ['scripts/check-cycles.mjs']);
await check('build', 'npm', ['run', 'build']);
await check('typecheck', 'npm', ['run', 'typecheck']);
await vitest();
await browserTests(chromium);
await storybookAxe(chromium);
rmSync(tmp, { recursive: true, force: true });

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.runner.padEnd(12)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
