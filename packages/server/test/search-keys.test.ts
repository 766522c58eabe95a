// The keys a register entry is found by, and a clerk's question as the same keys.
import { describe, expect, it } from 'vitest';
import { questionKeys, senderKeys, senderName, words } from '../src/core/search-keys.js';

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
