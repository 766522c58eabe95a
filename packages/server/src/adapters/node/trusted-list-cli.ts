#!/usr/bin/env node
// `ebok-trusted-list`: reads and verifies EU trusted lists (ETSI TS 119 612) as the server does at
// start, and prints the issuers they trust as the JSON EBOK_TRUSTED_ISSUERS takes: for Workers,
// where the server cannot read files, the JSON goes into the EBOK_TRUSTED_ISSUERS secret.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { trustedIssuersFromJson } from '../../core/statutory.js';
import { loadTrustedLists, trustedIssuersToJson } from '../../core/trusted-lists.js';

const USAGE = `usage: ebok-trusted-list --operators <scheme-operators.pem> [--issuers <issuers.json>] <list.xml> [<list.xml> …]

Verifies each trusted list's signature against the scheme-operator certificates (PEM) and prints,
on standard output, the qualified issuers it names as EBOK_TRUSTED_ISSUERS JSON, after the
issuers of --issuers (the operator's other issuers, e.g. the e-ID card's CA) when given.
A list that is refused (unsigned, signed by another key, changed, expired) ends it with status 1.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { operators: { type: 'string' }, issuers: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.operators || positionals.length === 0) throw new Error(USAGE);
  const others = values.issuers ? trustedIssuersFromJson(await readFile(values.issuers, 'utf8')) : [];
  const lists = await loadTrustedLists(
    await Promise.all(positionals.map(async (f) => ({ source: f, bytes: new Uint8Array(await readFile(f)) }))),
    await readFile(values.operators, 'utf8'),
    new Date(),
  );
  for (const l of lists) {
    process.stderr.write(
      `${l.source}: ${l.territory}, number ${l.sequenceNumber}, issued ${l.issued}, next update ${l.nextUpdate}: ${l.issuers.length} qualified CA certificates\n`,
    );
  }
  process.stdout.write(`${trustedIssuersToJson([...others, ...lists.flatMap((l) => l.issuers)])}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`ebok-trusted-list: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
