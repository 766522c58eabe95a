// docs/office.md, the guide for clerks and officers, checked against the console: every control,
// heading or message it names in bold is one the console shows (its Polish text in the Polish
// lines, its English text in the English lines, "> EN:"), every console address it gives opens a
// page, and every development account it names is one the development provider has. The guide
// cannot name a button that was renamed or a page that moved.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeOf } from '../src/routes.js';
import { sampleAccounts } from '../../server/src/adapters/node/dev-oidc.js';
import { DEPARTMENTS } from '../../server/test/node-target.js';

const root = resolve(import.meta.dirname, '../../..');
const guide = readFileSync(resolve(root, 'docs/office.md'), 'utf8');

/** The console's texts as [Polish, English] pairs: its own and the shared controls' it shows. */
function texts(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const file of ['packages/office/xliff/en.xlf', 'packages/widgets/xliff/en.xlf']) {
    const xliff = readFileSync(resolve(root, file), 'utf8');
    for (const m of xliff.matchAll(/<source>([\s\S]*?)<\/source>\s*<target>([\s\S]*?)<\/target>/g))
      pairs.push([m[1]!, m[2]!]);
  }
  return pairs;
}

/** A text as a pattern: its placeholders (a department's code, a number) match any words. */
function pattern(text: string): RegExp {
  const parts = text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .split(/<x id="\d+"[^>]*\/>/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

const lines = guide.split('\n');
const english = (line: string): boolean => line.startsWith('> EN:') || line.startsWith('> ');
const bold = (line: string): string[] => [...line.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!.trim());

describe('docs/office.md', () => {
  const pairs = texts();
  const polish = pairs.map(([pl]) => pattern(pl));
  const englishTexts = pairs.map(([, en]) => pattern(en));

  it('names, in Polish, only what the console shows in Polish', () => {
    const named = lines.filter((l) => !english(l) && !l.startsWith('#')).flatMap(bold);
    expect(named.length).toBeGreaterThan(30);
    const unknown = named.filter((t) => !polish.some((p) => p.test(t)));
    expect(unknown).toEqual([]);
  });

  it('names, in English, only what the console shows in English', () => {
    const named = lines.filter(english).flatMap(bold);
    expect(named.length).toBeGreaterThan(30);
    const unknown = named.filter((t) => !englishTexts.some((p) => p.test(t)));
    expect(unknown).toEqual([]);
  });

  it('gives every section in both languages', () => {
    const sections = guide.split(/\n## /).slice(1);
    expect(sections.length).toBeGreaterThan(5);
    for (const s of sections) expect(s.split('\n').some(english), s.slice(0, 60)).toBe(true);
  });

  it('gives only console addresses that open a page', () => {
    const paths = [...guide.matchAll(/`(\/office\/[^`\s]*)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(4);
    for (const path of paths) expect(routeOf(path).page, path).not.toBe('not-found');
  });

  it('names only development accounts the development provider has', () => {
    const accounts = new Set(sampleAccounts(DEPARTMENTS).map((a) => a.login));
    const named = [...guide.matchAll(/`((?:officer|head)-[a-z]+|desk|chancellery|admin)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    for (const login of named) expect(accounts, login).toContain(login);
  });
});
