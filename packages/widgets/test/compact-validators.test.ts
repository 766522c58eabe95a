import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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
  it('leaves out the options a validating function never reads, and the calls stop passing them', () => {
    const code = [
      'function a(d,{instancePath:i="",rootData:r=d,dynamicAnchors:y={}}={}){return i+d}',
      'function b(d,{instancePath:i="",rootData:r=d,dynamicAnchors:y={}}={}){return a(d.x,{instancePath:i+"/x",rootData:r,dynamicAnchors:y})}',
    ].join('');
    expect(compact(code)).toBe(
      'function a(d,{instancePath:i=""}={}){return i+d}function b(d,{instancePath:i=""}={}){return a(d.x,{instancePath:i+"/x"})}',
    );
  });

  it('keeps the options of a function whose name means another function somewhere', () => {
    const code =
      'function a(d,{rootData:r=d}={}){return d}function c(){function a(d,{rootData:r}){return r}return a(1,{rootData:2})}';
    expect(compact(code)).toBe(
      'function a(d,{}={}){return d}function c(){function a(d,{rootData:r}){return r}return a(1,{rootData:2})}',
    );
  });

  it('leaves out the reset of what a function evaluated when nothing is decided at run time', () => {
    const fn = (flag: string) =>
      `function v(d){let e=null,y=v.evaluated;y.dynamicProps&&(y.props=void 0),y.dynamicItems&&(y.items=void 0);return d}v.evaluated={props:!0,dynamicProps:${flag},dynamicItems:!1};`;
    expect(compact(fn('!1'))).toBe('function v(d){let e=null;return d}');
    expect(compact(fn('!0'))).toBe(fn('!0'));
  });
});

describe("the widgets' validators", () => {
  it('give, compacted, exactly the results of the generated ones, and the issues of the server’s, on every example and each one-change variant of it', async () => {
    const { files, procedures } = await compileSchemas({ schemasDir: SCHEMAS });
    const tmp = await mkdtemp(join(tmpdir(), 'ebok-compact-'));
    // Every copy of a validator imports one runtime, as the bundle's do.
    const runtime = createRequire(import.meta.url).resolve('@ebok/forms-core/runtime/base');
    const load = async (dir: string, name: string, code: string): Promise<ProcedureValidator> => {
      await mkdir(join(tmp, dir), { recursive: true });
      const path = join(tmp, dir, name);
      await writeFile(path, code.replaceAll('"@ebok/forms-core/runtime/base"', JSON.stringify(runtime)));
      return ((await import(pathToFileURL(path).href)) as { validator: ProcedureValidator }).validator;
    };
    const results = (v: ProcedureValidator, doc: ExampleDocument) =>
      JSON.stringify(v.validate(doc.data, doc.attachments), (_k, value: unknown) =>
        value && typeof value === 'object' && 'pl' in value ? { ...value } : value,
      );
    // The widgets add English and Ukrainian to the schemas' own messages later: Polish is compared.
    const issues = (v: ProcedureValidator, doc: ExampleDocument) =>
      v.validate(doc.data, doc.attachments).errors.map((e) => [e.pointer, e.code, e.message.pl]);
    let documents = 0;
    for (const { summary } of procedures) {
      const generated = (name: string) => files.get(`procedures/${summary.id}/${summary.version}/${name}`)!;
      const code = generated('validator.shared.js');
      const compacted = compact(code);
      expect(compacted.length, summary.id).toBeLessThan(code.length * 0.95);
      expect(compacted, summary.id).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
      await load(summary.id, 'form-model.pl.js', generated('form-model.pl.js'));
      const [original, smaller, server] = await Promise.all([
        load(summary.id, 'validator.shared.js', code),
        load(summary.id, 'compacted.js', compacted),
        load(summary.id, 'validator.js', generated('validator.js')),
      ]);
      const dir = join(SCHEMAS, 'examples', summary.id);
      for (const file of await readdir(dir)) {
        const example = JSON.parse(await readFile(join(dir, file), 'utf8')) as Partial<ExampleDocument>;
        for (const doc of mutationsOf({ data: example.data, attachments: example.attachments ?? [] })) {
          documents++;
          expect(results(smaller, doc), `${summary.id} ${file}`).toBe(results(original, doc));
          expect(issues(original, doc), `${summary.id} ${file}`).toEqual(issues(server, doc));
        }
      }
    }
    expect(documents).toBeGreaterThan(10_000);
  }, 300_000);
});
