import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../src/compile/ajv.js';
import { IssueCollector, SchemaCompileError } from '../src/compile/issues.js';
import { SchemaRegistry } from '../src/compile/registry.js';
import { compileSchemas, loadSchemaSources } from '../src/emit/compile.js';
import type { RawValidateFunction } from '../src/runtime/validator.js';
import { compileToTemp, SCHEMAS_DIR } from './helpers.js';

const run = promisify(execFile);
const API_DIR = join(SCHEMAS_DIR, 'api');

const now = '2026-03-01T10:00:00.000Z';
const sha = 'ab'.repeat(32);
const document = {
  procedure: 'usc-odpis-aktu',
  schemaVersion: '1.0.0',
  data: {},
  attachments: [{ name: 'proof', mediaType: 'application/pdf', size: 3, sha256: sha }],
  submittedAt: now,
  nonce: 'n'.repeat(8),
};

/** Bodies and whether each is valid: the limits the server's handlers enforce, at and past their edges. */
const CASES: ReadonlyArray<readonly [name: string, body: unknown, valid: boolean]> = [
  ['LeaseRequest', {}, true],
  ['LeaseRequest', { max: 1, visibilitySeconds: 43200 }, true],
  ['LeaseRequest', { max: 100, visibilitySeconds: 1 }, true],
  ['LeaseRequest', { max: 0 }, false],
  ['LeaseRequest', { max: 101 }, false],
  ['LeaseRequest', { max: 1.5 }, false],
  ['LeaseRequest', { max: '5' }, false],
  ['LeaseRequest', { visibilitySeconds: 0 }, false],
  ['LeaseRequest', { visibilitySeconds: 43201 }, false],
  ['AckRequest', { leaseId: 'x' }, true],
  ['AckRequest', { leaseId: ' ' }, false],
  ['AckRequest', { leaseId: 'x'.repeat(65) }, false],
  ['AckRequest', {}, false],
  ['NackRequest', { leaseId: 'x', delaySeconds: 0 }, true],
  ['NackRequest', { leaseId: 'x', delaySeconds: 43200 }, true],
  ['NackRequest', { leaseId: 'x', delaySeconds: -1 }, false],
  ['NackRequest', { leaseId: 'x', delaySeconds: 43201 }, false],
  ['EnrolmentRequest', { givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401359' }, true],
  ['EnrolmentRequest', { givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401358' }, false],
  ['EnrolmentRequest', { givenNames: 'Jan', surname: 'Kowalski' }, false],
  [
    'EnrolmentRequest',
    {
      givenNames: 'Jan',
      surname: 'Kowalski',
      pesel: '44051401359',
      identityDocument: { kind: 'passport', country: 'UA', number: 'FA123456' },
    },
    false,
  ],
  [
    'EnrolmentRequest',
    { givenNames: 'Olena', surname: 'K', identityDocument: { kind: 'passport', country: 'ua', number: 'FA1' } },
    true,
  ],
  [
    'EnrolmentRequest',
    { givenNames: 'Olena', surname: 'K', identityDocument: { kind: 'visa', country: 'UA', number: 'FA1' } },
    false,
  ],
  ['EnrolmentRequest', { givenNames: 'J'.repeat(65), surname: 'K', pesel: '44051401359' }, false],
  ['CertificateRequest', { activationCode: 'AAAA-AAAA-AAAA-A', csr: 'x' }, true],
  ['CertificateRequest', { activationCode: 'A'.repeat(41), csr: 'x' }, false],
  ['CertificateRequest', { activationCode: 'A', csr: 'x'.repeat(8001) }, false],
  ['RevocationRequest', {}, true],
  ['RevocationRequest', { reason: 'keyCompromise' }, true],
  ['RevocationRequest', { reason: 'bored' }, false],
  ['SubmittedDocument', document, true],
  ['SubmittedDocument', { ...document, nonce: 'n'.repeat(128) }, true],
  ['SubmittedDocument', { ...document, nonce: 'n'.repeat(7) }, false],
  ['SubmittedDocument', { ...document, nonce: 'n'.repeat(129) }, false],
  ['SubmittedDocument', { ...document, extra: 1 }, false],
  ['SubmittedDocument', { ...document, data: [] }, false],
  ['SubmittedDocument', { ...document, submittedAt: '1 March 2026' }, false],
  ['SubmittedDocument', { ...document, procedure: 'Usc' }, false],
  ['SubmittedDocument', { ...document, attachments: [{ ...document.attachments[0], sha256: 'AB'.repeat(32) }] }, false],
  ['SubmittedDocument', { ...document, attachments: [{ ...document.attachments[0], size: -1 }] }, false],
  ['ChancelleryDocument', { sender: 'Jan', subject: 'Pismo', department: 'WK', documentDate: '2026-02-28' }, true],
  ['ChancelleryDocument', { sender: 'Jan', subject: 'Pismo', department: 'wk' }, false],
  ['ChancelleryDocument', { sender: 'Jan', subject: 'Pismo', department: 'WK', documentDate: '2026-02-30' }, false],
  ['ChancelleryDocument', { sender: 'Jan', subject: 'Pismo', department: 'WK', notes: 'x'.repeat(2001) }, false],
  [
    'SubmissionReceipt',
    {
      registryNumber: 'RPW/1/2026',
      receivedAt: now,
      procedure: null,
      department: 'WK',
      documentSha256: null,
      receipt: { document: '{}', signature: 'AA==' },
    },
    true,
  ],
  [
    'SubmissionReceipt',
    {
      registryNumber: 'RPW/1/2026',
      receivedAt: now,
      procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
      department: 'USC',
      documentSha256: sha,
      receipt: { document: '{}', signature: 'AA==' },
    },
    true,
  ],
  ['Problem', { type: 'urn:ebok:problem:bad-request', title: 'Bad request.', status: 400, detail: 'x' }, true],
  ['Problem', { type: 'urn:ebok:problem:nope', title: 'x', status: 400, detail: 'x' }, false],
];

const errorKeys = (errors: RawValidateFunction['errors']): string[] =>
  (errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();

describe('the API schemas (schemas/api/)', () => {
  let result: Awaited<ReturnType<typeof compileToTemp>>;
  // The validators import the runtime as a package: they are put where it resolves, inside the repository.
  const here = resolve(import.meta.dirname, `.tmp-api-${process.pid}`);
  beforeAll(async () => {
    result = await compileToTemp();
    await mkdir(here, { recursive: true });
    for (const name of ['validators.js', 'schemas.js', 'index.js']) {
      await writeFile(join(here, name), result.files.get(`api/${name}`)!);
    }
  });
  afterAll(() => rm(here, { recursive: true, force: true }));

  it('become one type, one validator and one schema per body, and ApiBodies naming them all', async () => {
    const files = (await readdir(API_DIR)).filter((f) => f.endsWith('.schema.json'));
    expect(result.api.map((s) => s.doc.file).sort()).toEqual(files.map((f) => `api/${f}`).sort());
    const bodies = result.api.filter((s) => s.body).map((s) => s.name);
    expect(bodies).toContain('SubmittedDocument');
    expect(bodies).toContain('SubmissionReceipt');
    const types = result.files.get('api/types.d.ts')!;
    const declarations = result.files.get('api/validators.d.ts')!;
    for (const name of bodies) {
      expect(types).toMatch(new RegExp(`export (interface|type) ${name}\\b`));
      expect(types).toContain(`  ${name}: ${name};`);
      expect(declarations).toContain(`export declare const ${name}: SchemaValidator<ApiBodies['${name}']>;`);
    }
    const mod = (await import(pathToFileURL(join(here, 'index.js')).href)) as {
      validators: Record<string, unknown>;
      schemas: Record<string, unknown>;
    };
    expect(Object.keys(mod.validators).sort()).toEqual([...bodies].sort());
    for (const s of result.api) {
      expect(mod.schemas[s.name], s.name).toEqual(JSON.parse(await readFile(join(SCHEMAS_DIR, s.doc.file), 'utf8')));
    }
  });

  it('types the receipt as the server sends it: no procedure and no document hash for paper', () => {
    const types = result.files.get('api/types.d.ts')!;
    const receipt = /export interface SubmissionReceipt \{[\s\S]*?\n\}/.exec(types)![0];
    expect(receipt).toMatch(/procedure: ProcedureRef \| null;/);
    expect(receipt).toMatch(/documentSha256: string \| null;/);
  });

  it('validate alike in memory and as generated standalone code, and as the handlers did', async () => {
    const issues = new IssueCollector();
    const registry = SchemaRegistry.fromSources(await loadSchemaSources(SCHEMAS_DIR), issues);
    expect(issues.issues).toEqual([]);
    const ajv = createAjv(registry);
    const { validators } = (await import(pathToFileURL(join(here, 'index.js')).href)) as {
      validators: Record<string, RawValidateFunction>;
    };
    const ids = new Map(result.api.map((s) => [s.name, s.doc.id]));
    for (const [name, body, valid] of CASES) {
      const what = `${name} ${JSON.stringify(body).slice(0, 80)}`;
      const inMemory = ajv.getSchema(ids.get(name)!)!;
      const standalone = validators[name]!;
      expect(inMemory(body), what).toBe(valid);
      expect(standalone(body), what).toBe(valid);
      expect(errorKeys(standalone.errors), what).toEqual(errorKeys(inMemory.errors as RawValidateFunction['errors']));
    }
  });

  it('run without code generation from strings', async () => {
    const code = result.files.get('api/validators.js')!;
    expect(code).not.toMatch(/\brequire\s*\(|\beval\s*\(|new\s+Function\b/);
    const script = `
      let evalBlocked = false;
      try { new Function('return 1'); } catch { evalBlocked = true; }
      const { validators } = await import(${JSON.stringify(pathToFileURL(join(here, 'index.js')).href)});
      const cases = ${JSON.stringify(CASES)};
      console.log(JSON.stringify({ evalBlocked, results: cases.map(([name, body]) => validators[name](body)) }));
    `;
    const { stdout } = await run(process.execPath, [
      '--disallow-code-generation-from-strings',
      '--input-type=module',
      '-e',
      script,
    ]);
    const out = JSON.parse(stdout) as { evalBlocked: boolean; results: boolean[] };
    expect(out.evalBlocked).toBe(true);
    expect(out.results).toEqual(CASES.map(([, , valid]) => valid));
  });
});

describe('the compiler refuses API schemas that cannot become code', () => {
  async function compileWith(file: string, schema: Record<string, unknown>): Promise<SchemaCompileError> {
    const dir = await mkdtemp(join(tmpdir(), 'ebok-api-fixture-'));
    for (const sub of ['common', 'procedures', 'api'])
      await cp(join(SCHEMAS_DIR, sub), join(dir, sub), { recursive: true });
    await writeFile(join(dir, 'api', file), JSON.stringify(schema));
    try {
      await compileSchemas({ schemasDir: dir });
    } catch (e) {
      if (e instanceof SchemaCompileError) return e;
      throw e;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    throw new Error('expected a SchemaCompileError');
  }
  const base = (file: string) => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://ebok.example/schemas/api/${file}`,
    type: 'object',
  });

  it.each([
    ['a title that is no type name', 'odd.schema.json', { title: 'not a name' }, '/title', /PascalCase/],
    ['a title another schema has', 'twin.schema.json', { title: 'LeaseRequest' }, '/title', /also/],
    [
      'an $id naming another file',
      'moved.schema.json',
      { title: 'Moved', $id: 'https://x.example/a.json' },
      '/$id',
      /own path/,
    ],
    [
      'a $ref outside the API',
      'outside.schema.json',
      { title: 'Outside', properties: { a: { $ref: '../common/person.schema.json#/$defs/pesel' } } },
      '/properties/a/$ref',
      /not an API schema/,
    ],
    ['a body without a title', 'untitled.schema.json', {}, '/type', /title/],
  ])('%s', async (_what, file, change, pointer, message) => {
    const err = await compileWith(file, { ...base(file), ...change });
    expect(err.issues.some((i) => i.file === `api/${file}` && i.pointer === pointer && message.test(i.message))).toBe(
      true,
    );
  });
});
