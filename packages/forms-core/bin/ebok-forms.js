#!/usr/bin/env node
// The `ebok-forms` command. npm links this file into node_modules/.bin when it installs the
// workspace, which it only does for a file that exists at install time: dist/ does not exist yet
// after a fresh clone, so the link must point here, not at the compiled CLI. Builds the CLI on
// first use when it is missing, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(pkg, 'dist', 'cli.js');

if (!existsSync(cli)) {
  const failed = (why) => {
    console.error(`ebok-forms: ${why}; run "npm run build" in the repository, then try again.`);
    process.exit(1);
  };
  let tsc;
  try {
    tsc = createRequire(join(pkg, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    failed('the CLI is not built and TypeScript is not installed to build it');
  }
  console.error('ebok-forms: the CLI is not built yet; building @ebok/forms-core first (tsc -b), once…');
  const build = spawnSync(process.execPath, [tsc, '-b', pkg], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(cli)) failed('building the CLI failed');
}

await import(pathToFileURL(cli).href);
