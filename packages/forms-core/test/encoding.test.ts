import { describe, expect, it } from 'vitest';
import { base64ByTable, fromBase64, fromHex, toBase64, toHex } from '../src/pki/encoding.js';

describe('byte encodings', () => {
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);

  it('writes lower-case hex as Node does, and reads it back in either case', () => {
    expect(toHex(every)).toBe(Buffer.from(every).toString('hex'));
    expect(toHex(every.buffer)).toBe(Buffer.from(every).toString('hex'));
    expect(fromHex(toHex(every))).toEqual(every);
    expect(fromHex('DEADbeef')).toEqual(Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it.each(['abc', '0g', ' a', 'zz', 'a-', '0x00'])('refuses %j as hex', (text) => {
    expect(() => fromHex(text)).toThrow(TypeError);
  });

  it('writes base64 as Node does for every length and padding, with Buffer and without', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = every.subarray(256 - n);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ByTable(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(toBase64(bytes))).toEqual(new Uint8Array(bytes));
    }
  });
});
