// The department proposed for a paper item from its subject: the procedure of the office's own
// catalogue whose title shares the telling words, Polish endings aside; none where it is unclear.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '@ebok/schemas/api';
import { procedureFor, words } from '../src/suggest.js';

const catalogue = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../schemas/dist/catalogue.json'), 'utf8'),
) as Catalogue;

describe('the department a subject suggests', () => {
  it('compares words without case, diacritics or punctuation', () => {
    expect(words('Wniosek o dodatek MIESZKANIOWY, Łódź')).toEqual(['wniosek', 'o', 'dodatek', 'mieszkaniowy', 'lodz']);
  });

  it.each([
    ['Wniosek o dodatek mieszkaniowy', 'WSL'],
    ['Prośba o wydanie prawa jazdy kat. B', 'WK'],
    ['Wypis i wyrys z planu zagospodarowania', 'WAP'],
    ['Ustalenie numeru porządkowego dla budynku', 'WGN'],
    ['Odpis aktu urodzenia (stan cywilny)', 'USC'],
  ])('"%s" → %s', (subject, department) => {
    expect(procedureFor(subject, catalogue)?.department).toBe(department);
  });

  it('suggests nothing from one shared word, or from words every title has', () => {
    expect(procedureFor('Skarga na hałas', catalogue)).toBeUndefined();
    expect(procedureFor('Wniosek o wydanie', catalogue)).toBeUndefined();
    expect(procedureFor('Wniosek o wydanie dokumentu', catalogue)).toBeUndefined();
  });
});
