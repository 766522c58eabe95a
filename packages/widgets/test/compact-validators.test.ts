import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
import { compileSchemas } from '@ebok/forms-core/compiler';
import type { ProcedureValidator } from '@ebok/forms-core/runtime';
import { compactValidator } from '../build/compact-validators.mjs';
import { mutationsOf, type ExampleDocument } from '../../forms-core/test/mutations.js';

const SCHEMAS = resolve(import.meta.dirname, '../../../schemas');

const compact = (code: string): string => compactValidator(code, parseAst);

describe('compactValidator', () => {
  it('writes an error report as a push onto the list, made when needed', () => {
    expect(compact('function v(){let e=null,r=0;if(x){let p={keyword:"type"};e===null?e=[p]:e.push(p),r++}}')).toBe(
      'function v(){let e=null,r=0;if(x){(e??=[]).push({keyword:"type"}),r++}}',
    );
    expect(
      compact('function v(){let e=null;if(x){const err0 = {a:1};if(e !== null){e.push(err0);}else {e = [err0];}}}'),
    ).toBe('function v(){let e=null;if(x){(e??=[]).push({a:1});}}');
  });

  it('leaves an error object alone when anything else uses it', () => {
    const code = 'function v(){let e=null;{let p={};e===null?e=[p]:e.push(p),p.x=1}}';
    expect(compact(code)).toBe(code);
  });

  it('keeps of a schema constant only what the code reads', () => {
    const code = [
      'var h=Object.prototype.hasOwnProperty,s={type:"object",properties:{a:{type:"string"},b:{enum:[1,2]}},required:["a"]};',
      'export function v(d,k){return h.call(s.properties,k)?s.properties.b.enum:null}',
    ].join('');
    expect(compact(code)).toContain('s={properties:{a:0,b:{enum:[1,2]}}}');
  });

  it('keeps a schema constant whole when the code uses it whole or by a computed key', () => {
    for (const use of ['return s', 'return s.properties[k]', 's.properties.a=1']) {
      const code = `var s={properties:{a:{type:"string"}}};export function v(d,k){${use}}`;
      expect(compact(code)).toBe(code);
    }
  });
});

describe('the compacted validators', () => {
  it('give exactly the results of the generated ones on every example and each one-change variant of it', async () => {
    const { files, procedures } = await compileSchemas({ schemasDir: SCHEMAS });
    const tmp = await mkdtemp(join(tmpdir(), 'ebok-compact-'));
    // Both copies of a validator import one runtime, as the bundle's do.
    const runtime = createRequire(import.meta.url).resolve('@ebok/forms-core/runtime/base');
    const load = async (code: string, name: string): Promise<ProcedureValidator> => {
      const path = join(tmp, `${name}.js`);
      await writeFile(path, code.replaceAll('"@ebok/forms-core/runtime/base"', JSON.stringify(runtime)));
      return ((await import(pathToFileURL(path).href)) as { validator: ProcedureValidator }).validator;
    };
    const results = (v: ProcedureValidator, doc: ExampleDocument) =>
      JSON.stringify(v.validate(doc.data, doc.attachments), (_k, value: unknown) =>
        value && typeof value === 'object' && 'pl' in value ? { ...value } : value,
      );
    let documents = 0;
    for (const { summary } of procedures) {
      const code = files.get(`procedures/${summary.id}/${summary.version}/validator.shared.js`)!;
      const compacted = compact(code);
      expect(compacted.length, summary.id).toBeLessThan(code.length * 0.95);
      expect(compacted, summary.id).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
      const [original, smaller] = await Promise.all([
        load(code, `${summary.id}-original`),
        load(compacted, summary.id),
      ]);
      const dir = join(SCHEMAS, 'examples', summary.id);
      for (const file of await readdir(dir)) {
        const example = JSON.parse(await readFile(join(dir, file), 'utf8')) as Partial<ExampleDocument>;
        for (const doc of mutationsOf({ data: example.data, attachments: example.attachments ?? [] })) {
          documents++;
          expect(results(smaller, doc), `${summary.id} ${file}`).toBe(results(original, doc));
        }
      }
    }
    expect(documents).toBeGreaterThan(10_000);
  }, 120_000);
});
