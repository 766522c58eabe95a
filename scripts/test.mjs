#!/usr/bin/env node
// Runs every check and test runner of the project, then prints one closing line that adds
// them up: "N passed, N failed". Static checks (format, lint, types, build) count as one test each.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

await check('format', 'npx', ['prettier', '--check', '.']);
await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
await check('build', 'npm', ['run', 'build']);
await check('typecheck', 'npm', ['run', 'typecheck']);
await vitest();
rmSync(tmp, { recursive: true, force: true });

console.log('\nSummary:');
for (const r of results) console.log(`  ${r.runner.padEnd(12)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
