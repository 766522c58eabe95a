import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileToTemp } from './helpers.js';

// Generated output, compared with the files under goldens/. Refresh them on purpose with
// UPDATE_GOLDENS=1 npx vitest run packages/forms-core/test/golden.test.ts, and review the diff.
const GOLDENS = join(import.meta.dirname, 'goldens');
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
// The minified validator bundles are tested by behaviour (examples, standalone tests), not text;
// schema.js and form-model*.js repeat schema.json and form-model.json as modules, and
// api/schemas.* the files of schemas/api/. The widgets' element modules are code generation too:
// goldens under elements/.
const isGolden = (path: string): boolean =>
  !/\/(validator(\.shared)?|validators|schema|form-model(\.(pl|en|uk))?)\.js$/.test(path) &&
  !/^api\/schemas\.(js|d\.ts)$/.test(path);

describe('generated output matches the goldens', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    const result = await compileToTemp();
    files = new Map([
      ...[...result.files].filter(([path]) => isGolden(path)),
      ...[...result.elements].map(([path, content]) => [`elements/${path}`, content] as const),
    ]);
    if (UPDATE) {
      await rm(GOLDENS, { recursive: true, force: true });
      for (const [path, content] of files) {
        await mkdir(dirname(join(GOLDENS, path)), { recursive: true });
        await writeFile(join(GOLDENS, path), content);
      }
    }
  });

  it('has a golden for every generated file and no stale ones', async () => {
    const goldens = (await readdir(GOLDENS, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(GOLDENS.length + 1))
      .sort();
    expect(goldens).toEqual([...files.keys()].sort());
  });

  it('matches every golden byte for byte', async () => {
    for (const [path, content] of files) {
      expect(content, `${path} differs from its golden (UPDATE_GOLDENS=1 to refresh)`).toBe(
        await readFile(join(GOLDENS, path), 'utf8'),
      );
    }
  });
});
