#!/usr/bin/env node
// `ebok-audit verify`: checks the audit log's hash chain in a data folder offline, read-only, as
// GET /v1/audit/verification does on a running server: for an administrator or an auditor who has
// a copy of the database and not the server.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { verifyAudit } from '../../core/audit.js';
import { openPostgres } from './pg-database.js';
import { pgAudit } from './pg-office.js';
import { sqliteAudit } from './sqlite-audit.js';

const USAGE = `usage: ebok-audit verify [<data folder, its ebok.sqlite, or a postgres:// URL>]

Recomputes the audit log's hash chain from its first record, read-only, and prints the outcome as
JSON: {"ok": true, "records": N, "head": "<last hash>"}, or where the chain breaks
({"ok": false, "brokenAt": N, "reason": "gap" | "previous-hash" | "hash", …}), then ends with
status 1. Without a path it reads EBOK_DATABASE_URL (PostgreSQL) if set, else EBOK_DATA_DIR (default:
data). Compare "head" with one kept elsewhere to notice the newest records removed.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { help: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, path, ...rest] = positionals;
  if (command !== 'verify' || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const url = path ?? process.env['EBOK_DATABASE_URL'];
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // Read-only: the schema as it is, no migration, and a transaction that cannot write.
    const db = await openPostgres({ url, poolSize: 1, migrate: false });
    try {
      const outcome = await db.transaction(async (sql) => {
        await sql.run('SET TRANSACTION READ ONLY');
        return verifyAudit(pgAudit({ ...db, ...sql }));
      });
      process.stdout.write(`${JSON.stringify(outcome)}\n`);
      return outcome.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  }
  const given = resolve(path ?? process.env['EBOK_DATA_DIR'] ?? 'data');
  const file = existsSync(given) && statSync(given).isDirectory() ? join(given, 'ebok.sqlite') : given;
  if (!existsSync(file)) {
    process.stderr.write(`ebok-audit: no database at ${file}\n`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
    if (!hasLog) {
      process.stderr.write(`ebok-audit: ${file} has no audit log (a database from before it, or not ebok's)\n`);
      return 2;
    }
    const outcome = await verifyAudit(sqliteAudit({ db }));
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return outcome.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`ebok-audit: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
