// EU trusted lists an operator configures: the Node server verifies them at start
// (EBOK_TRUSTED_LISTS_FILES, EBOK_TRUSTED_LIST_OPERATORS_FILE) and trusts the qualified CAs they
// name, or does not start; `ebok-trusted-list` prints their issuers for Workers. Lists signed by
// xmlsec1 as in forms-core's tests (shared/trusted-list.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatutoryPki } from '../../forms-core/test/shared/statutory-pki.js';
import { STATUS, type TestTrustedLists } from '../../forms-core/test/shared/trusted-list.js';
import { trustedIssuersFromJson } from '../src/core/statutory.js';
import { statutorySuite } from './contract/statutory.js';
import { staffTokens, startNodeTarget } from './node-target.js';
import { testTrustedLists, withTrustedList } from './trusted-list-target.js';

const MAIN = resolve(import.meta.dirname, '../dist/adapters/node/main.js');
const CLI = resolve(import.meta.dirname, '../bin/ebok-trusted-list.js');
const dataDir = mkdtempSync(join(tmpdir(), 'ebok-trusted-lists-'));
let pki: StatutoryPki;
let lists: TestTrustedLists;

beforeAll(async () => {
  lists = await testTrustedLists();
  pki = lists.pki;
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The statutory signatures' contract, its qualified CA trusted through a signed trusted list.
statutorySuite('Node, the qualified CA from an EU trusted list', withTrustedList(startNodeTarget));

/** Runs `npm start`'s server with the lists, and what it says when it refuses to start. */
function start(files: string, operators = 'tlso.pem'): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [MAIN], {
    env: {
      ...process.env,
      EBOK_DATA_DIR: dataDir,
      EBOK_PORT: '0',
      EBOK_TOKENS: JSON.stringify(staffTokens().hashes),
      EBOK_TRUSTED_LISTS_FILES: files,
      EBOK_TRUSTED_LIST_OPERATORS_FILE: join(pki.dir, operators),
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('a trusted list the server cannot trust stops it from starting', () => {
  it('changed after signing', async () => {
    const signed = new TextDecoder().decode(await lists.signed({ services: [{ name: 'CA', certificate: 'qca' }] }));
    await writeFile(join(pki.dir, 'changed.xml'), signed.replace('>CA</tsl:Name>', '>CB</tsl:Name>'));
    const { status, stderr } = start(join(pki.dir, 'changed.xml'));
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /ebok: cannot start: EBOK_TRUSTED_LISTS_FILES: the trusted list .*changed\.xml is refused \(signature-invalid\): the trusted list was changed after it was signed/,
    );
  });

  it('expired, or signed by another than the configured scheme operator', async () => {
    await lists.signed(
      { services: [{ name: 'CA', certificate: 'qca' }], nextUpdate: new Date(Date.now() - 1000) },
      'old.xml',
    );
    await lists.signed({ services: [{ name: 'CA', certificate: 'qca' }] }, 'good.xml');
    const expired = start(`${join(pki.dir, 'good.xml')}, ${join(pki.dir, 'old.xml')}`);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toMatch(
      /old\.xml is refused \(list-expired\): the trusted list of PL \(number 42\) expired/,
    );
    const other = start(join(pki.dir, 'good.xml'), 'rogue-tlso.pem');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/\(unknown-issuer\): .*scheme-operator certificates/);
  });
});

describe('ebok-trusted-list', () => {
  it('prints the issuers of a verified list as EBOK_TRUSTED_ISSUERS JSON, which the server reads back', async () => {
    const withdrawn = new Date('2026-01-01T00:00:00Z');
    await lists.signed(
      {
        services: [
          {
            name: 'Test Qualified CA',
            certificate: 'qca',
            statuses: [
              { status: STATUS('withdrawn'), from: withdrawn },
              { status: STATUS('granted'), from: new Date('2016-07-01T00:00:00Z') },
            ],
          },
        ],
      },
      'cli.xml',
    );
    await writeFile(
      join(pki.dir, 'others.json'),
      JSON.stringify([{ kind: 'personal', name: 'ID', certificate: await pki.pem('proot') }]),
    );
    const run = spawnSync(process.execPath, [CLI, '--operators', 'tlso.pem', '--issuers', 'others.json', 'cli.xml'], {
      cwd: pki.dir,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/cli\.xml: PL, number 42, .*: 1 qualified CA certificates/);
    const issuers = trustedIssuersFromJson(run.stdout);
    expect(issuers.map((i) => [i.kind, i.name])).toEqual([
      ['personal', 'ID'],
      ['qualified', 'Test Qualified CA'],
    ]);
    expect(issuers[1]!.statusHistory!.map((p) => [p.status, p.from])).toEqual([
      [STATUS('withdrawn'), withdrawn.toISOString()],
      [STATUS('granted'), '2016-07-01T00:00:00.000Z'],
    ]);
    expect(issuers[1]!.trustedList).toMatchObject({ territory: 'PL', sequenceNumber: 42 });

    const refused = spawnSync(process.execPath, [CLI, '--operators', 'rogue-tlso.pem', 'cli.xml'], {
      cwd: pki.dir,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^ebok-trusted-list: the trusted list cli\.xml is refused \(unknown-issuer\)/);
  });
});
