// The keys a register entry is found by, and a clerk's question as the same keys.
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/adapters/node/sqlite-database.js';
import { questionKeys, senderKeys, senderName, words } from '../src/core/search-keys.js';
import { keyPlans, MATCH_CAP } from '../src/core/sql-search.js';

const MIGRATIONS = resolve(import.meta.dirname, '../migrations');

describe('search keys', () => {
  it('folds Polish letters and case, keeps letters and digits, and each word once', () => {
    expect(words('Łukasz Żółć-Gęślą, ul. Źródlana 7')).toEqual(['lukasz', 'zolc', 'gesla', 'ul', 'zrodlana']);
    expect(words('ŁÓDŹ łódź')).toEqual(['lodz']);
    expect(words('  ')).toEqual([]);
    expect(words('a b c')).toEqual([]);
    expect(words(Array.from({ length: 30 }, (_, i) => `slowo${i}`).join(' '))).toHaveLength(12);
  });

  it('finds a person, a letter’s sender and a company by their names, and a letter by its reference', () => {
    expect(senderName({ givenNames: 'Anna Maria', surname: 'Wiśniewska', pesel: '44051401359' })).toBe(
      'Anna Maria Wiśniewska',
    );
    expect(senderKeys({ sender: { name: 'PGE Dystrybucja S.A.' }, senderReference: 'DT/12 /2026' })).toEqual([
      'name:pge',
      'name:dystrybucja',
      'ref:dt/12/2026',
    ]);
    expect(senderKeys({ sender: { subject: 'Jan Kowalski' } })).toEqual(['name:jan', 'name:kowalski']);
    expect(senderKeys({ sender: null, senderReference: '  ' })).toEqual([]);
  });

  it('asks for a signer by a PESEL, else for all the words of a name or the reference as typed', () => {
    expect(questionKeys('44051401359')).toEqual([['signer:PNOPL-44051401359']]);
    expect(questionKeys('Wiśniewska anna')).toEqual([['name:wisniewska', 'name:anna'], ['ref:wisniewskaanna']]);
    expect(questionKeys('DT/12/2026')).toEqual([['name:dt', 'name:12', 'name:2026'], ['ref:dt/12/2026']]);
  });
});

describe('migration 0011: the search keys of the entries registered before', () => {
  it('gives earlier entries the keys new ones get: their senders’ names, folded, and references', () => {
    const before = mkdtempSync(join(tmpdir(), 'ebok-migrations-'));
    for (const name of readdirSync(MIGRATIONS).filter((n) => n < '0011'))
      cpSync(join(MIGRATIONS, name), join(before, name));
    const db = new Database(':memory:');
    expect(migrate(db, before).at(-1)).toBe(10);
    const entry =
      db.prepare(`INSERT INTO register (year, seq, registry_number, received_at, channel, department, subject,
      sender, sender_reference, attachment_count) VALUES (2026, ?, ?, '2026-03-02T10:00:00.000Z', 'web', 'WK', 'Wniosek', ?, ?, 0)`);
    const entries = [
      { sender: { givenNames: 'Łukasz Józef', surname: 'Żółć-Gęślą', pesel: '44051401359' }, ref: null },
      { sender: { name: 'PGE Dystrybucja S.A., ul. Źródlana 7; Olsztyn' }, ref: 'DT/12 /2026' },
      { sender: { subject: 'ŚWIĘTOSŁAW (Ąę) "Ńó"' }, ref: '  ' },
    ];
    entries.forEach((e, i) => entry.run(i + 1, `RPW/${i + 1}/2026`, JSON.stringify(e.sender), e.ref));
    migrate(db, MIGRATIONS);
    entries.forEach((e, i) => {
      const keys = db
        .prepare("SELECT key FROM register_keys WHERE registry_number = ? AND key NOT LIKE 'signer:%' ORDER BY key")
        .all(`RPW/${i + 1}/2026`)
        .map((r) => (r as { key: string }).key);
      expect(keys).toEqual(senderKeys({ sender: e.sender, senderReference: e.ref }).sort());
    });
  });
});

describe('a question read by its keys', () => {
  it('starts each alternative from its rarest key, skips one a key of which nobody has, and refuses one too common', () => {
    const counts = new Map([
      ['name:jan', 4000],
      ['name:kowalski', 120],
      ['ref:jankowalski', 0],
      ['name:nowak', MATCH_CAP + 1],
    ]);
    expect(keyPlans([['name:jan', 'name:kowalski'], ['ref:jankowalski']], counts)).toEqual([
      { driver: 'name:kowalski', others: ['name:jan'] },
    ]);
    expect(keyPlans([['name:nowak']], counts)).toBe('too-many');
    expect(keyPlans([['name:nowak', 'name:kowalski']], counts)).toEqual([
      { driver: 'name:kowalski', others: ['name:nowak'] },
    ]);
    expect(keyPlans([['name:unknown']], counts)).toEqual([]);
  });
});
