import { describe, expect, it } from 'vitest';
import { later } from './later-views.js';

describe('code that comes later', () => {
  it('is loaded once, however often it is asked for', async () => {
    let loads = 0;
    const code = later(async () => ({ n: ++loads }));
    expect(code.loading).toBe(false);
    const first = code.load();
    expect(code.loading).toBe(true);
    expect(code.value).toBe(undefined);
    const [a, b] = await Promise.all([first, code.load()]);
    expect(a).toBe(b);
    expect(code.value).toEqual({ n: 1 });
    expect(code.loading).toBe(false);
    await code.load();
    expect(loads).toBe(1);
  });

  it('is loaded again after a load that failed', async () => {
    let loads = 0;
    const code = later(async () => {
      if (++loads === 1) throw new Error('connection lost');
      return 'in';
    });
    await expect(code.load()).rejects.toThrow('connection lost');
    expect(code.loading).toBe(false);
    expect(code.value).toBe(undefined);
    await expect(code.load()).resolves.toBe('in');
    expect(code.value).toBe('in');
    expect(loads).toBe(2);
  });
});
