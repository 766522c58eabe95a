import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../src/compile/condition.js';
import { IssueCollector } from '../src/compile/issues.js';
import { SchemaRegistry, type SchemaNode } from '../src/compile/registry.js';
import { loadSchemaSources } from '../src/emit/compile.js';
// The runtime's main entry: messages in every language.
import {
  checkAttachments,
  createValidator,
  evaluateCondition,
  expectedSigner,
  expectedSigners,
  toIssues,
  valuesAt,
  type AttachmentSpec,
} from '../src/runtime/index.js';
import { loadExamples, SCHEMAS_DIR } from './helpers.js';

const ajv = new Ajv2020({ strict: false });

function compiled(ifSchema: SchemaNode) {
  const issues = new IssueCollector();
  const registry = new SchemaRegistry();
  const doc = { file: 't.json', id: 'https://ebok.example/t.json', kind: 'common' as const, root: { if: ifSchema } };
  registry.docs.set(doc.id, doc);
  const cond = parseCondition({ doc, pointer: '/if', node: ifSchema }, registry, issues);
  expect(issues.issues).toEqual([]);
  return cond;
}

describe('conditions are evaluated exactly as JSON Schema evaluates the if', () => {
  const cases: Array<[string, SchemaNode, unknown[]]> = [
    [
      'const with required',
      { properties: { a: { const: 'x' } }, required: ['a'] },
      [{ a: 'x' }, { a: 'y' }, {}, { b: 1 }, null, 'x', []],
    ],
    [
      'const without required holds when absent',
      { properties: { a: { const: true } } },
      [{}, { a: true }, { a: false }, 7],
    ],
    ['enum', { properties: { a: { enum: ['x', 'y'] } }, required: ['a'] }, [{ a: 'x' }, { a: 'z' }, {}]],
    [
      'a required property with a test, beside others without one',
      { properties: { a: { const: 1 }, b: { const: 2 } }, required: ['c', 'a'] },
      [{ a: 1, c: 0 }, { a: 1 }, { a: 1, b: 3, c: 0 }, { a: 2, c: 0 }, { c: 0 }, {}, null, [1]],
    ],
    [
      'contains',
      { properties: { c: { contains: { enum: ['c', 'd'] } } }, required: ['c'] },
      [{ c: ['a', 'd'] }, { c: ['a'] }, { c: [] }, { c: 'c' }, {}],
    ],
    [
      'nested properties',
      { properties: { p: { properties: { s: { const: true } }, required: ['s'] } }, required: ['p'] },
      [{ p: { s: true } }, { p: { s: false } }, { p: {} }, { p: 3 }, {}],
    ],
    ['not required', { not: { required: ['f'] } }, [{}, { f: 1 }, 'text']],
    [
      'anyOf and allOf',
      {
        anyOf: [
          { properties: { a: { const: 1 } }, required: ['a'] },
          { allOf: [{ required: ['b'] }, { required: ['c'] }] },
        ],
      },
      [{ a: 1 }, { a: 2 }, { b: 1 }, { b: 1, c: 1 }, {}],
    ],
    [
      'deep equality of const',
      { properties: { o: { const: { k: [1, 2] } } } },
      [{ o: { k: [1, 2] } }, { o: { k: [2, 1] } }],
    ],
  ];
  it.each(cases)('%s', (_name, schema, values) => {
    const cond = compiled(schema);
    const check = ajv.compile(schema);
    for (const v of values) expect(evaluateCondition(cond, v), JSON.stringify(v)).toBe(check(v));
  });

  it('agrees with ajv on every top-level rule and attachment rule of every procedure, for every example', async () => {
    const issues = new IssueCollector();
    const registry = SchemaRegistry.fromSources(await loadSchemaSources(SCHEMAS_DIR), issues);
    let compared = 0;
    for (const doc of registry.procedures()) {
      const id = doc.file.replace(/^procedures\/|\.schema\.json$/g, '');
      const rules: Array<[string, SchemaNode]> = [];
      ((doc.root['allOf'] as SchemaNode[] | undefined) ?? []).forEach((r, i) => {
        if (r['if']) rules.push([`/allOf/${i}/if`, r['if'] as SchemaNode]);
      });
      const attachments = (doc.root['x-ebok-procedure'] as { attachments: Array<{ requiredWhen?: SchemaNode }> })
        .attachments;
      attachments.forEach((a, i) => {
        if (a.requiredWhen) rules.push([`/x-ebok-procedure/attachments/${i}/requiredWhen`, a.requiredWhen]);
      });
      const examples = await loadExamples(id);
      for (const [pointer, schema] of rules) {
        const cond = parseCondition({ doc, pointer, node: schema }, registry, issues);
        const check = ajv.compile({ ...schema, $id: undefined });
        for (const ex of examples) {
          expect(evaluateCondition(cond, ex.data), `${id} ${pointer} ${ex.file}`).toBe(check(ex.data));
          compared++;
        }
      }
    }
    expect(issues.issues).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  });
});

describe('issues from raw schema errors', () => {
  it('points required and additionalProperties errors at the field itself and drops wrapper errors', () => {
    const issues = toIssues([
      { instancePath: '/applicant', keyword: 'required', params: { missingProperty: 'pesel' } },
      { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'a/b' } },
      { instancePath: '', keyword: 'if', params: { failingKeyword: 'then' } },
      { instancePath: '/n', keyword: 'minimum', params: { limit: 1, comparison: '>=' } },
      { instancePath: '/n', keyword: 'minimum', params: { limit: 1, comparison: '>=' } },
      { instancePath: '/p', keyword: 'format', params: { format: 'pesel' } },
    ]);
    expect(issues.map((i) => `${i.pointer} ${i.code}`)).toEqual([
      '/applicant/pesel required',
      '/a~1b additionalProperties',
      '/n minimum',
      '/p format.pesel',
    ]);
    expect(issues[2]!.message).toEqual({
      pl: 'Podaj liczbę nie mniejszą niż 1.',
      en: 'Enter a number of at least 1.',
      uk: 'Введіть число не менше 1.',
    });
  });

  it('names a field a false schema forbids with the code "false" and its message, not the keyword ajv gives', async () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile({ type: 'object', properties: { proxy: false } });
    validate({ proxy: {} });
    const [issue] = toIssues(validate.errors as never);
    expect(issue).toMatchObject({ pointer: '/proxy', code: 'false' });
    expect(issue!.message.pl).toBe('To pole nie jest dozwolone.');
  });

  it('uses Polish and Ukrainian plural forms', () => {
    const [five] = toIssues([{ instancePath: '/x', keyword: 'minLength', params: { limit: 5 } }]);
    const [two] = toIssues([{ instancePath: '/x', keyword: 'minLength', params: { limit: 2 } }]);
    expect(five!.message.pl).toBe('Wpisz co najmniej 5 znaków.');
    expect(two!.message.pl).toBe('Wpisz co najmniej 2 znaki.');
    expect(five!.message.uk).toBe('Введіть щонайменше 5 символів.');
    expect(two!.message.en).toBe('Enter at least 2 characters.');
  });

  it("prefers a schema's own message, told apart by the rule's location", () => {
    const text = (pl: string) => ({ pl, en: pl, uk: pl });
    const messages = {
      '/copyType const': [
        { at: '/allOf/3/then/properties/copyType', text: text('A') },
        { at: '/allOf/4/then/properties/copyType', text: text('B') },
      ],
    };
    const [issue] = toIssues(
      [
        {
          instancePath: '/copyType',
          keyword: 'const',
          params: {},
          schemaPath: '#/allOf/4/then/properties/copyType/const',
        },
      ],
      messages,
    );
    expect(issue!.message.pl).toBe('B');
  });
});

describe('attachments and warnings', () => {
  const specs: AttachmentSpec[] = [
    {
      name: 'photo',
      label: { pl: 'Zdjęcie', en: 'Photo', uk: 'Фото' },
      mediaTypes: ['image/jpeg'],
      maxSize: 1000,
      required: true,
    },
    {
      name: 'consent',
      label: { pl: 'Zgoda', en: 'Consent', uk: 'Згода' },
      mediaTypes: ['application/pdf'],
      maxSize: 1000,
      required: false,
      requiredWhen: { kind: 'property', name: 'minor', test: { kind: 'const', value: true } },
    },
  ];
  it('checks presence, duplicates, type, size and conditional requirement', () => {
    const codes = (data: unknown, list: Parameters<typeof checkAttachments>[2]) =>
      checkAttachments(specs, data, list).map((i) => `${i.pointer} ${i.code}`);
    expect(codes({ minor: false }, [{ name: 'photo', mediaType: 'image/jpeg', size: 10 }])).toEqual([]);
    expect(codes({ minor: true }, [{ name: 'photo', mediaType: 'image/jpeg', size: 10 }])).toEqual([
      '/attachments/consent attachment.missing',
    ]);
    expect(
      codes({}, [
        { name: 'photo', mediaType: 'image/png', size: 0 },
        { name: 'photo', mediaType: 'image/jpeg', size: 10 },
      ]),
    ).toEqual([
      '/attachments/photo attachment.media-type',
      '/attachments/photo attachment.empty',
      '/attachments/photo attachment.duplicate',
      // As in JSON Schema, a property test holds when the property is absent: no "minor" → required.
      '/attachments/consent attachment.missing',
    ]);
    expect(codes({}, [])).toEqual(['/attachments/photo attachment.missing', '/attachments/consent attachment.missing']);
  });

  it('warns about a VIN check digit only for a well-formed VIN, and never makes it invalid', () => {
    const raw = Object.assign(() => true, { errors: null });
    const v = createValidator(raw, {
      id: 't',
      version: '1.0.0',
      attachments: [],
      messages: {},
      warnings: [{ path: '/cars/*/vin', format: 'vin' }],
    });
    const result = v.validate({ cars: [{ vin: 'WVWZZZ1JZXW000001' }, { vin: '1M8GDM9AXKP042788' }, { vin: 'short' }] });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.pointer} ${w.code}`)).toEqual(['/cars/0/vin vin-check-digit']);
  });

  it('finds values by a path pattern', () => {
    expect(valuesAt({ a: [{ b: 1 }, { c: 2 }, { b: 3 }] }, '/a/*/b')).toEqual([
      { pointer: '/a/0/b', value: 1 },
      { pointer: '/a/2/b', value: 3 },
    ]);
  });
});

it('examples are present for every procedure schema', () => {
  expect(readdirSync(`${SCHEMAS_DIR}/procedures`).length).toBe(readdirSync(`${SCHEMAS_DIR}/examples`).length);
});

describe('who must sign an application', () => {
  const anna = { kind: 'osoba-fizyczna', givenNames: 'Anna', surname: 'Nowak', pesel: '90021512347' };
  const piotr = { kind: 'osoba-fizyczna', givenNames: 'Piotr', surname: 'Nowak', pesel: '80010101230' };
  const company = { kind: 'firma', companyName: 'Transport Warmia S.A.', regon: '123456785' };
  const signers = ['/proxy', '/owners/*'];

  it('is every person of a list named with /*, in its order, unless an earlier pointer holds someone', () => {
    expect(expectedSigners({ owners: [anna, piotr] }, signers)).toEqual([
      { pointer: '/owners/0', identifier: 'PNOPL-90021512347' },
      { pointer: '/owners/1', identifier: 'PNOPL-80010101230' },
    ]);
    expect(expectedSigners({ proxy: piotr, owners: [anna, company] }, signers)).toEqual([
      { pointer: '/proxy', identifier: 'PNOPL-80010101230' },
    ]);
    expect(expectedSigner({ owners: [anna, piotr] }, signers)?.pointer).toBe('/owners/0');
  });

  it('expects a company in the list with no identifier (it cannot sign itself), and no one from an empty list', () => {
    expect(expectedSigners({ owners: [anna, company] }, signers)).toEqual([
      { pointer: '/owners/0', identifier: 'PNOPL-90021512347' },
      { pointer: '/owners/1', identifier: undefined },
    ]);
    expect(expectedSigners({ owners: [] }, signers)).toEqual([]);
    expect(expectedSigner({}, signers)).toBe(undefined);
  });

  it('keeps a single pointer to a list item as one signer', () => {
    expect(expectedSigners({ owners: [anna, piotr] }, ['/proxy', '/owners/0'])).toEqual([
      { pointer: '/owners/0', identifier: 'PNOPL-90021512347' },
    ]);
  });
});
