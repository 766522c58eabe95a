import { describe, expect, it } from 'vitest';
import { classifySubmission, numberFrom, registerNumbering } from '../src/core/registration.js';

// The decisions every storage backend takes from core, given the rows it read.
const row = (documentSha256: string | null, registryNumber = 'RPW/1/2026') => ({
  registry_number: registryNumber,
  document_sha256: documentSha256,
});

describe('classifySubmission', () => {
  it('calls a submission new when neither its key nor its nonce has an entry', () => {
    expect(classifySubmission('aa', undefined, undefined)).toEqual({ status: 'new' });
  });

  it('answers a retry with the entry that holds it, by key or else by nonce', () => {
    const first = row('aa', 'RPW/7/2026');
    expect(classifySubmission('aa', first, undefined)).toEqual({ status: 'existing', row: first });
    expect(classifySubmission('aa', undefined, first)).toEqual({ status: 'existing', row: first });
  });

  it('refuses a key reused for another document, and a nonce used with another document', () => {
    expect(classifySubmission('bb', row('aa'), undefined)).toEqual({ status: 'idempotency-conflict' });
    expect(classifySubmission('bb', undefined, row('aa'))).toEqual({ status: 'replay' });
  });

  it('asks the key first: its entry decides whatever the nonce holds', () => {
    const byKey = row('aa', 'RPW/1/2026');
    expect(classifySubmission('aa', byKey, row('cc', 'RPW/2/2026'))).toEqual({ status: 'existing', row: byKey });
    expect(classifySubmission('bb', row('aa'), row('bb', 'RPW/2/2026'))).toEqual({ status: 'idempotency-conflict' });
  });

  it('never takes an entry without a document hash (a paper letter) for a signed document', () => {
    expect(classifySubmission('aa', undefined, row(null))).toEqual({ status: 'replay' });
  });
});

describe('registerNumbering', () => {
  const numbering = registerNumbering({ registryFormat: '{channel}-RPW/{seq}/{year}', timeZone: 'Europe/Warsaw' });

  it('gives an entry the year of the office, which is already the next one at midnight in Warsaw', () => {
    expect(numbering.yearOf(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(numbering.yearOf(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });

  it('numbers an entry the same whether the format is filled at once or through a template', () => {
    expect(numbering.number(2026, 42, 'chancellery:main')).toBe('main-RPW/42/2026');
    expect(numberFrom(numbering.template(2026, 'chancellery:main'), 42)).toBe('main-RPW/42/2026');
    expect(numberFrom(numbering.template(2026, 'web'), 7)).toBe(numbering.number(2026, 7, 'web'));
  });
});
