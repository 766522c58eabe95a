import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv, inMemoryValidator } from '../src/compile/ajv.js';
import { AnnotationChecker } from '../src/compile/annotations.js';
import { IssueCollector } from '../src/compile/issues.js';
import { compileAll } from '../src/compile/procedure.js';
import { SchemaRegistry } from '../src/compile/registry.js';
import { loadSchemaSources } from '../src/emit/compile.js';
import { checkSchemas } from '../src/kit/check.js';
import { runCheck, runNew } from '../src/kit/commands.js';
import { createProcedure } from '../src/kit/new.js';
import { formatJson, procedureDepartment, ScaffoldError } from '../src/kit/scaffold.js';
import { createValidator } from '../src/runtime/validator.js';
import { PROCEDURE_COUNT, SCHEMAS_DIR } from './helpers.js';

type Json = Record<string, unknown>;
const REFERENCE = 'usc-odpis-aktu';
const FILE = `procedures/${REFERENCE}.schema.json`;
/** The day the legal reviews are dated against: the day after the schemas' reviews of 2026-12-06. */
const TODAY = new Date('2026-12-07T00:00:00Z');

/** A schemas folder with the shared blocks and one procedure, changed by `mutate`. */
async function fixture(mutate: (schema: Json) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ebok-kit-'));
  await cp(join(SCHEMAS_DIR, 'common'), join(dir, 'common'), { recursive: true });
  const schema = JSON.parse(await readFile(join(SCHEMAS_DIR, FILE), 'utf8')) as Json;
  mutate(schema);
  await mkdir(join(dir, 'procedures'));
  await writeFile(join(dir, FILE), JSON.stringify(schema));
  return dir;
}

const props = (s: Json): Record<string, Json> => s['properties'] as Record<string, Json>;
const annotation = (s: Json, field: string): Json => props(s)[field]!['x-ebok'] as Json;
const rule = (s: Json, i: number): Json => (s['allOf'] as Json[])[i]!;

async function findings(mutate: (schema: Json) => void): Promise<string[]> {
  const { findings } = await checkSchemas(await fixture(mutate), { today: TODAY });
  return findings.map((f) => `${f.file}#${f.pointer}: ${f.message}`);
}

describe('ebok-forms check', () => {
  it('passes the real schemas clean', async () => {
    const result = await checkSchemas(SCHEMAS_DIR, { today: TODAY });
    expect(result.findings).toEqual([]);
    expect(result.procedures).toBe(PROCEDURE_COUNT);
  });

  it('finds a text lacking a language', async () => {
    expect(await findings((s) => delete (annotation(s, 'copies')['label'] as Json)['uk'])).toEqual([
      `${FILE}#/properties/copies/x-ebok/label/uk: missing translation "uk"`,
    ]);
  });

  it('finds an English or Ukrainian text that is still a to-do marker, and a Polish one', async () => {
    expect(
      await findings((s) => {
        const title = (s['x-ebok-procedure'] as Json)['title'] as Json;
        title['en'] = 'TODO: title (English)';
        (annotation(s, 'delivery')['enumLabels'] as Record<string, Json>)['poczta']!['uk'] = 'TODO';
        (annotation(s, 'copies')['label'] as Json)['pl'] = 'TODO: etykieta';
      }),
    ).toEqual([
      `${FILE}#/properties/copies/x-ebok/label/pl: missing text "pl": the Polish text is still a to-do marker`,
      `${FILE}#/properties/delivery/x-ebok/enumLabels/poczta/uk: missing translation "uk": the Ukrainian text is still a to-do marker`,
      `${FILE}#/x-ebok-procedure/title/en: missing translation "en": the English text is still a to-do marker`,
    ]);
  });

  it('finds an enum value that is not kebab-case', async () => {
    const found = await findings((s) => {
      const delivery = props(s)['delivery']!;
      delivery['enum'] = [...(delivery['enum'] as string[]), 'Odbiór_osobisty'];
      (annotation(s, 'delivery')['enumLabels'] as Record<string, Json>)['Odbiór_osobisty'] = {
        pl: 'Odbiór osobisty',
        en: 'In person',
        uk: 'Особисто',
      };
    });
    expect(found.filter((f) => f.includes('kebab-case'))).toEqual([
      expect.stringMatching(/#\/properties\/delivery\/enum\/\d+: enum value "Odbiór_osobisty" is not kebab-case/),
    ]);
  });

  it('advises splitting a step that asks more than ten questions', async () => {
    const found = await findings((s) => {
      const step = ((s['x-ebok-procedure'] as Json)['steps'] as Json[])[0]!;
      for (let i = 0; i < 11; i++) {
        props(s)[`note${i}`] = {
          type: 'string',
          'x-ebok': { label: { pl: `Uwaga ${i}`, en: `Note ${i}`, uk: `Примітка ${i}` } },
        };
        (step['fields'] as string[]).push(`note${i}`);
      }
    });
    expect(found.filter((f) => f.includes('one topic per step'))).toEqual([
      expect.stringMatching(/#\/x-ebok-procedure\/steps\/0: step "[a-z-]+" asks \d+ questions/),
    ]);
  });

  it('asks who signs a procedure about a person, and lets one about no person leave it out', async () => {
    const signers = (found: string[]) => found.filter((f) => f.includes('no "signers"'));
    expect(signers(await findings((s) => delete (s['x-ebok-procedure'] as Json)['signers']))).toEqual([
      `${FILE}#/x-ebok-procedure: no "signers": name who signs this application, e.g. ["/proxy", "/applicant"] (the first present in the data must be the certificate's holder)`,
    ]);
    // A report of a broken street lamp: where, what, an address to answer to; nobody's PESEL.
    const dir = await fixture(() => {});
    const text = (pl: string, en: string, uk: string) => ({ pl, en, uk });
    await writeFile(
      join(dir, 'procedures/wgn-zgloszenie-latarni.schema.json'),
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://ebok.example/schemas/procedures/wgn-zgloszenie-latarni.schema.json',
        type: 'object',
        additionalProperties: false,
        'x-ebok-procedure': {
          id: 'wgn-zgloszenie-latarni',
          version: '1.0.0',
          title: text(
            'Zgłoszenie niedziałającej latarni',
            'Reporting a broken street lamp',
            'Повідомлення про несправний ліхтар',
          ),
          summary: text('Gdzie i co nie działa.', 'Where, and what does not work.', 'Де і що не працює.'),
          department: 'WGN',
          jrwa: { class: '7011', archiveCategory: 'B5' },
          legalBasis: [
            text('Ustawa o samorządzie gminnym', 'Municipal Self-Government Act', 'Закон про місцеве самоврядування'),
          ],
          fee: { kind: 'none', description: text('Bez opłat.', 'No fee.', 'Без оплати.') },
          signatures: ['city', 'qualified', 'trusted-profile', 'personal'],
          presence: 'none',
          inPerson: [],
          attachments: [],
          steps: [
            { id: 'zgloszenie', title: text('Zgłoszenie', 'Report', 'Повідомлення'), fields: ['place', 'description'] },
          ],
        },
        properties: {
          place: { type: 'string', maxLength: 200, 'x-ebok': { label: text('Miejsce', 'Place', 'Місце') } },
          description: { type: 'string', maxLength: 2000, 'x-ebok': { label: text('Opis', 'Description', 'Опис') } },
        },
        required: ['place'],
      }),
    );
    const { findings: all } = await checkSchemas(dir, { today: TODAY });
    const lamp = all.filter((f) => f.file === 'procedures/wgn-zgloszenie-latarni.schema.json');
    expect(lamp.map((f) => f.message).filter((m) => m.includes('"signers"'))).toEqual([]);
  });

  it('finds a placeholder JRWA class', async () => {
    expect(await findings((s) => (((s['x-ebok-procedure'] as Json)['jrwa'] as Json)['class'] = '0000'))).toEqual([
      `${FILE}#/x-ebok-procedure/jrwa/class: JRWA class "0000" is a placeholder: take the class from the office's filing plan`,
    ]);
  });

  it('finds an if whose const is not among the property’s values', async () => {
    const found = await findings(
      (s) => (((rule(s, 0)['if'] as Json)['properties'] as Record<string, Json>)['relationship']!['const'] = 'interes'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(
        `^${FILE}#/allOf/0/if/properties/relationship/const: unreachable condition: "relationship" can never be "interes" \\(its values are "osoba-ktorej-akt-dotyczy", .*"organ-administracji"\\)$`,
      ),
    );
  });

  it('finds an if whose enum holds none of the values, and a const of the wrong type', async () => {
    expect(
      await findings((s) => {
        (s['allOf'] as Json[]).unshift({
          if: { properties: { delivery: { enum: ['kurier'] }, byProxy: { const: 'tak' } } },
          then: { required: ['proxy'] },
        });
      }),
    ).toEqual([
      `${FILE}#/allOf/0/if/properties/byProxy/const: unreachable condition: "byProxy" can never be "tak" (it is of type boolean)`,
      `${FILE}#/allOf/0/if/properties/delivery/enum: unreachable condition: "delivery" can never be any of "kurier" (its values are "osobiscie", "poczta", "elektronicznie")`,
    ]);
  });

  it('finds an if requiring a property that does not exist', async () => {
    expect(await findings((s) => ((rule(s, 0)['if'] as Json)['required'] = ['relation']))).toEqual([
      `${FILE}#/allOf/0/if/required/0: unreachable condition: it requires "relation", which is not a property of the form`,
    ]);
  });

  it('finds a then that restricts or requires a property that does not exist', async () => {
    expect(
      await findings((s) => {
        rule(s, 0)['then'] = { properties: { legalInterst: { minLength: 10 } }, required: ['legalInterst'] };
      }),
    ).toEqual([
      `${FILE}#: a condition requires "legalInterst", which is not in properties`,
      `${FILE}#/allOf/0/then/properties/legalInterst: "then" restricts "legalInterst", which is not a property of the form`,
    ]);
  });

  it('finds a field without a label', async () => {
    expect(await findings((s) => delete annotation(s, 'copies')['label'])).toEqual([
      `${FILE}#/properties/copies/x-ebok: field "copies" has no label (x-ebok.label in pl, en and uk)`,
    ]);
  });

  it('finds an unknown format', async () => {
    const found = await findings((s) => (props(s)['legalInterest']!['format'] = 'pesell'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`^${FILE}#/properties/legalInterest/format: unknown format "pesell" \\(known: `),
    );
  });

  it('finds an enum without a label for each value', async () => {
    expect(await findings((s) => delete (annotation(s, 'delivery')['enumLabels'] as Json)['elektronicznie'])).toEqual([
      `${FILE}#/properties/delivery/x-ebok/enumLabels: missing label for enum value "elektronicznie"`,
    ]);
  });

  it('exits 1 and names file and pointer when there are findings, 0 when clean', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(`log ${l}`), error: (l: string) => lines.push(`error ${l}`) };
    const dir = await fixture((s) => delete annotation(s, 'copies')['label']);
    expect(await runCheck(dir, out, TODAY)).toBe(1);
    expect(lines).toEqual([
      `error ${FILE}#/properties/copies/x-ebok: field "copies" has no label (x-ebok.label in pl, en and uk)`,
      'error ebok-forms check: 1 finding in 1 file',
    ]);
    lines.length = 0;
    expect(await runCheck(await fixture(() => {}), out, TODAY)).toBe(0);
    expect(lines).toEqual(['log ebok-forms check: 1 procedures, no findings']);
  });
});

describe('ebok-forms new', () => {
  it('checks the id and the department prefix', () => {
    expect(procedureDepartment('wso-zaswiadczenie-zameldowanie')).toBe('WSO');
    expect(procedureDepartment('wk-tablice', 'WK')).toBe('WK');
    expect(() => procedureDepartment('WSO_Zaswiadczenie')).toThrow(/is not a procedure id: use kebab-case/);
    expect(() => procedureDepartment('zaswiadczenie')).toThrow(/is not a procedure id/);
    expect(() => procedureDepartment('wso-zaswiadczenie', 'WK')).toThrow(
      '"wso-zaswiadczenie" must start with its department\'s code: wk-… (department WK)',
    );
    expect(() => procedureDepartment('wso-x', 'wso')).toThrow(/"wso" is not a department code/);
  });

  it('writes a schema that compiles, whose examples validate as they say, and that check sends back to its to-dos', async () => {
    const dir = await fixture(() => {});
    const id = 'wso-zaswiadczenie-zameldowanie';
    const result = await createProcedure(dir, { id, title: 'Wniosek o wydanie zaświadczenia o zameldowaniu' });
    expect(result.files).toEqual([
      `procedures/${id}.schema.json`,
      `examples/${id}/valid-example.json`,
      `examples/${id}/invalid-example.json`,
    ]);
    const text = await readFile(join(dir, `procedures/${id}.schema.json`), 'utf8');
    expect(formatJson(JSON.parse(text))).toBe(text);

    const issues = new IssueCollector();
    const registry = SchemaRegistry.fromSources(await loadSchemaSources(dir), issues);
    const compiled = compileAll(registry, new AnnotationChecker(), issues);
    expect(issues.issues).toEqual([]);
    const p = compiled.find((c) => c.summary.id === id)!;
    expect(p.summary.department).toBe('WSO');
    expect(p.summary.title.pl).toBe('Wniosek o wydanie zaświadczenia o zameldowaniu');
    const validator = createValidator(inMemoryValidator(createAjv(registry), p.doc.id), p.validatorSpec);
    for (const name of ['valid-example.json', 'invalid-example.json']) {
      const ex = JSON.parse(await readFile(join(dir, 'examples', id, name), 'utf8')) as {
        data: unknown;
        attachments: [];
        errors?: Array<{ pointer: string; code: string }>;
      };
      const errors = validator
        .validate(ex.data, ex.attachments)
        .errors.map((e) => ({ pointer: e.pointer, code: e.code }));
      expect(errors, name).toEqual(ex.errors ?? []);
    }

    const { findings } = await checkSchemas(dir, { today: TODAY });
    expect(findings.every((f) => f.file === `procedures/${id}.schema.json`)).toBe(true);
    expect(findings.map((f) => f.pointer)).toContain('/x-ebok-procedure/title/en');
    expect(findings.map((f) => f.pointer)).not.toContain('/x-ebok-procedure/title/pl');
    expect(findings.map((f) => f.pointer)).toContain('/x-ebok-procedure/jrwa/class');
  });

  it('puts the legal basis and the channel it is given, or asks for them at a terminal', async () => {
    const dir = await fixture(() => {});
    const out = { log: () => {}, error: (l: string) => expect.fail(l) };
    const procedure = async (id: string) =>
      (JSON.parse(await readFile(join(dir, `procedures/${id}.schema.json`), 'utf8')) as Json)[
        'x-ebok-procedure'
      ] as Json;

    const basis = 'Ustawa z dnia 24 września 2010 r. o ewidencji ludności (art. 46 ust. 1)';
    expect(
      await runNew(
        ['wso-zaswiadczenie'],
        { schemas: dir, legalBasis: [basis], channel: 'city', title: 'Wniosek o zaświadczenie' },
        out,
      ),
    ).toBe(0);
    const city = await procedure('wso-zaswiadczenie');
    expect((city['legalBasis'] as Json[])[0]).toMatchObject({ pl: basis });
    expect(city['channel']).toEqual({ kind: 'city' });
    expect(((city['legalReview'] as Json)['channel'] as Json)['pl']).toMatch(/^Wniosek składa się elektronicznie/);

    // At a terminal: the title, two acts (an empty line ends them) and another service are asked.
    const answers = [
      'Wniosek o dowód',
      'Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych (art. 24)',
      'Rozporządzenie (Dz.U. 2023 poz. 2798)',
      '',
      'elsewhere',
      'Usługa „Uzyskaj dowód osobisty” na gov.pl',
      'https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty',
    ];
    const questions: string[] = [];
    const ask = (q: string) => {
      questions.push(q);
      return Promise.resolve(answers.shift()!);
    };
    expect(await runNew(['wso-dowod-nowy'], { schemas: dir, ask }, out)).toBe(0);
    expect(answers).toEqual([]);
    expect(questions).toHaveLength(7);
    const elsewhere = await procedure('wso-dowod-nowy');
    expect((elsewhere['title'] as Json)['pl']).toBe('Wniosek o dowód');
    expect((elsewhere['legalBasis'] as Json[]).map((b) => (b as Json)['pl'])).toEqual([
      'Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych (art. 24)',
      'Rozporządzenie (Dz.U. 2023 poz. 2798)',
    ]);
    expect(elsewhere['channel']).toMatchObject({
      kind: 'elsewhere',
      service: { pl: 'Usługa „Uzyskaj dowód osobisty” na gov.pl' },
      url: 'https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty',
    });
    // The new schemas compile; what is still to do is check's to find.
    const issues = new IssueCollector();
    compileAll(SchemaRegistry.fromSources(await loadSchemaSources(dir), issues), new AnnotationChecker(), issues);
    expect(issues.issues).toEqual([]);
    const { findings } = await checkSchemas(dir, { today: TODAY });
    expect(findings.map((f) => `${f.file} ${f.pointer}`)).toContain(
      'procedures/wso-dowod-nowy.schema.json /x-ebok-procedure/channel/howTo/pl',
    );
  });

  it('refuses a channel it cannot use, and writes nothing', async () => {
    const dir = await fixture(() => {});
    const errors: string[] = [];
    const out = { log: () => {}, error: (l: string) => errors.push(l) };
    expect(await runNew(['wso-a'], { schemas: dir, channel: 'gov' }, out)).toBe(2);
    expect(await runNew(['wso-a'], { schemas: dir, channel: 'elsewhere', channelService: 'ePUAP' }, out)).toBe(2);
    expect(
      await runNew(
        ['wso-a'],
        { schemas: dir, channel: 'elsewhere', channelService: 'ePUAP', channelUrl: 'http://epuap.gov.pl' },
        out,
      ),
    ).toBe(2);
    expect(errors).toEqual([
      'ebok-forms new: --channel is "city" or "elsewhere", not "gov"',
      'ebok-forms new: --channel elsewhere needs --channel-service "<its Polish name>" and --channel-url https://…',
      'ebok-forms new: "http://epuap.gov.pl" is not the https address of a service (https://…, at most 500 characters)',
    ]);
    await expect(readFile(join(dir, 'procedures/wso-a.schema.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses to overwrite and says why, with exit code 2', async () => {
    const dir = await fixture(() => {});
    const errors: string[] = [];
    const out = { log: () => {}, error: (l: string) => errors.push(l) };
    expect(await runNew(['usc-odpis-aktu'], { schemas: dir }, out)).toBe(2);
    expect(errors).toEqual([
      'ebok-forms new: procedures/usc-odpis-aktu.schema.json already exists; nothing was written (ebok-forms new never overwrites)',
    ]);
    expect(await runNew(['wso-a', 'wso-b'], { schemas: dir }, out)).toBe(2);
    expect(await runNew(['wso-nowy'], { schemas: join(dir, 'nope') }, out)).toBe(2);
    expect(errors.at(-1)).toMatch(/does not exist: is --schemas the schemas folder\?/);
    await expect(createProcedure(dir, { id: 'Nowy' })).rejects.toBeInstanceOf(ScaffoldError);
  });
});
