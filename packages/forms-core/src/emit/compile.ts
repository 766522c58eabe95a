import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAjv } from '../compile/ajv.js';
import { AnnotationChecker } from '../compile/annotations.js';
import { type ApiSchema, compileApi } from '../compile/api.js';
import { IssueCollector } from '../compile/issues.js';
import { compileAll, type CompiledProcedure } from '../compile/procedure.js';
import { SchemaRegistry, type SchemaSource } from '../compile/registry.js';
import { LANGS, type FormModel, type ValidatorSpec } from '../runtime/types.js';
import { emitApi } from './api.js';
import { emitElements } from './elements.js';
import { legalBasesMarkdown } from './legal-bases.js';
import { emitStories } from './stories.js';
import { forBrowsers, polishOnly, textsIn } from './texts.js';
import { emitTypes, emitValidatorDeclarations } from './types.js';
import { bundleValidators } from './validators.js';
import { writeTreeAtomically } from './write.js';

export interface CompileOptions {
  /** The schemas folder, holding `common/` and `procedures/`, and `api/` when it has the HTTP API's bodies. */
  readonly schemasDir: string;
  /** Where the output goes; replaced as a whole. Omit to compile and check without writing. */
  readonly outDir?: string;
  /**
   * Where the widgets' generated element modules go (e.g. `packages/widgets/src/generated/elements`);
   * replaced as a whole. Omit to skip them.
   */
  readonly elementsDir?: string;
  /**
   * Where the procedures' Storybook stories go (e.g. `stories/procedures`); replaced as a whole.
   * Omit to skip them.
   */
  readonly storiesDir?: string;
  /**
   * Where the summary of the procedures' legal bases and reviews for a city's lawyer goes (e.g.
   * `docs/legal-bases.md`). Omit to skip it.
   */
  readonly legalBasesFile?: string;
  /** Minify the validators (default true). */
  readonly minify?: boolean;
}

export interface CompileResult {
  readonly procedures: readonly CompiledProcedure[];
  /** The schemas of the HTTP API's bodies (`api/`), each emitted under `api/` in the output. */
  readonly api: readonly ApiSchema[];
  /** Output files by path relative to outDir. */
  readonly files: ReadonlyMap<string, string>;
  /** The widgets' element modules by path relative to elementsDir. */
  readonly elements: ReadonlyMap<string, string>;
  /** The procedures' Storybook modules by path relative to storiesDir. */
  readonly stories: ReadonlyMap<string, string>;
  /** The procedures' legal bases and reviews as Markdown (what `legalBasesFile` receives). */
  readonly legalBases: string;
  readonly durationMs: number;
}

/** Reads `common/`, `procedures/` and `api/*.schema.json`, with paths relative to the folder. */
export async function loadSchemaSources(schemasDir: string): Promise<SchemaSource[]> {
  const sources: SchemaSource[] = [];
  for (const sub of ['common', 'procedures', 'api']) {
    let names: string[];
    try {
      names = await readdir(join(schemasDir, sub));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    for (const name of names.filter((n) => n.endsWith('.schema.json')).sort()) {
      sources.push({ file: `${sub}/${name}`, text: await readFile(join(schemasDir, sub, name), 'utf8') });
    }
  }
  return sources;
}

const modelDeclaration = (type: 'FormModel' | 'BrowserFormModel'): string =>
  [
    `import type { ${type} } from '@ebok/forms-core/runtime';`,
    `declare const model: ${type};`,
    'export default model;',
    '',
  ].join('\n');

const TEXTS_DECLARATION = [
  'declare const texts: readonly string[];',
  'export default texts;',
  "/** The texts of the validator's own messages (`validator.shared.js` has them in Polish only). */",
  'export declare const messages: readonly string[];',
  '',
].join('\n');

/**
 * `form-model.pl.js` (the model as browsers have it, with Polish texts only) and
 * `form-model.<lang>.js` (that language's texts in `forEachText` order, and those of the
 * schemas' own messages in `validator.shared.js`): a browser loads English or Ukrainian only when
 * a resident switches to it, and `addTexts` puts them in.
 */
function splitModelTexts(fullModel: FormModel, validatorSpec: ValidatorSpec): Map<string, string> {
  const out = new Map<string, string>();
  const model = forBrowsers(fullModel);
  out.set('form-model.pl.js', `export default ${JSON.stringify(polishOnly(model))};\n`);
  out.set('form-model.pl.d.ts', modelDeclaration('BrowserFormModel'));
  for (const lang of LANGS.filter((l) => l !== 'pl')) {
    out.set(
      `form-model.${lang}.js`,
      `export default ${JSON.stringify(textsIn(model, lang))};\n` +
        `export const messages = ${JSON.stringify(textsIn(validatorSpec.messages, lang))};\n`,
    );
    out.set(`form-model.${lang}.d.ts`, TEXTS_DECLARATION);
  }
  return out;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The folder of one procedure version inside the output. */
export const procedureDir = (id: string, version: string): string => `procedures/${id}/${version}`;

/**
 * Compiles the schemas into types, validators, form models, bundled schemas and a catalogue, and
 * the HTTP API's bodies into types and validators (`api/`).
 * Any schema problem stops it with a SchemaCompileError listing every problem by file and
 * JSON pointer, before anything is written.
 */
export async function compileSchemas(options: CompileOptions): Promise<CompileResult> {
  const started = performance.now();
  const sources = await loadSchemaSources(options.schemasDir);
  const issues = new IssueCollector();
  const registry = SchemaRegistry.fromSources(sources, issues);
  if (registry.procedures().length === 0 && issues.issues.length === 0) {
    issues.add('procedures/', '', 'no procedure schemas found');
  }
  const procedures = compileAll(registry, new AnnotationChecker(), issues);
  const api = compileApi(registry, issues);
  issues.throwIfAny();

  const ajv = createAjv(registry);
  for (const doc of [...procedures.map((p) => p.doc), ...api.schemas.map((s) => s.doc)]) {
    try {
      ajv.getSchema(doc.id);
    } catch (e) {
      issues.add(doc.file, '', `ajv cannot compile it: ${(e as Error).message}`);
    }
  }
  issues.throwIfAny();

  const { selfContained: validators, shared: sharedValidators } = await bundleValidators(
    ajv,
    procedures,
    options.minify ?? true,
  );
  const files = new Map<string, string>();
  const catalogue = [];
  const loaders: string[] = [];
  const schemaLoaders: string[] = [];
  const modelLoaders: string[] = [];
  for (const p of procedures) {
    const { id, version } = p.summary;
    const dir = procedureDir(id, version);
    files.set(`${dir}/types.d.ts`, await emitTypes(p));
    files.set(`${dir}/validator.js`, validators.get(`${id}@${version}`)!);
    files.set(`${dir}/validator.d.ts`, emitValidatorDeclarations(p));
    // The same validator importing the runtime from @ebok/forms-core/runtime/base, for bundles that share it.
    files.set(`${dir}/validator.shared.js`, sharedValidators.get(`${id}@${version}`)!);
    files.set(`${dir}/validator.shared.d.ts`, emitValidatorDeclarations(p));
    files.set(`${dir}/form-model.d.ts`, modelDeclaration('FormModel'));
    // For browsers: the model with its Polish texts, and each other language's texts apart.
    for (const [rel, content] of splitModelTexts(p.model, p.validatorSpec)) files.set(`${dir}/${rel}`, content);
    files.set(`${dir}/form-model.json`, json(p.model));
    files.set(`${dir}/schema.json`, json(p.bundle));
    // The same schema and model as ES modules: importable by servers, workers and bundlers alike.
    files.set(`${dir}/schema.js`, `export default ${JSON.stringify(p.bundle)};\n`);
    files.set(`${dir}/form-model.js`, `export default ${JSON.stringify(p.model)};\n`);
    catalogue.push({ ...p.summary, steps: p.model.steps.map((s) => ({ id: s.id, title: s.title })) });
    const key = JSON.stringify(`${id}@${version}`);
    loaders.push(`  ${key}: () => import(${JSON.stringify(`./${dir}/validator.js`)}),`);
    schemaLoaders.push(`  ${key}: () => import(${JSON.stringify(`./${dir}/schema.js`)}),`);
    modelLoaders.push(`  ${key}: () => import(${JSON.stringify(`./${dir}/form-model.js`)}),`);
  }
  files.set('catalogue.json', json(catalogue));
  files.set(
    'index.js',
    [
      '// Generated by ebok-forms. Do not edit.',
      `export const catalogue = ${JSON.stringify(catalogue)};`,
      '/** Loads the validator of a procedure version, by "<id>@<version>". */',
      'export const validators = {',
      ...loaders,
      '};',
      '/** Loads the bundled JSON Schema of a procedure version. */',
      'export const schemas = {',
      ...schemaLoaders,
      '};',
      '/** Loads the form model of a procedure version. */',
      'export const formModels = {',
      ...modelLoaders,
      '};',
      '',
    ].join('\n'),
  );
  files.set(
    'index.d.ts',
    [
      '// Generated by ebok-forms. Do not edit.',
      "import type { FormModel, ProcedureSummary, ProcedureValidator, StepModel } from '@ebok/forms-core/runtime';",
      "export type CatalogueEntry = ProcedureSummary & { readonly steps: ReadonlyArray<Pick<StepModel, 'id' | 'title'>> };",
      'export declare const catalogue: readonly CatalogueEntry[];',
      'export declare const validators: Readonly<Record<string, () => Promise<{ default: ProcedureValidator }>>>;',
      'export declare const schemas: Readonly<Record<string, () => Promise<{ default: Record<string, unknown> }>>>;',
      'export declare const formModels: Readonly<Record<string, () => Promise<{ default: FormModel }>>>;',
      '',
    ].join('\n'),
  );
  for (const [rel, content] of await emitApi(ajv, api, options.minify ?? true)) files.set(rel, content);
  const elements = emitElements(procedures);
  const stories = emitStories(procedures);
  const legalBases = legalBasesMarkdown(procedures.map((p) => p.summary));
  if (options.legalBasesFile) await writeFile(options.legalBasesFile, legalBases);
  if (options.outDir) await writeTreeAtomically(options.outDir, files);
  if (options.elementsDir) await writeTreeAtomically(options.elementsDir, elements);
  if (options.storiesDir) await writeTreeAtomically(options.storiesDir, stories);
  return {
    procedures,
    api: api.schemas,
    files,
    elements,
    stories,
    legalBases,
    durationMs: performance.now() - started,
  };
}
