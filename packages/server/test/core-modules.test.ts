import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(import.meta.dirname, '../src/core');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

describe('the server core', () => {
  it('says at the top of each file what it is (a @module line), so a reader finds their way by the first lines', () => {
    const files = [...sources(CORE)];
    expect(files.length).toBeGreaterThan(20);
    const without = files.filter((f) => !/^\/\*\*\s*\n?\s*\*?\s*@module \S/.test(readFileSync(f, 'utf8')));
    expect(without.map((f) => relative(CORE, f))).toEqual([]);
  });
});
