// The keys a person enrolled at the desk is found by; migration 0014 giving them to the people
// enrolled before; the desk's questions read through indexes; and a name too common to list refused.
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type SqliteDatabase } from '../src/adapters/node/sqlite-database.js';
import { sqlitePki } from '../src/adapters/node/sqlite-pki.js';
import { personKeys } from '../src/core/search-keys.js';
import { expiringQuery, PEOPLE_MATCH_CAP, peopleQuery } from '../src/core/sql-people.js';

const MIGRATIONS = resolve(import.meta.dirname, '../migrations');

function migratedTo(last: string): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'ebok-migrations-'));
  for (const name of readdirSync(MIGRATIONS).filter((n) => n < last)) cpSync(join(MIGRATIONS, name), join(dir, name));
  const db = new Database(':memory:');
  migrate(db, dir);
  return db;
}

const enrol = (db: Database.Database, i: number, givenNames: string, surname: string, identifier: string) =>
  db
    .prepare(
      `INSERT INTO enrolments (code_hash, given_names, surname, identifier, created_at, expires_at)
       VALUES (?, ?, ?, ?, '2026-03-02T10:00:00.000Z', '2026-03-05T10:00:00.000Z')`,
    )
    .run(`hash-${i}`, givenNames, surname, identifier);

describe('person keys', () => {
  it('are the folded words of the given names and surname', () => {
    expect(personKeys({ givenNames: 'Łucja Maria', surname: 'Żądło-Kędzierska' })).toEqual([
      'name:lucja',
      'name:maria',
      'name:zadlo',
      'name:kedzierska',
    ]);
  });
});

describe('migration 0014: the keys of the people enrolled before', () => {
  it('gives earlier enrolments the keys new ones get, and the desk’s questions read by index', () => {
    const db = migratedTo('0014');
    const people = [
      { givenNames: 'Łukasz Józef', surname: 'Żółć-Gęślą', identifier: 'PNOPL-44051401359' },
      { givenNames: 'ŚWIĘTOSŁAW', surname: 'Nowak (Ąę)', identifier: 'PASDE-C01X00T47' },
    ];
    people.forEach((p, i) => enrol(db, i, p.givenNames, p.surname, p.identifier));
    migrate(db, MIGRATIONS);
    for (const p of people) {
      const keys = db
        .prepare('SELECT key FROM person_keys WHERE identifier = ? ORDER BY key')
        .all(p.identifier)
        .map((r) => (r as { key: string }).key);
      expect(keys).toEqual(personKeys(p).sort());
    }
    const plan = (q: { sql: string; params: Array<string | number> }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n');
    expect(plan(peopleQuery({ keys: ['name:nowak', 'name:swietoslaw'], limit: 20 }))).toMatch(
      /SEARCH k USING PRIMARY KEY/,
    );
    expect(plan(peopleQuery({ identifier: 'PNOPL-44051401359', limit: 20 }))).toMatch(/enrolments_identifier_created/);
    const expiring = plan(expiringQuery({ from: '2026-01-01', until: '2026-02-01', limit: 50 }));
    expect(expiring).toMatch(/certificates_in_force_by_expiry/);
    expect(expiring).not.toMatch(/TEMP B-TREE/);
  });

  it('refuses a name too common to list, and finds it with another word', async () => {
    const db = migratedTo('9999');
    const pki = sqlitePki({ db } as unknown as SqliteDatabase);
    for (let i = 0; i <= PEOPLE_MATCH_CAP; i++) {
      const identifier = `PASDE-X${i}`;
      enrol(db, i, i === 7 ? 'Ziemowit' : 'Jan', 'Nowak', identifier);
      for (const key of personKeys({ givenNames: i === 7 ? 'Ziemowit' : 'Jan', surname: 'Nowak' }))
        db.prepare('INSERT INTO person_keys (key, identifier) VALUES (?, ?)').run(key, identifier);
    }
    expect(await pki.findPeople({ keys: ['name:nowak'], limit: 20 })).toBe('too-many');
    const found = await pki.findPeople({ keys: ['name:nowak', 'name:ziemowit'], limit: 20 });
    expect(found).not.toBe('too-many');
    expect((found as Array<{ identifier: string }>).map((p) => p.identifier)).toEqual(['PASDE-X7']);
  });
});
