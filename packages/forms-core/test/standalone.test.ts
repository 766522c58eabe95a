import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileToTemp, EXAMPLES_DIR, FILE_CODES, PROCEDURE_COUNT } from './helpers.js';

const run = promisify(execFile);

describe('generated validators are self-contained ESM without code generation', () => {
  let outDir: string;
  let validators: Array<{ id: string; path: string }>;
  beforeAll(async () => {
    const result = await compileToTemp();
    outDir = result.outDir;
    validators = result.procedures.map((p) => ({
      id: p.summary.id,
      path: join(outDir, 'procedures', p.summary.id, p.summary.version, 'validator.js'),
    }));
  });

  it('contain no require, import, eval or new Function', async () => {
    for (const { id, path } of validators) {
      const code = await readFile(path, 'utf8');
      expect(code, id).not.toMatch(/\brequire\s*\(/);
      expect(code, id).not.toMatch(/(?:^|[;}\n])\s*import[\s{*"'`]/); // static import
      expect(code, id).not.toMatch(/\bimport\s*\(/); // dynamic import
      expect(code, id).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });

  it('run under node --disallow-code-generation-from-strings and give the same results', async () => {
    // A separate Node process where eval and new Function throw: imports every validator and
    // validates every example, printing the errors it finds.
    const script = `
      import { readdirSync, readFileSync } from 'node:fs';
      const validators = ${JSON.stringify(validators.map((v) => ({ id: v.id, url: pathToFileURL(v.path).href })))};
      let evalBlocked = false;
      try { new Function('return 1'); } catch { evalBlocked = true; }
      const out = { evalBlocked, results: {} };
      for (const { id, url } of validators) {
        const { validate } = await import(url);
        const dir = ${JSON.stringify(EXAMPLES_DIR)} + '/' + id;
        for (const f of readdirSync(dir).sort()) {
          const ex = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
          const r = validate(ex.data, ex.attachments ?? []);
          out.results[id + '/' + f] = r.errors.map((e) => e.pointer + ' ' + e.code).sort();
        }
      }
      console.log(JSON.stringify(out));
    `;
    const { stdout } = await run(process.execPath, [
      '--disallow-code-generation-from-strings',
      '--input-type=module',
      '-e',
      script,
    ]);
    const out = JSON.parse(stdout) as { evalBlocked: boolean; results: Record<string, string[]> };
    expect(out.evalBlocked).toBe(true);
    expect(Object.keys(out.results).length).toBeGreaterThanOrEqual(PROCEDURE_COUNT * 7);
    for (const [key, errors] of Object.entries(out.results)) {
      const [id, file] = key.split('/') as [string, string];
      const ex = JSON.parse(await readFile(join(EXAMPLES_DIR, id, file), 'utf8')) as {
        errors?: Array<{ pointer: string; code: string }>;
      };
      // The files' own problems are the server's to find, not the validator's.
      const want = (ex.errors ?? []).filter((e) => !FILE_CODES.has(e.code));
      expect(errors, key).toEqual(want.map((e) => `${e.pointer} ${e.code}`).sort());
    }
  });
});
