import { describe, expect, it } from 'vitest';
// Only the Polish-only entry at first: this file's module graph is its own.
import { addMessages, messageFor, toIssues } from '../src/runtime/base.js';
import { EN_MESSAGES } from '../src/runtime/messages/en.js';
import { PL_MESSAGES } from '../src/runtime/messages/pl.js';

const PARAMS = {
  limit: 2,
  type: 'string',
  format: 'pesel',
  multipleOf: 5,
  i: 0,
  j: 1,
  additionalProperty: 'x',
  unevaluatedProperty: 'y',
  name: 'scan',
  allowed: ['application/pdf'],
};
const codes = (table: typeof PL_MESSAGES): string[] => [
  ...Object.keys(table.keywords),
  ...Object.keys(table.formats).map((f) => `format.${f}`),
  ...Object.keys(table.other),
];

describe('messages in a runtime that adds languages as they are needed', () => {
  it('reads Polish for a language not added yet, and that language once it is, in texts made before', () => {
    const [issue] = toIssues([{ instancePath: '/x', keyword: 'minLength', params: { limit: 2 } }]);
    const format = messageFor('format.pesel')!;
    expect(issue!.message.pl).toBe('Wpisz co najmniej 2 znaki.');
    expect(issue!.message.en).toBe('Wpisz co najmniej 2 znaki.');
    expect(format.uk).toBe(format.pl);

    addMessages('en', EN_MESSAGES);
    expect(issue!.message.en).toBe('Enter at least 2 characters.');
    expect(JSON.parse(JSON.stringify(issue!.message))).toEqual({
      pl: 'Wpisz co najmniej 2 znaki.',
      en: 'Enter at least 2 characters.',
      uk: 'Wpisz co najmniej 2 znaki.',
    });
    expect(format.en).toMatch(/^The PESEL number is not valid/);
    expect(format.uk).toBe(format.pl);
  });

  it('has no message for an unknown code, however it is spelled', () => {
    for (const code of ['nope', 'format.nope', 'toString', 'constructor', 'format.constructor'])
      expect(messageFor(code)).toBeUndefined();
  });
});

describe("the runtime's main entry", () => {
  it('has every message in every language, each its own', async () => {
    const {
      FORMAT_MESSAGES,
      KEYWORD_MESSAGES,
      OTHER_MESSAGES,
      messageFor: full,
    } = await import('../src/runtime/index.js');
    const all = codes(PL_MESSAGES);
    expect(all.length).toBe(
      Object.keys(KEYWORD_MESSAGES).length + Object.keys(FORMAT_MESSAGES).length + Object.keys(OTHER_MESSAGES).length,
    );
    for (const code of all) {
      const text = full(code, PARAMS)!;
      for (const lang of ['pl', 'en', 'uk'] as const) expect(text[lang], `${code} ${lang}`).toMatch(/\S/);
      // The same words in two languages would mean one of them is missing.
      expect(text.en, code).not.toBe(text.pl);
      expect(text.uk, code).not.toBe(text.pl);
      expect(text.uk, code).not.toBe(text.en);
    }
    expect(KEYWORD_MESSAGES['maxLength']!.uk({ limit: 5 })).toBe('Введіть не більше 5 символів.');
    expect(OTHER_MESSAGES['attachment.missing']!.en({})).toBe('Attach this document.');
    expect(FORMAT_MESSAGES['date']).toEqual({
      pl: 'Podaj prawidłową datę w postaci RRRR-MM-DD.',
      en: 'Enter a real date as YYYY-MM-DD.',
      uk: 'Введіть правильну дату у форматі РРРР-ММ-ДД.',
    });
  });
});

describe('a box that must be ticked', () => {
  it('keeps the code const and says what to do, in each language, unless the schema says it', () => {
    addMessages('en', EN_MESSAGES);
    const [consent] = toIssues([{ instancePath: '/agree', keyword: 'const', params: { allowedValue: true } }]);
    expect(consent).toMatchObject({ pointer: '/agree', code: 'const' });
    expect(consent!.message.pl).toBe('Zaznacz to pole, aby przejść dalej.');
    expect(consent!.message.en).toBe('Tick this box to continue.');
    const [other] = toIssues([{ instancePath: '/kind', keyword: 'const', params: { allowedValue: 'a' } }]);
    expect(other!.message.pl).toBe('Ta odpowiedź nie jest dozwolona w tym przypadku.');
    const own = { pl: 'Potwierdź zgodę.', en: 'Confirm.', uk: 'Підтвердіть.' };
    const [custom] = toIssues([{ instancePath: '/agree', keyword: 'const', params: { allowedValue: true } }], {
      '/agree const': [{ text: own }],
    });
    expect(custom!.message).toEqual(own);
  });
});
