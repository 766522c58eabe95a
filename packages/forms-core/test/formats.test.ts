import { describe, expect, it } from 'vitest';
import {
  decodePesel,
  formats,
  isIbanPl,
  isIdCardNumber,
  isKwNumber,
  isNip,
  isParcelId,
  isPesel,
  isPostalCodePl,
  isRegon,
  isVin,
  normalizeNip,
  vinCheckDigitOk,
} from '../src/formats/index.js';

describe('pesel', () => {
  it('accepts valid numbers, with the century carried by the month', () => {
    expect(decodePesel('44051401359')).toEqual({ birthDate: '1944-05-14', sex: 'male' });
    expect(decodePesel('05231501238')).toEqual({ birthDate: '2005-03-15', sex: 'male' });
    expect(decodePesel('04222904568')).toEqual({ birthDate: '2004-02-29', sex: 'female' });
    expect(decodePesel('99900100015')).toEqual({ birthDate: '1899-10-01', sex: 'male' });
    expect(decodePesel('00410100086')).toEqual({ birthDate: '2100-01-01', sex: 'female' });
    expect(isPesel('80010101230')).toBe(true);
  });
  it('rejects a wrong check digit, a wrong length and non-digits', () => {
    expect(isPesel('44051401358')).toBe(false);
    expect(isPesel('4405140135')).toBe(false);
    expect(isPesel('440514013590')).toBe(false);
    expect(isPesel('4405140135a')).toBe(false);
    expect(isPesel(' 44051401359')).toBe(false);
  });
  it('rejects a correct checksum over a date that does not exist', () => {
    // 2001-02-29: not a leap year; the checksum itself is right.
    expect(isPesel('01222904567')).toBe(false);
    // Month 13 in the 1900s.
    expect(isPesel('00130100000')).toBe(false);
  });
});

describe('nip', () => {
  it('accepts digits, a PL prefix, dashes and spaces', () => {
    expect(isNip('8567346215')).toBe(true);
    expect(isNip('PL8567346215')).toBe(true);
    expect(isNip('856-734-62-15')).toBe(true);
    expect(isNip('PL 856-73-46-215')).toBe(true);
    expect(normalizeNip('pl856-734-62-15')).toBe('8567346215');
  });
  it('rejects a wrong check digit, remainder 10 and wrong lengths', () => {
    expect(isNip('8567346216')).toBe(false);
    expect(isNip('1234567890')).toBe(false); // weighted sum mod 11 is 10: never valid
    expect(isNip('856734621')).toBe(false);
    expect(isNip('DE8567346215')).toBe(false);
  });
});

describe('regon', () => {
  it('accepts 9- and 14-digit numbers', () => {
    expect(isRegon('123456785')).toBe(true);
    expect(isRegon('730475436')).toBe(true);
    expect(isRegon('12345678512347')).toBe(true);
  });
  it('rejects a 14-digit REGON whose first nine digits fail, even with a right 14th digit', () => {
    // 123456784 fails the 9-digit check; 1 is the right check digit over the 13 digits.
    expect(isRegon('12345678412341')).toBe(false);
    expect(isRegon('12345678512348')).toBe(false);
    expect(isRegon('123456784')).toBe(false);
    expect(isRegon('1234567851')).toBe(false);
  });
});

describe('id card number', () => {
  it('checks the 4th character against the weighted sum', () => {
    expect(isIdCardNumber('ABA300000')).toBe(true);
    expect(isIdCardNumber('AYE512345')).toBe(true);
    expect(isIdCardNumber('ABA400000')).toBe(false);
    expect(isIdCardNumber('aba300000')).toBe(false);
    expect(isIdCardNumber('AB3000000')).toBe(false);
  });
});

describe('land register (KW) number', () => {
  it('accepts the samples and rejects a wrong check digit or shape', () => {
    expect(isKwNumber('WA4M/00123456/4')).toBe(true);
    expect(isKwNumber('GL1G/00052948/3')).toBe(true);
    expect(isKwNumber('OL1O/00012345/0')).toBe(true);
    expect(isKwNumber('WA4M/00123456/5')).toBe(false);
    expect(isKwNumber('WA4M/0012345/4')).toBe(false);
    expect(isKwNumber('WA4Q/00123456/4')).toBe(false); // no Q in the alphabet
  });
});

describe('other identifiers', () => {
  it('postal code', () => {
    expect(isPostalCodePl('10-001')).toBe(true);
    expect(isPostalCodePl('10001')).toBe(false);
    expect(isPostalCodePl('10-0011')).toBe(false);
  });
  it('parcel id, with and without a map sheet', () => {
    expect(isParcelId('221101_1.0001.138/28')).toBe(true);
    expect(isParcelId('160902_2.0002.AR_1.259/2')).toBe(true);
    expect(isParcelId('286201_1.0123.15')).toBe(true);
    expect(isParcelId('286201_6.0123.15')).toBe(false);
    expect(isParcelId('28620_1.0123.15')).toBe(false);
    expect(isParcelId('138/28')).toBe(false);
  });
  it('Polish IBAN, with or without PL and spaces', () => {
    expect(isIbanPl('PL54102035250000000000000000')).toBe(true);
    expect(isIbanPl('PL 72 1240 1000 0000 0000 0000 0001')).toBe(true);
    expect(isIbanPl('72124010000000000000000001')).toBe(true);
    expect(isIbanPl('PL55102035250000000000000000')).toBe(false);
    expect(isIbanPl('DE54102035250000000000000000')).toBe(false);
  });
  it('VIN: the shape is the rule, the check digit only a warning', () => {
    expect(isVin('1M8GDM9AXKP042788')).toBe(true);
    expect(vinCheckDigitOk('1M8GDM9AXKP042788')).toBe(true);
    expect(isVin('WVWZZZ1JZXW000001')).toBe(true);
    expect(vinCheckDigitOk('WVWZZZ1JZXW000001')).toBe(false);
    expect(isVin('1M8GDM9AXKP04278O')).toBe(false); // letter O
    expect(isVin('1M8GDM9AXKP04278')).toBe(false);
  });
  it('exports every format by the name schemas use, as plain string predicates', () => {
    expect(Object.keys(formats).sort()).toEqual(
      ['iban-pl', 'id-card-number', 'kw-number', 'nip', 'parcel-id', 'pesel', 'postal-code-pl', 'regon', 'vin'].sort(),
    );
    expect(formats['pesel']!('44051401359')).toBe(true);
    expect(formats['vin']!('WVWZZZ1JZXW000001')).toBe(true);
  });
});

describe('standard formats', () => {
  it('date: a day that exists', async () => {
    const { isDate } = await import('../src/formats/standard.js');
    expect(['2024-02-29', '2026-12-31', '1944-05-14'].map(isDate)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '2026-04-31', '20260101'].map(isDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('partial-date: a year, a month or a day, each one that exists', async () => {
    const { isPartialDate } = await import('../src/formats/standard.js');
    expect(['1944', '1944-05', '1944-05-14', '2024-02-29'].map(isPartialDate)).toEqual([true, true, true, true]);
    expect(['44', '1944-13', '1944-00', '1944-5', '2026-02-29', '1944-05-14T00:00', ''].map(isPartialDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it('date-time: RFC 3339 with a zone', async () => {
    const { isDateTime } = await import('../src/formats/standard.js');
    expect(['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.123+01:00', '2026-06-30t23:59:60z'].map(isDateTime)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ['2026-11-27T10:00:00', '2026-11-27T24:00:00Z', '2026-02-30T10:00:00Z', '2026-11-27 10:00Z'].map(isDateTime),
    ).toEqual([false, false, false, false]);
  });
  it('email: as <input type="email"> accepts', async () => {
    const { isEmail } = await import('../src/formats/standard.js');
    expect(['anna.kowalska@example.pl', 'a+b@urzad.olsztyn.pl', 'x@localhost'].map(isEmail)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ['anna@', '@example.pl', 'anna kowalska@example.pl', 'anna@-example.pl', `${'a'.repeat(250)}@b.pl`].map(isEmail),
    ).toEqual([false, false, false, false, false]);
  });
});
