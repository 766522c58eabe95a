import { formats, formatWarnings } from '../src/formats/index.js';
import { canonicalJson } from '../src/canonical/index.js';

// The identifier checks and canonical JSON run unchanged in the browser.
const samples: Array<[string, string, boolean]> = [
  ['pesel', '44051401359', true],
  ['pesel', '04222904568', true],
  ['pesel', '01222904567', false],
  ['nip', 'PL 856-734-62-15', true],
  ['nip', '8567346216', false],
  ['regon', '12345678512347', true],
  ['regon', '12345678412341', false],
  ['id-card-number', 'ABA300000', true],
  ['id-card-number', 'ABA400000', false],
  ['kw-number', 'WA4M/00123456/4', true],
  ['kw-number', 'WA4M/00123456/5', false],
  ['postal-code-pl', '10-001', true],
  ['parcel-id', '160902_2.0002.AR_1.259/2', true],
  ['iban-pl', 'PL54102035250000000000000000', true],
  ['iban-pl', 'PL55102035250000000000000000', false],
  ['vin', 'WVWZZZ1JZXW000001', true],
];

describe('Polish identifier formats in the browser', () => {
  for (const [format, value, expected] of samples) {
    it(`${format} ${value} → ${expected}`, () => {
      if (formats[format]!(value) !== expected) throw new Error(`${format}(${value}) should be ${expected}`);
    });
  }
  it('warns about a failed VIN check digit', () => {
    if (formatWarnings['vin']!.check('WVWZZZ1JZXW000001') !== false) throw new Error('check digit should fail');
    if (formatWarnings['vin']!.check('1M8GDM9AXKP042788') !== true) throw new Error('check digit should pass');
  });
  it('canonical JSON', () => {
    const text = canonicalJson({ b: [1e30, 4.5], a: 'Żółć' });
    if (text !== '{"a":"Żółć","b":[1e+30,4.5]}') throw new Error(text);
  });
});
