import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaCompileError } from '../src/compile/issues.js';
import { compileSchemas } from '../src/emit/compile.js';
import { forBrowsers } from '../src/emit/texts.js';
import { stepStoryNames } from '../src/emit/stories.js';
import { withoutUnusedSchemaPaths } from '../src/emit/validators.js';
import { addTexts } from '../src/runtime/texts.js';
import { compileToTemp, PROCEDURE_COUNT, SCHEMAS_DIR } from './helpers.js';

type Json = Record<string, unknown>;
const REFERENCE = 'usc-odpis-aktu';

/** A schemas folder with the shared blocks and one procedure, changed by `mutate`. */
async function fixture(mutate: (schema: Json) => void, extra: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ebok-fixture-'));
  await cp(join(SCHEMAS_DIR, 'common'), join(dir, 'common'), { recursive: true });
  const schema = JSON.parse(
    await readFile(join(SCHEMAS_DIR, 'procedures', `${REFERENCE}.schema.json`), 'utf8'),
  ) as Json;
  mutate(schema);
  await mkdir(join(dir, 'procedures'));
  await writeFile(join(dir, 'procedures', `${REFERENCE}.schema.json`), JSON.stringify(schema));
  for (const [path, content] of Object.entries(extra)) {
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

async function compileError(dir: string): Promise<SchemaCompileError> {
  try {
    await compileSchemas({ schemasDir: dir });
  } catch (e) {
    if (e instanceof SchemaCompileError) return e;
    throw e;
  }
  throw new Error('expected a SchemaCompileError');
}

const props = (s: Json): Json => s['properties'] as Json;
const meta = (s: Json): Json => s['x-ebok-procedure'] as Json;

describe('compiling the real schemas', () => {
  let result: Awaited<ReturnType<typeof compileToTemp>>;
  beforeAll(async () => {
    result = await compileToTemp();
  });

  it('splits each form model into Polish and per-language texts that put it back together', async () => {
    for (const p of result.procedures) {
      const dir = join(result.outDir, 'procedures', p.summary.id, p.summary.version);
      const load = async (name: string): Promise<unknown> =>
        (await import(pathToFileURL(join(dir, name)).href)) as unknown;
      const polish = structuredClone(((await load('form-model.pl.js')) as { default: unknown }).default);
      expect(JSON.stringify(polish)).not.toContain('"en":');
      // What only servers and the compiler read stays out of what browsers download.
      expect(JSON.stringify(polish)).not.toMatch(/"(path|warnings|jrwa|department|presence)":/);
      for (const lang of ['en', 'uk'] as const) {
        const texts = ((await load(`form-model.${lang}.js`)) as { default: string[] }).default;
        expect(addTexts(polish, lang, texts)).toBe(true);
        expect(addTexts(structuredClone(polish), lang, texts.slice(1))).toBe(false);
      }
      expect(JSON.stringify(sortTexts(polish))).toBe(JSON.stringify(sortTexts(forBrowsers(p.model))));
    }
  });

  it('names the rule of a schema’s own message only where several share a field and keyword', () => {
    let shared = 0;
    for (const p of result.procedures) {
      for (const [key, list] of Object.entries(p.validatorSpec.messages)) {
        if (list.length > 1) shared++;
        for (const m of list) expect(m.at !== undefined, `${p.summary.id} ${key}`).toBe(list.length > 1);
      }
    }
    expect(shared).toBeGreaterThan(0);
  });

  it("ships the schemas' own messages to the widgets in Polish, with each other language's beside the model's", async () => {
    let withMessages = 0;
    for (const p of result.procedures) {
      const dir = join(result.outDir, 'procedures', p.summary.id, p.summary.version);
      const shared = await readFile(join(dir, 'validator.shared.js'), 'utf8');
      const selfContained = await readFile(join(dir, 'validator.js'), 'utf8');
      // As the validator bundle has them: one text object per message, none shared.
      const messages = JSON.parse(JSON.stringify(p.validatorSpec.messages)) as typeof p.validatorSpec.messages;
      const texts = Object.values(messages).flatMap((list) => list.map((m) => m.text));
      if (texts.length > 0) withMessages++;
      for (const text of texts) {
        expect(shared).toContain(JSON.stringify(text.pl).slice(1, -1));
        expect(selfContained).toContain(JSON.stringify(text.en).slice(1, -1));
        expect(shared, p.summary.id).not.toContain(JSON.stringify(text.en).slice(1, -1));
        expect(shared, p.summary.id).not.toContain(JSON.stringify(text.uk).slice(1, -1));
        delete (text as Partial<Record<'en' | 'uk', string>>).en;
        delete (text as Partial<Record<'en' | 'uk', string>>).uk;
      }
      for (const lang of ['en', 'uk'] as const) {
        const mod = (await import(pathToFileURL(join(dir, `form-model.${lang}.js`)).href)) as { messages: string[] };
        expect(addTexts(messages, lang, mod.messages), p.summary.id).toBe(true);
      }
      expect(messages).toEqual(p.validatorSpec.messages);
    }
    expect(withMessages).toBeGreaterThan(5);
  });

  it('emits one widget element module per procedure, typed with its data type', () => {
    expect([...result.elements.keys()].filter((k) => k.startsWith('procedures/'))).toHaveLength(PROCEDURE_COUNT);
    const usc = result.elements.get('procedures/usc-odpis-aktu.ts')!;
    expect(usc).toContain('export class EbokUscOdpisAktu extends ProcedureForm<UscOdpisAktu>');
    expect(usc).toContain(`define("ebok-usc-odpis-aktu", EbokUscOdpisAktu);`);
    expect(result.elements.get('index.ts')).toContain(
      `"usc-odpis-aktu": () => import("./procedures/usc-odpis-aktu.js")`,
    );
  });

  it('emits the Storybook stories of every procedure: start, each step of its model, check, sign, receipt', () => {
    expect([...result.stories.keys()]).toHaveLength(PROCEDURE_COUNT);
    for (const p of result.procedures) {
      const stories = result.stories.get(`${p.summary.id}.stories.ts`)!;
      const exported = [...stories.matchAll(/^export const (\w+): StoryObj/gm)].map((m) => m[1]);
      expect(exported, p.summary.id).toEqual([
        'Start',
        ...stepStoryNames(p.model.steps.map((s) => s.id)),
        'Check',
        'Sign',
        'Receipt',
      ]);
      for (const step of p.model.steps)
        expect(stories).toContain(`journeyStory(ID, { step: ${JSON.stringify(step.id)} })`);
    }
    const zameldowanie = result.stories.get('wso-zameldowanie-stale.stories.ts')!;
    expect(zameldowanie).toContain(
      `export default {"title":"Procedures/wso-zameldowanie-stale","component":"ebok-wso-zameldowanie-stale"}`,
    );
    expect(zameldowanie).toContain('export const NewAddress: StoryObj = { name: "Step 2: new-address"');
  });

  it("names a step's story apart from the journey's fixed stops and from other steps", () => {
    expect(stepStoryNames(['check', 'legal-interest', 'sign', '2nd', 'legal_interest'])).toEqual([
      'Step1Check',
      'LegalInterest',
      'Step3Sign',
      'Step42nd',
      'Step5LegalInterest',
    ]);
  });

  it('compiles every procedure with no problem', () => {
    expect(result.procedures.map((p) => p.summary.id)).toHaveLength(PROCEDURE_COUNT);
  });

  it('writes types, validator, declarations, form model and bundled schema per procedure, and a catalogue', async () => {
    for (const p of result.procedures) {
      const files = await readdir(join(result.outDir, 'procedures', p.summary.id, p.summary.version));
      expect(files.sort()).toEqual([
        'form-model.d.ts',
        'form-model.en.d.ts',
        'form-model.en.js',
        'form-model.js',
        'form-model.json',
        'form-model.pl.d.ts',
        'form-model.pl.js',
        'form-model.uk.d.ts',
        'form-model.uk.js',
        'schema.js',
        'schema.json',
        'types.d.ts',
        'validator.d.ts',
        'validator.js',
        'validator.shared.d.ts',
        'validator.shared.js',
      ]);
    }
    const catalogue = JSON.parse(await readFile(join(result.outDir, 'catalogue.json'), 'utf8')) as Array<{
      id: string;
    }>;
    expect(catalogue.map((c) => c.id).sort()).toEqual(result.procedures.map((p) => p.summary.id).sort());
  });

  it("carries an attachment's pixel size to the catalogue, the form model and the validator", async () => {
    const dir = join(result.outDir, 'procedures', 'wso-dowod-osobisty', '1.0.0');
    type Attachments = { attachments: ReadonlyArray<{ name: string; image?: unknown }> };
    const photo = (list: Attachments['attachments']) => list.find((a) => a.name === 'photo')?.image;
    const catalogue = JSON.parse(await readFile(join(result.outDir, 'catalogue.json'), 'utf8')) as Array<
      Attachments & { id: string }
    >;
    const model = JSON.parse(await readFile(join(dir, 'form-model.json'), 'utf8')) as { procedure: Attachments };
    const compiled = result.procedures.find((p) => p.summary.id === 'wso-dowod-osobisty')!;
    const want = { minWidth: 492, minHeight: 633 };
    expect(photo(catalogue.find((c) => c.id === 'wso-dowod-osobisty')!.attachments)).toEqual(want);
    expect(photo(model.procedure.attachments)).toEqual(want);
    expect(photo(compiled.validatorSpec.attachments)).toEqual(want);
  });

  it('puts every top-level field in a step and gives every field a label in three languages', () => {
    for (const p of result.procedures) {
      const inSteps = p.model.steps.flatMap((s) => s.fields).sort();
      expect(inSteps, p.summary.id).toEqual(p.model.fields.map((f) => f.name).sort());
      const walk = (fields: typeof p.model.fields): void => {
        for (const f of fields) {
          expect(f.label.pl && f.label.en && f.label.uk, `${p.summary.id} ${f.path}`).toBeTruthy();
          for (const o of f.options ?? [])
            expect(o.label.uk, `${p.summary.id} ${f.path} ${String(o.value)}`).toBeTruthy();
          walk(f.fields ?? []);
        }
      };
      walk(p.model.fields);
    }
  });

  it('derives conditional fields from if/then', () => {
    const usc = result.procedures.find((p) => p.summary.id === REFERENCE)!;
    const legalInterest = usc.model.fields.find((f) => f.name === 'legalInterest')!;
    // Asked only while the condition that requires it holds, so required whenever it is shown.
    expect(legalInterest.required).toBe(true);
    // `properties: {relationship: {const: …}}, required: [relationship]` is one `has` condition.
    expect(legalInterest.visibleWhen).toEqual({
      kind: 'has',
      name: 'relationship',
      test: { kind: 'const', value: 'interes-prawny' },
    });
    const relationship = usc.model.fields.find((f) => f.name === 'relationship')!;
    expect(relationship.visibleWhen).toBeUndefined();
    expect(relationship.kind).toBe('select');
    expect(
      usc.model.fields.find((f) => f.name === 'applicant')!.fields!.find((f) => f.name === 'pesel')!.visibleWhen,
    ).toEqual({ kind: 'not', of: { kind: 'has', name: 'noPesel', test: { kind: 'const', value: true } } });
  });
});

describe('schema errors stop the compiler, naming the file and the JSON pointer', () => {
  const file = `procedures/${REFERENCE}.schema.json`;
  const cases: Array<[string, (s: Json) => void, string, RegExp]> = [
    [
      'a $ref to a missing definition',
      (s) => {
        props(s)['applicant'] = { $ref: '../common/person.schema.json#/$defs/nobody' };
      },
      '/properties/applicant/$ref',
      /does not exist/,
    ],
    [
      'a $ref to an unknown file',
      (s) => {
        props(s)['applicant'] = { $ref: '../common/people.schema.json#/$defs/applicant' };
      },
      '/properties/applicant/$ref',
      /unknown schema/,
    ],
    [
      'an unknown format',
      (s) => {
        (props(s)['copies'] as Json)['format'] = 'pesel-ish';
      },
      '/properties/copies/format',
      /unknown format "pesel-ish"/,
    ],
    [
      'a missing Ukrainian label',
      (s) => {
        delete ((props(s)['copies'] as Json)['x-ebok'] as { label: Json }).label['uk'];
      },
      '/properties/copies/x-ebok/label/uk',
      /missing translation "uk"/,
    ],
    [
      'an empty English enum label',
      (s) => {
        ((props(s)['recordType'] as Json)['x-ebok'] as { enumLabels: Record<string, Json> }).enumLabels['zgonu']![
          'en'
        ] = '';
      },
      '/properties/recordType/x-ebok/enumLabels/zgonu/en',
      /empty translation/,
    ],
    [
      'a missing translation in the metadata',
      (s) => {
        delete (meta(s)['title'] as Json)['en'];
      },
      '/x-ebok-procedure/title/en',
      /missing translation "en"/,
    ],
    [
      'a deadline in both months and days',
      (s) => {
        meta(s)['deadline'] = { months: 1, days: 7, basis: { pl: 'KPA', en: 'KPA', uk: 'KPA' } };
      },
      '/x-ebok-procedure/deadline',
      /must NOT have more than 2 properties/,
    ],
    [
      'a deadline without its basis',
      (s) => {
        meta(s)['deadline'] = { months: 2 };
      },
      '/x-ebok-procedure/deadline/basis',
      /missing "basis"/,
    ],
    [
      'an enum value without a label',
      (s) => {
        (props(s)['recordType'] as Json)['enum'] = ['urodzenia', 'malzenstwa', 'zgonu', 'uznania'];
      },
      '/properties/recordType/x-ebok/enumLabels',
      /missing label for enum value "uznania"/,
    ],
    [
      'a field without a label',
      (s) => {
        props(s)['note'] = { type: 'string' };
        ((meta(s)['steps'] as Json[])[0]!['fields'] as string[]).push('note');
      },
      '/properties/note/x-ebok',
      /has no label/,
    ],
    [
      'a field in no step',
      (s) => {
        props(s)['note'] = { type: 'string', 'x-ebok': { label: { pl: 'Uwagi', en: 'Notes', uk: 'Примітки' } } };
      },
      '/x-ebok-procedure/steps',
      /"note" is in no step/,
    ],
    [
      'an id that does not match the file',
      (s) => {
        meta(s)['id'] = 'usc-odpis';
      },
      '/x-ebok-procedure/id',
      /does not match the file name/,
    ],
    [
      'an unsupported keyword',
      (s) => {
        (props(s)['copies'] as Json)['minimun'] = 1;
      },
      '/properties/copies/minimun',
      /unsupported keyword "minimun"/,
    ],
    [
      'a condition the form cannot evaluate',
      (s) => {
        ((s['allOf'] as Json[])[0]!['if'] as Json)['minProperties'] = 2;
      },
      '/allOf/0/if/minProperties',
      /not supported in a condition/,
    ],
    [
      'a signer pointer ending in /* that is not a list',
      (s) => {
        meta(s)['signers'] = ['/proxy', '/applicant/*'];
      },
      '/x-ebok-procedure/signers/1',
      /ends in "\/\*" but "\/applicant" is not a list/,
    ],
    [
      'a list of signers whose items are not people',
      (s) => {
        props(s)['notes'] = {
          type: 'array',
          items: { type: 'string', 'x-ebok': { label: { pl: 'Uwaga', en: 'Note', uk: 'Примітка' } } },
          'x-ebok': { label: { pl: 'Uwagi', en: 'Notes', uk: 'Примітки' } },
        };
        ((meta(s)['steps'] as Json[])[0]!['fields'] as string[]).push('notes');
        meta(s)['signers'] = ['/proxy', '/notes/*'];
      },
      '/x-ebok-procedure/signers/1',
      /is not a list of people/,
    ],
    [
      'a signer pointer with /* in its middle',
      (s) => {
        meta(s)['signers'] = ['/owners/*/proxy'];
      },
      '/x-ebok-procedure/signers/0',
      /must match pattern/,
    ],
    [
      'a contact e-mail pointer to no field',
      (s) => {
        meta(s)['contactEmail'] = ['/applicant/mail'];
      },
      '/x-ebok-procedure/contactEmail/0',
      /contactEmail "\/applicant\/mail" is not a field of this procedure/,
    ],
    [
      'a contact e-mail pointer to a field that is not an e-mail address',
      (s) => {
        meta(s)['contactEmail'] = ['/applicant/surname'];
      },
      '/x-ebok-procedure/contactEmail/0',
      /contactEmail "\/applicant\/surname" is not an e-mail address/,
    ],
    [
      'an attachment over the inbox limit',
      (s) => {
        (meta(s)['attachments'] as Json[])[0]!['maxSize'] = 10_000_000;
      },
      '/x-ebok-procedure/attachments/0/maxSize',
      /must be <= 5242880/,
    ],
    [
      'a pixel size for an attachment that may be a PDF',
      (s) => {
        (meta(s)['attachments'] as Json[])[0]!['image'] = { minWidth: 492, minHeight: 633 };
      },
      '/x-ebok-procedure/attachments/0/image',
      /"image" \(a pixel size\) is only for JPEG and PNG attachments, but "mediaTypes" also allows application\/pdf/,
    ],
    [
      'a pixel size whose maximum is below its minimum',
      (s) => {
        const a = (meta(s)['attachments'] as Json[])[0]!;
        a['mediaTypes'] = ['image/jpeg'];
        a['image'] = { minWidth: 480, minHeight: 615, maxWidth: 400, maxHeight: 615 };
      },
      '/x-ebok-procedure/attachments/0/image/maxWidth',
      /maxWidth 400 is below minWidth 480/,
    ],
    [
      'a pixel size with a maximum for one side only',
      (s) => {
        const a = (meta(s)['attachments'] as Json[])[0]!;
        a['mediaTypes'] = ['image/png'];
        a['image'] = { minWidth: 480, minHeight: 615, maxWidth: 480 };
      },
      '/x-ebok-procedure/attachments/0/image',
      /must have property maxHeight when property maxWidth is present/,
    ],
  ];

  it.each(cases)('%s', async (_name, mutate, pointer, message) => {
    const err = await compileError(await fixture(mutate));
    const hit = err.issues.find((i) => i.file === file && i.pointer === pointer && message.test(i.message));
    expect(hit, err.message).toBeDefined();
    expect(err.message).toContain(`${file}#${pointer}`);
  });

  it('a duplicate procedure id', async () => {
    const dir = await fixture(() => {});
    const copy = await readFile(join(dir, 'procedures', `${REFERENCE}.schema.json`), 'utf8');
    await writeFile(
      join(dir, 'procedures', 'usc-odpis-aktu-2.schema.json'),
      copy.replace('procedures/usc-odpis-aktu.schema.json', 'procedures/usc-odpis-aktu-2.schema.json'),
    );
    const err = await compileError(dir);
    expect(
      err.issues.some(
        (i) => i.pointer === '/x-ebok-procedure/id' && /duplicate procedure id "usc-odpis-aktu"/.test(i.message),
      ),
    ).toBe(true);
  });

  it('a file that is not JSON', async () => {
    const err = await compileError(await fixture(() => {}, { 'procedures/broken.schema.json': '{"$id": ' }));
    expect(err.issues.some((i) => i.file === 'procedures/broken.schema.json' && /not valid JSON/.test(i.message))).toBe(
      true,
    );
  });

  it('never writes half an output: the previous output stays as it was', async () => {
    const dir = await fixture((s) => {
      (props(s)['copies'] as Json)['format'] = 'nope';
    });
    const outDir = join(await mkdtemp(join(tmpdir(), 'ebok-out-')), 'dist');
    await compileSchemas({ schemasDir: SCHEMAS_DIR, outDir });
    const before = await readdir(outDir, { recursive: true });
    await expect(compileSchemas({ schemasDir: dir, outDir })).rejects.toBeInstanceOf(SchemaCompileError);
    expect(await readdir(outDir, { recursive: true })).toEqual(before);
    expect((await readdir(join(outDir, '..'))).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});

/** The same texts whatever order their languages were added in. */
function sortTexts(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sortTexts);
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(
      Object.entries(node)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortTexts(v)]),
    );
  }
  return node;
}

describe('schema paths in generated validators', () => {
  const text = { pl: 'Własny', en: 'Own', uk: 'Власний' };
  const spec = {
    validatorSpec: {
      messages: {
        '/phone pattern': [
          { at: '/$defs/phone', text },
          { at: '/properties/phone', text },
        ],
      },
    },
  } as unknown as Parameters<typeof withoutUnusedSchemaPaths>[1];

  it('keeps only the paths that tell apart a schema’s own messages', () => {
    const code = [
      'const a = {instancePath:p,schemaPath:"person.schema.json#/$defs/phone/pattern",keyword:"pattern",params:{}};',
      'const b = {instancePath:p,schemaPath:"#/properties/phone/pattern",keyword:"pattern",params:{}};',
      'const c = {instancePath:p,schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{}};',
      'const d = {instancePath:p, schemaPath: "#/properties/phone/type", keyword:"type",params:{}};',
      'const e = {instancePath:p,schemaPath:"#/properties/a\\"b/minLength",keyword:"minLength",params:{}};',
      'const f = {instancePath:p,keyword:"x",schemaPath:"#/last"};',
    ].join('\n');
    expect(withoutUnusedSchemaPaths(code, spec).split('\n')).toEqual([
      'const a = {instancePath:p,schemaPath:"person.schema.json#/$defs/phone/pattern",keyword:"pattern",params:{}};',
      'const b = {instancePath:p,schemaPath:"#/properties/phone/pattern",keyword:"pattern",params:{}};',
      'const c = {instancePath:p,keyword:"pattern",params:{}};',
      'const d = {instancePath:p, keyword:"type",params:{}};',
      'const e = {instancePath:p,keyword:"minLength",params:{}};',
      'const f = {instancePath:p,keyword:"x",schemaPath:"#/last"};',
    ]);
  });
});
