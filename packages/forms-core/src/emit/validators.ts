import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { standaloneSource } from '../compile/ajv.js';
import type { CompiledProcedure } from '../compile/procedure.js';
import { polishOnly } from './texts.js';

// The package root: where esbuild resolves the runtime from.
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// When the compiler runs from source (tests), bundle the runtime from source too.
const RUNTIME_ENTRY = sourceOrBuilt('index');

/**
 * ajv's runtime helpers as its standalone code refers to them (`require("ajv/dist/runtime/…")`,
 * the `code` ajv itself writes), and the runtime export that computes the same. An import
 * instead of the `require`: a bundled `require` of an ES module costs each validator a CommonJS
 * wrapper, and an external one does not run in a browser.
 */
const AJV_RUNTIME_HELPERS: ReadonlyArray<{ readonly code: string; readonly name: string }> = [
  'ucs2length',
  'equal',
].map((name) => ({ code: ajvHelperCode(name), name }));

function ajvHelperCode(name: string): string {
  const helper = createRequire(import.meta.url)(`ajv/dist/runtime/${name}`) as { default: { code: string } };
  return helper.default.code;
}

function sourceOrBuilt(name: string): string {
  const ts = fileURLToPath(new URL(`../runtime/${name}.ts`, import.meta.url));
  return existsSync(ts) ? ts : fileURLToPath(new URL(`../runtime/${name}.js`, import.meta.url));
}

const NAMESPACE = 'ebok-validator';
/** The runtime as a package import: what code importing it rather than bundling it names. */
export const SHARED_RUNTIME = '@ebok/forms-core/runtime/base';
// The form model beside validator.shared.js, which the widgets' validator takes attachments from.
const FORM_MODEL = './form-model.pl.js';

/** Both bundles of every procedure's validator, made from one run of ajv's code generation. */
export interface ValidatorBundles {
  /** Self-contained: ajv's code, our formats and the runtime wrapper in each file. */
  readonly selfContained: Map<string, string>;
  /**
   * Importing the runtime (messages, formats, wrapper) from `@ebok/forms-core/runtime/base` instead
   * of bundling it: for bundlers that put it in one chunk shared by every procedure (the widgets),
   * with Polish messages there and the other languages added when a resident switches.
   */
  readonly shared: Map<string, string>;
}

/**
 * Bundles one ESM validator per procedure, self-contained and runtime-sharing: ajv's standalone
 * code, our formats and the runtime wrapper (messages, attachments, warnings). No `require`, no
 * `eval` or `new Function`: it runs in browsers under a strict CSP, on Node and in workerd.
 */
export async function bundleValidators(
  ajv: Ajv2020,
  procedures: readonly CompiledProcedure[],
  minify = true,
): Promise<ValidatorBundles> {
  const modules = new Map<string, string>();
  for (const p of procedures) {
    const key = `${p.summary.id}@${p.summary.version}`;
    const raw = withAjvHelpersImported(standaloneSource(ajv, p.doc.id, RUNTIME_ENTRY), p.summary.id);
    modules.set(`${key}/raw`, withoutUnusedSchemaPaths(raw, p));
    const entry = (spec: string, withModel = false): string =>
      [
        `import { createValidator } from ${JSON.stringify(RUNTIME_ENTRY)};`,
        `import raw from ${JSON.stringify(`${NAMESPACE}:${key}/raw`)};`,
        ...(withModel ? [`import model from ${JSON.stringify(FORM_MODEL)};`] : []),
        `export const validator = createValidator(raw, ${spec});`,
        `export const validate = validator.validate;`,
        `export default validator;`,
      ].join('\n');
    modules.set(`${key}/entry`, entry(JSON.stringify(p.validatorSpec)));
    // For the widgets: the schemas' own messages in Polish (a language's come with the form
    // model's texts), and the attachment rules read from the form model, which has them anyway.
    const { attachments: _attachments, ...rest } = {
      ...p.validatorSpec,
      messages: polishOnly(p.validatorSpec.messages),
    };
    modules.set(
      `${key}/entry-shared`,
      entry(`{ ...${JSON.stringify(rest)}, attachments: model.procedure.attachments }`, true),
    );
  }
  const [selfContained, shared] = await Promise.all([
    bundle(modules, procedures, minify, false),
    bundle(modules, procedures, minify, true),
  ]);
  return { selfContained, shared };
}

/**
 * ajv's standalone code with its runtime helpers imported from ours (from `runtime`, the
 * runtime's source by default) instead of `require`d.
 */
export function withAjvHelpersImported(code: string, procedureId: string, runtime = RUNTIME_ENTRY): string {
  const imports: string[] = [];
  let out = code;
  for (const { code: ajvCode, name } of AJV_RUNTIME_HELPERS) {
    if (!out.includes(ajvCode)) continue;
    out = out.split(ajvCode).join(`__${name}`);
    imports.push(`import { ${name} as __${name} } from ${JSON.stringify(runtime)};`);
  }
  if (out.includes('require('))
    throw new Error(`the validator of ${procedureId} needs an ajv runtime helper we have none for`);
  return `${imports.join('\n')}\n${out}`;
}

/**
 * ajv's standalone code gives every error its `schemaPath`; the runtime reads it only to tell
 * apart a schema's own messages (`x-ebok-error`) for one field and keyword, where there are
 * several. Errors whose path ends at none of them lose it: they get the same message either way,
 * and the code is smaller.
 */
export function withoutUnusedSchemaPaths(code: string, procedure: Pick<CompiledProcedure, 'validatorSpec'>): string {
  const used = Object.entries(procedure.validatorSpec.messages).flatMap(([key, candidates]) => {
    const keyword = key.slice(key.lastIndexOf(' ') + 1);
    return candidates.flatMap((c) => (c.at === undefined ? [] : [`${c.at}/${keyword}`]));
  });
  // ajv writes string literals as JSON; anything else (an expression, the last property) stays.
  return code.replace(/\bschemaPath: *("(?:[^"\\]|\\.)*") *, */g, (whole, literal: string) => {
    const path = JSON.parse(literal) as string;
    return used.some((end) => path.endsWith(end)) ? whole : '';
  });
}

async function bundle(
  modules: ReadonlyMap<string, string>,
  procedures: readonly CompiledProcedure[],
  minify: boolean,
  sharedRuntime: boolean,
): Promise<Map<string, string>> {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(
      procedures.map((p) => {
        const key = `${p.summary.id}@${p.summary.version}`;
        return [key, `${NAMESPACE}:${key}/${sharedRuntime ? 'entry-shared' : 'entry'}`];
      }),
    ),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    minify,
    legalComments: 'none',
    charset: 'utf8',
    outdir: 'out',
    absWorkingDir: PACKAGE_ROOT,
    logLevel: 'silent',
    plugins: [
      {
        name: NAMESPACE,
        setup(build) {
          build.onResolve({ filter: new RegExp(`^${NAMESPACE}:`) }, (args) => ({
            path: args.path.slice(NAMESPACE.length + 1),
            namespace: NAMESPACE,
          }));
          if (sharedRuntime) {
            build.onResolve({ filter: /./ }, (args) =>
              args.path === RUNTIME_ENTRY || args.path === FORM_MODEL
                ? { path: args.path === FORM_MODEL ? FORM_MODEL : SHARED_RUNTIME, external: true }
                : undefined,
            );
          }
          build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
            contents: modules.get(args.path)!,
            loader: 'js',
            resolveDir: PACKAGE_ROOT,
          }));
        },
      },
    ],
  });
  const out = new Map<string, string>();
  for (const f of result.outputFiles) out.set(f.path.replace(/^.*[\\/]/, '').replace(/\.js$/, ''), f.text);
  for (const p of procedures) {
    if (!out.has(`${p.summary.id}@${p.summary.version}`))
      throw new Error(`esbuild produced no validator for ${p.summary.id}`);
  }
  return out;
}
