import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAjv, inMemoryValidator } from '../src/compile/ajv.js';
import { AnnotationChecker } from '../src/compile/annotations.js';
import { IssueCollector } from '../src/compile/issues.js';
import { compileAll } from '../src/compile/procedure.js';
import { SchemaRegistry } from '../src/compile/registry.js';
import { loadSchemaSources } from '../src/emit/compile.js';
import { createValidator, type ProcedureValidator } from '../src/runtime/index.js';
import {
  compileToTemp,
  EXAMPLES_DIR,
  type Example,
  fileIssues,
  importGeneratedValidator,
  issueKey,
  loadExamples,
  SCHEMAS_DIR,
} from './helpers.js';
import { mutationsOf } from './mutations.js';

const procedureIds = readdirSync(`${SCHEMAS_DIR}/procedures`)
  .filter((n) => n.endsWith('.schema.json'))
  .map((n) => n.replace('.schema.json', ''))
  .sort();

type Loader = () => Promise<Map<string, ProcedureValidator>>;

/**
 * Validators compiled by ajv in memory (build-time code generation), wrapped like the generated
 * ones; `ajvDefaults` with ajv's own choices of how to generate the code instead of ours.
 */
const inMemory = async (ajvDefaults = false): Promise<Map<string, ProcedureValidator>> => {
  const issues = new IssueCollector();
  const registry = SchemaRegistry.fromSources(await loadSchemaSources(SCHEMAS_DIR), issues);
  const compiled = compileAll(registry, new AnnotationChecker(), issues);
  issues.throwIfAny();
  const ajv = createAjv(registry, ajvDefaults ? { inlineRefs: true } : {});
  return new Map(
    compiled.map((p) => [p.summary.id, createValidator(inMemoryValidator(ajv, p.doc.id), p.validatorSpec)]),
  );
};

/** The generated standalone ESM validators, imported from a fresh compile. */
const generated: Loader = async () => {
  const { outDir, procedures } = await compileToTemp();
  const entries = await Promise.all(
    procedures.map(
      async (p) => [p.summary.id, await importGeneratedValidator(outDir, p.summary.id, p.summary.version)] as const,
    ),
  );
  return new Map(entries);
};

it('has an examples folder for every procedure, and none other', () => {
  expect(procedureIds.length).toBeGreaterThan(0);
  expect(readdirSync(EXAMPLES_DIR).sort()).toEqual(procedureIds);
});

describe.each([
  ['ajv in memory', () => inMemory()],
  ['generated standalone validator', generated],
])('examples through %s', (_name, load) => {
  let validators: Map<string, ProcedureValidator>;
  beforeAll(async () => {
    validators = await load();
  }, 60_000);

  describe.each(procedureIds)('%s', (id) => {
    it('has at least two valid and five invalid examples, each invalid one naming its errors', async () => {
      const examples = await loadExamples(id);
      expect(examples.filter((e) => e.valid).length).toBeGreaterThanOrEqual(2);
      const invalid = examples.filter((e) => !e.valid);
      expect(invalid.length).toBeGreaterThanOrEqual(5);
      for (const e of invalid) expect(e.errors.length, e.file).toBeGreaterThan(0);
    });

    it('gives every example its expected result', async () => {
      const validator = validators.get(id)!;
      expect(validator).toBeDefined();
      for (const example of await loadExamples(id)) {
        const result = validator.validate(example.data, example.attachments);
        // As the server answers: the files' own problems once the document is valid.
        const errors = result.valid ? fileIssues(validator.spec.attachments, example.attachments) : result.errors;
        const got = errors.map(issueKey).sort();
        const want = example.errors.map(issueKey).sort();
        expect({ file: example.file, errors: got }).toEqual({ file: example.file, errors: want });
        expect(errors.length === 0).toBe(example.valid);
        for (const e of errors) {
          expect(e.message.pl && e.message.en && e.message.uk, `${example.file} ${issueKey(e)}`).toBeTruthy();
        }
      }
    });
  });
});

it('gives the same messages from the generated validators as from ajv in memory, schemas’ own ones included', async () => {
  const [memory, standalone] = await Promise.all([inMemory(), generated()]);
  let own = 0;
  for (const id of procedureIds) {
    const ownTexts = new Set(
      Object.values(memory.get(id)!.spec.messages)
        .flat()
        .map((m) => m.text.pl),
    );
    for (const example of await loadExamples(id)) {
      const messages = (v: ProcedureValidator) =>
        v.validate(example.data, example.attachments).errors.map((e) => [e.pointer, e.code, { ...e.message }]);
      const want = messages(memory.get(id)!);
      expect(messages(standalone.get(id)!), `${id} ${example.file}`).toEqual(want);
      own += want.filter(([, , m]) => ownTexts.has((m as { pl: string }).pl)).length;
    }
  }
  // The examples do reach messages that schemas give themselves.
  expect(own).toBeGreaterThan(0);
}, 60_000);

it('gives the same results as ajv generating its code its own way, on every example and each one-change variant of it', async () => {
  // Our code generation choices (shared definitions as functions) only make the code smaller.
  const [reference, standalone] = await Promise.all([inMemory(true), generated()]);
  const results = (v: ProcedureValidator, doc: { data: unknown; attachments: Example['attachments'] }) =>
    v.validate(doc.data, doc.attachments).errors.map((e) => ({ ...e, message: { ...e.message } }));
  let documents = 0;
  for (const id of procedureIds) {
    for (const example of await loadExamples(id)) {
      for (const doc of mutationsOf(example)) {
        documents++;
        expect(results(standalone.get(id)!, doc), `${id} ${example.file}`).toEqual(results(reference.get(id)!, doc));
      }
    }
  }
  expect(documents).toBeGreaterThan(10_000);
}, 120_000);
