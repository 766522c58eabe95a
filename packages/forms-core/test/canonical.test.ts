import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, isCanonicalJson } from '../src/canonical/index.js';

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units and serialises numbers as ECMAScript does', () => {
    // From RFC 8785, section 3.2.2 and 3.2.3; the literal is the RFC's, imprecise on purpose.
    const input = {
      // eslint-disable-next-line no-loss-of-precision
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '1': 'One', '\u0080': 'Control' })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","€":"Euro Sign"}',
    );
  });
  it('keeps Polish and Ukrainian letters as UTF-8, not escapes', () => {
    const text = canonicalJson({ nazwisko: 'Żółć', прізвище: 'Шевченко' });
    expect(text).toBe('{"nazwisko":"Żółć","прізвище":"Шевченко"}');
    expect(new TextDecoder().decode(canonicalBytes({ nazwisko: 'Żółć', прізвище: 'Шевченко' }))).toBe(text);
  });
  it('tells canonical text from the same data written otherwise', () => {
    expect(isCanonicalJson('{"a":1,"b":[1,2]}')).toBe(true);
    expect(isCanonicalJson('{"b":[1,2],"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson('not json')).toBe(false);
  });
  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: Infinity })).toThrow();
  });
});
