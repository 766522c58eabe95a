import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSchemas, type CompileResult } from '../src/emit/compile.js';
import { legalBasesMarkdown } from '../src/emit/legal-bases.js';
import { forBrowsers } from '../src/emit/texts.js';
import { checkSchemas } from '../src/kit/check.js';
import { runCheck, runNew } from '../src/kit/commands.js';
import { createProcedure } from '../src/kit/new.js';
import { REPO_ROOT, SCHEMAS_DIR } from './helpers.js';

type Json = Record<string, unknown>;
const REFERENCE = 'usc-odpis-aktu';
const FILE = `procedures/${REFERENCE}.schema.json`;
const AT = `${FILE}#/x-ebok-procedure/legalReview`;
/** The day after the reviews of 2026-12-06: every schema's review is fresh on it. */
const TODAY = new Date('2026-12-07T10:00:00Z');

/** A schemas folder with the shared blocks and one procedure, whose legal review `mutate` changes. */
async function fixture(mutate: (review: Json, meta: Json) => void = () => {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ebok-legal-'));
  await cp(join(SCHEMAS_DIR, 'common'), join(dir, 'common'), { recursive: true });
  const schema = JSON.parse(await readFile(join(SCHEMAS_DIR, FILE), 'utf8')) as Json;
  const meta = schema['x-ebok-procedure'] as Json;
  mutate(meta['legalReview'] as Json, meta);
  await mkdir(join(dir, 'procedures'));
  await writeFile(join(dir, FILE), JSON.stringify(schema));
  return dir;
}

async function findings(today: Date, mutate?: (review: Json, meta: Json) => void): Promise<string[]> {
  const { findings } = await checkSchemas(await fixture(mutate), { today });
  return findings.map((f) => `${f.file}#${f.pointer}: ${f.message}`);
}

describe('ebok-forms check: legal reviews', () => {
  it('passes the real schemas, all reviewed on 2026-12-06, on the day after', async () => {
    const result = await checkSchemas(SCHEMAS_DIR, { today: TODAY });
    expect(result.findings).toEqual([]);
  });

  it('reports a procedure without a legal review, and one never checked', async () => {
    expect(await findings(TODAY, (_r, meta) => delete meta['legalReview'])).toEqual([
      `${FILE}#/x-ebok-procedure: no "legalReview": record the acts and articles this procedure rests on, the channel they allow, and the date they were checked`,
    ]);
    expect(await findings(TODAY, (review) => delete review['checked'])).toEqual([
      `${AT}: the legal basis was never checked: check the acts in ISAP, then set "checked" to the date (YYYY-MM-DD)`,
    ]);
  });

  it('reports a review older than a year by the injected clock, and none up to a year', async () => {
    expect(await findings(new Date('2027-12-06T23:59:00Z'))).toEqual([]);
    expect(await findings(new Date('2027-12-07T00:00:00Z'))).toEqual([
      `${AT}/checked: the legal basis was last checked on 2026-12-06, more than a year ago: check the acts in ISAP again and update "checked"`,
    ]);
  });

  it('reports a date in the future or no real date', async () => {
    expect(await findings(new Date('2026-12-05T12:00:00Z'))).toEqual([
      `${AT}/checked: checked on 2026-12-06, which is in the future`,
    ]);
    expect(await findings(TODAY, (review) => (review['checked'] = '2026-02-30'))).toEqual([
      `${AT}/checked: "2026-02-30" is not a date`,
    ]);
  });

  it('refuses a malformed review at compile time', async () => {
    const dir = await fixture((review) => {
      (review['sources'] as Json[])[0]!['confidence'] = 'certain';
      review['checked'] = '6.12.2026';
    });
    const { findings } = await checkSchemas(dir, { today: TODAY });
    expect(findings.map((f) => f.pointer)).toEqual(
      expect.arrayContaining([
        '/x-ebok-procedure/legalReview/checked',
        '/x-ebok-procedure/legalReview/sources/0/confidence',
      ]),
    );
  });

  it('runCheck dates the reviews by the day it is given', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const dir = await fixture();
    expect(await runCheck(dir, out, TODAY)).toBe(0);
    expect(await runCheck(dir, out, new Date('2028-01-01T00:00:00Z'))).toBe(1);
    expect(lines.at(-1)).toBe('ebok-forms check: 1 finding in 1 file');
  });
});

describe('ebok-forms new: legal review', () => {
  it('tells the author to check the legal basis and the channel and to date the review', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(await runNew(['wso-nowy-wniosek'], { schemas: await fixture() }, out)).toBe(0);
    expect(lines.at(-1)).toBe(
      'Check the legal basis and the channel in ISAP, and set legalReview.checked to the day you did.',
    );
  });

  it('scaffolds a review whose acts, articles and channel are to-dos, and which was never checked', async () => {
    const dir = await fixture();
    const id = 'wso-zaswiadczenie-zameldowanie';
    await createProcedure(dir, { id });
    const schema = JSON.parse(await readFile(join(dir, `procedures/${id}.schema.json`), 'utf8')) as Json;
    const review = (schema['x-ebok-procedure'] as Json)['legalReview'] as Json;
    expect(review['checked']).toBeUndefined();
    const { findings } = await checkSchemas(dir, { today: TODAY });
    const mine = findings.filter((f) => f.file === `procedures/${id}.schema.json`).map((f) => f.pointer);
    expect(mine).toEqual(
      expect.arrayContaining([
        '/x-ebok-procedure/legalReview',
        '/x-ebok-procedure/legalReview/channel/pl',
        '/x-ebok-procedure/legalReview/channel/en',
        '/x-ebok-procedure/legalReview/sources/0/act',
        '/x-ebok-procedure/legalReview/sources/0/articles',
      ]),
    );
  });
});

describe('the legal review outside the schemas', () => {
  let result: CompileResult;
  beforeAll(async () => {
    result = await compileSchemas({ schemasDir: SCHEMAS_DIR });
  });

  it('is in the full model and the catalogue, never in what browsers download', () => {
    for (const p of result.procedures) {
      // Every review was checked on 2026-12-06 or re-checked since.
      expect(p.summary.legalReview?.checked ?? '', p.summary.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.summary.legalReview!.checked! >= '2026-12-06', p.summary.id).toBe(true);
      expect(forBrowsers(p.model).procedure).not.toHaveProperty('legalReview');
      const { id, version } = p.summary;
      const pl = result.files.get(`procedures/${id}/${version}/form-model.pl.js`)!;
      expect(pl).not.toContain('legalReview');
    }
    const catalogue = JSON.parse(result.files.get('catalogue.json')!) as Json[];
    expect(
      catalogue.every((e) => String((e['legalReview'] as Json | undefined)?.['checked'] ?? '') >= '2026-12-06'),
    ).toBe(true);
  });

  it('docs/legal-bases.md is what the schemas say (npm run compile writes it)', async () => {
    const doc = await readFile(join(REPO_ROOT, 'docs/legal-bases.md'), 'utf8');
    expect(doc).toBe(legalBasesMarkdown(result.procedures.map((p) => p.summary)));
    expect(result.legalBases).toBe(doc);
    for (const p of result.procedures) {
      const review = p.summary.legalReview!;
      expect(doc).toContain(`\`${p.summary.id}\`: checked ${review.checked}, ${review.open.length} open points`);
      for (const s of review.sources) expect(doc).toContain(s.act);
    }
  });
});
