#!/usr/bin/env node
// The `ebok-audit` command. npm links this file into node_modules/.bin when it installs
// the workspace, which it only does for a file that exists at install time: dist/ does not exist
// yet after a fresh clone, so the link points here and this runs the compiled command.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist', 'adapters', 'node', 'audit-cli.js');
if (!existsSync(cli)) {
  console.error('ebok-audit: the server is not built; run "npm run build" in the repository, then try again.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
