import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, isCanonicalJson, parseCanonicalJson } from '../src/canonical/index.js';

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
  it('refuses lone surrogates, BigInts and cycles, and leaves out what JSON.stringify leaves out', () => {
    expect(() => canonicalJson({ a: 'x\ud800' })).toThrow(/surrogate/);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(/surrogate/);
    expect(canonicalJson({ a: '\ud83d\ude00' })).toBe('{"a":"😀"}');
    expect(() => canonicalJson({ a: 1n })).toThrow(/BigInt/);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle['self'] = { back: cycle };
    expect(() => canonicalJson(cycle)).toThrow(/Circular/);
    const shared = { x: 1 };
    expect(canonicalJson({ b: shared, a: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    expect(canonicalJson({ u: undefined, f: () => 1, s: Symbol('s'), z: [undefined, () => 1] })).toBe(
      '{"z":[null,null]}',
    );
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalJson(-0)).toBe('0');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
  it('agrees with the reference implementation on random values', () => {
    // A small deterministic generator: the same values on every run.
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const alphabet = ['a', 'B', 'ż', 'Ł', 'ї', '\u20ac', '\r', '"', '\\', '\u0001', '1', '😀', '\u0080', '_', ' '];
    const str = () =>
      Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const num = () =>
      [
        () => Math.floor(next() * 1e6),
        () => next() * 1e-7,
        () => (next() - 0.5) * 1e21,
        () => 1 / (next() + 1e-3),
        () => -0,
      ][Math.floor(next() * 5)]!();
    const gen = (depth: number): unknown => {
      const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
      if (kind === 0) return str();
      if (kind === 1) return num();
      if (kind === 2) return next() < 0.5;
      if (kind === 3) return null;
      if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [str(), gen(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) {
      const value = gen(0);
      const text = canonicalJson(value);
      expect(text).toBe(canonicalize(value));
      expect(parseCanonicalJson(text)).toEqual({ value: JSON.parse(text) });
      // The check compares as it goes: it must say what writing the value out again would say,
      // for the canonical text and for the same data written otherwise.
      const at = Math.floor(next() * (text.length + 1));
      const variants = [
        JSON.stringify(value) ?? 'null', // members in the order they were made
        `${text.slice(0, at)} ${text.slice(at)}`,
        text.replace(/\d(?=[,\]}]|$)/, (d) => `${d}.0`),
        text.replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
        text.replace(/"([^"]*)":/, '"$1":0,"$1":'), // a name twice
      ];
      for (const variant of variants) {
        const canonical = (check: () => boolean) => {
          try {
            return check();
          } catch {
            return false;
          }
        };
        expect(
          canonical(() => parseCanonicalJson(variant) !== undefined),
          variant,
        ).toBe(canonical(() => canonicalJson(JSON.parse(variant)) === variant));
      }
    }
  });
  it('orders names that look like numbers as text, as the canonical form does', () => {
    expect(isCanonicalJson('{"1":0,"10":0,"9":0}')).toBe(true);
    expect(isCanonicalJson('{"1":0,"9":0,"10":0}')).toBe(false);
    expect(isCanonicalJson('{"a":{"2":0,"10":0}}')).toBe(false);
    expect(isCanonicalJson('{"a":{"10":0,"2":0}}')).toBe(true);
  });
});
