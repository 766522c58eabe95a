import { _, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { validatorFormats } from '../runtime/validator-formats.js';
import type { RawValidateFunction } from '../runtime/validator.js';
import type { SchemaRegistry } from './registry.js';

/** The identifier generated validators import the format table as. */
export const FORMATS_IDENTIFIER = '__formats';

/**
 * An ajv instance holding every schema document, set up exactly like the generated validators:
 * all errors, strict about unknown keywords, our formats, our annotations as known keywords.
 * `overrides` change ajv's options (tests compare code generation choices with them).
 */
export function createAjv(registry: SchemaRegistry, overrides: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Residents see our messages (runtime/messages/), never ajv's English ones.
    messages: false,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    // A shared definition bigger than a few keywords (an address, a person) becomes one function
    // that every place using it calls, rather than a copy of its code in each: smaller validators.
    inlineRefs: 4,
    // Must be literal code: an interpolated string would become a quoted string literal.
    code: { source: true, esm: true, formats: _`__formats` },
    ...overrides,
  });
  // Ajv2020 always tracks which properties each subschema evaluated (for unevaluated*) and
  // passes dynamic anchors along (for $dynamicRef); generated code pays for both in every
  // function. Where no schema uses those keywords, neither is needed.
  const uses = (keywords: RegExp) => [...registry.docs.values()].some((d) => keywords.test(JSON.stringify(d.root)));
  const opts = ajv.opts as { unevaluated?: boolean; dynamicRef?: boolean };
  if (overrides.unevaluated === undefined && !uses(/"unevaluated(Properties|Items)"\s*:/)) opts.unevaluated = false;
  if (overrides.dynamicRef === undefined && !uses(/"\$dynamic(Ref|Anchor)"\s*:/)) opts.dynamicRef = false;
  ajv.addVocabulary(['x-ebok', 'x-ebok-procedure', 'x-ebok-error']);
  for (const [name, format] of Object.entries(validatorFormats)) ajv.addFormat(name, format);
  // Annotations are for the compiler; left in, standalone code would carry every label.
  for (const doc of registry.docs.values()) ajv.addSchema(withoutAnnotations(doc.root) as object);
  return ajv;
}

function withoutAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutAnnotations);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !k.startsWith('x-ebok'))
      .map(([k, v]) => [k, k === 'enum' || k === 'const' ? v : withoutAnnotations(v)]),
  );
}

/** The in-memory validate function for a schema `$id` (uses code generation: build time only). */
export function inMemoryValidator(ajv: Ajv2020, id: string): RawValidateFunction {
  const fn = ajv.getSchema(id);
  if (!fn) throw new Error(`no schema ${id}`);
  return fn as unknown as RawValidateFunction;
}

/** ESM source of a standalone validator; it imports the format table as `__formats`. */
export function standaloneSource(ajv: Ajv2020, id: string, formatsModule: string): string {
  const code = standaloneCode.default(ajv, inMemoryValidator(ajv, id) as never);
  return `import { validatorFormats as ${FORMATS_IDENTIFIER} } from ${JSON.stringify(formatsModule)};\n${code}`;
}

/**
 * ESM source of one module of standalone validators, one export per name (each a schema `$id`),
 * sharing the code of what they share; it imports the format table as `__formats`.
 */
export function standaloneModuleSource(
  ajv: Ajv2020,
  exports: Readonly<Record<string, string>>,
  formatsModule: string,
): string {
  const code = standaloneCode.default(ajv, exports as Record<string, string>);
  return `import { validatorFormats as ${FORMATS_IDENTIFIER} } from ${JSON.stringify(formatsModule)};\n${code}`;
}
