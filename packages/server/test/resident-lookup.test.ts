// Migration 0010 on a register that already has entries: every signer of a signed filing gets
// its key (the sender a city certificate or a statutory signature named, each co-signer by the
// pointer their verification keeps), and nothing else does (paper letters, signers named by no
// identifier).
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/adapters/node/sqlite-database.js';

const MIGRATIONS = resolve(import.meta.dirname, '../migrations');

describe('migration 0010: the register keys of the entries registered before', () => {
  it('gives each signer of a signed filing a key, co-signers included, and paper letters none', () => {
    const before = mkdtempSync(join(tmpdir(), 'ebok-migrations-'));
    for (const name of readdirSync(MIGRATIONS).filter((n) => n < '0010'))
      cpSync(join(MIGRATIONS, name), join(before, name));
    const db = new Database(':memory:');
    expect(migrate(db, before).at(-1)).toBe(9);

    const entry =
      db.prepare(`INSERT INTO register (year, seq, registry_number, received_at, channel, department, subject,
      sender, attachment_count, signature_kind, verification) VALUES (2026, ?, ?, '2026-03-02T10:00:00.000Z', ?, 'WK', 'Wniosek', ?, 0, ?, ?)`);
    const document = db.prepare(
      "INSERT INTO documents (registry_number, media_type, document, signature, receipt_document, receipt_signature) VALUES (?, 'application/json', ?, NULL, '{}', x'00')",
    );
    const add = (
      seq: number,
      channel: string,
      sender: unknown,
      kind: string | null,
      verification?: unknown,
      data = {},
    ) => {
      const number = `RPW/${seq}/2026`;
      entry.run(
        seq,
        number,
        channel,
        JSON.stringify(sender),
        kind,
        verification === undefined ? null : JSON.stringify(verification),
      );
      document.run(number, Buffer.from(JSON.stringify({ data })));
    };
    add(1, 'web', { givenNames: 'Anna', surname: 'Testowa', pesel: '44051401359' }, 'city');
    add(
      2,
      'web',
      {
        givenNames: 'John',
        surname: 'Doe',
        identityDocument: { kind: 'passport', country: 'DE', number: 'C01X00T47' },
      },
      'city',
    );
    add(
      3,
      'web',
      { givenNames: 'Anna', surname: 'Testowa', pesel: '80010101230' },
      'qualified',
      { kind: 'qualified', signers: [{ pointer: '/owners/0' }, { pointer: '/owners/1' }] },
      {
        owners: [
          { pesel: '80010101230' },
          { identityDocument: { kind: 'id-card', country: 'UA', number: 'ab 123456' } },
        ],
      },
    );
    add(4, 'chancellery:k1', { name: 'Jan Nowak', pesel: '44051401359' }, null);
    add(5, 'web', { subject: 'CN=Firma' }, 'qualified', { kind: 'qualified' });

    migrate(db, MIGRATIONS);
    // The signers' keys (names and references are migration 0011's: search-keys.test.ts).
    const signers = db.prepare(
      "SELECT key, registry_number FROM register_keys WHERE key LIKE 'signer:%' ORDER BY registry_number, key",
    );
    expect(signers.all()).toEqual([
      { key: 'signer:PNOPL-44051401359', registry_number: 'RPW/1/2026' },
      { key: 'signer:PASDE-C01X00T47', registry_number: 'RPW/2/2026' },
      { key: 'signer:IDCUA-AB123456', registry_number: 'RPW/3/2026' },
      { key: 'signer:PNOPL-80010101230', registry_number: 'RPW/3/2026' },
    ]);
    db.close();
  });
});
