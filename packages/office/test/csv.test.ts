// The console's CSV files are written as the server writes its own (the spis spraw).
import { describe, expect, it } from 'vitest';
import { csvCell as serverCsvCell } from '../../server/src/core/cases.js';
import { csvCell, csvText } from '../src/csv.js';

describe('CSV in the console', () => {
  it('quotes and defuses a cell as the server does', () => {
    for (const value of [
      'plain',
      'a;b',
      'say "hi"',
      'two\r\nlines',
      '=SUM(A1)',
      '+48',
      '-1',
      '@cmd',
      '\tx',
      '',
      12,
      null,
    ])
      expect(csvCell(value)).toBe(serverCsvCell(value));
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
    expect(csvCell(undefined)).toBe('');
  });

  it('writes a byte order mark, `;` between cells and CRLF after every row', () => {
    expect(
      csvText([
        ['Numer', 'Nadawca'],
        ['RPW/1/2026', 'Kowalski; Jan'],
      ]),
    ).toBe('\uFEFFNumer;Nadawca\r\nRPW/1/2026;"Kowalski; Jan"\r\n');
  });
});
