import { describe, expect, it } from 'vitest';
import { BodyCollector } from '../src/core/request-body.js';

const chunk = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);
const joined = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

describe('BodyCollector', () => {
  it('gives back one chunk as it is, and joins a few small ones', () => {
    const one = chunk(3000, 1);
    const single = new BodyCollector(1 << 20);
    single.add(one);
    expect(single.finish()).toBe(one);
    const parts = [chunk(1000, 2), chunk(2000, 3)];
    const few = new BodyCollector(1 << 20);
    for (const p of parts) few.add(p);
    expect(few.finish()).toEqual(joined(parts));
  });

  it('moves a large body into one buffer of its declared size as it comes, byte for byte', () => {
    for (const declared of [3 << 20, undefined]) {
      const parts = Array.from({ length: 48 }, (_, i) => chunk(65536, i));
      const body = new BodyCollector(10 << 20, declared);
      for (const p of parts) expect(body.add(p)).toBe(true);
      const whole = body.finish();
      expect(whole.length).toBe(48 * 65536);
      expect(Buffer.from(whole).equals(joined(parts))).toBe(true);
      // One buffer, as big as declared (or the limit): not a copy made at the end.
      expect(whole.buffer.byteLength).toBe(declared ?? 10 << 20);
    }
  });

  it('refuses the chunk that passes the limit', () => {
    const body = new BodyCollector(100_000);
    expect(body.add(chunk(60_000, 1))).toBe(true);
    expect(body.add(chunk(60_000, 2))).toBe(false);
  });
});
