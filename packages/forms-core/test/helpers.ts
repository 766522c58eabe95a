import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSchemas, type CompileResult } from '../src/emit/compile.js';
import type { ProcedureValidator } from '../src/runtime/validator.js';
import { checkAttachmentImage } from '../src/runtime/image-check.js';
import type { AttachmentRef, AttachmentRule, ValidationIssue } from '../src/runtime/types.js';
import { type ImageDimensions, imageFile } from './shared/image-file.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const SCHEMAS_DIR = join(REPO_ROOT, 'schemas');
export const EXAMPLES_DIR = join(SCHEMAS_DIR, 'examples');
/** How many procedures there are: every count in the tests derives from the schemas' folder. */
export const PROCEDURE_COUNT = readdirSync(join(SCHEMAS_DIR, 'procedures')).filter((f) =>
  f.endsWith('.schema.json'),
).length;

export interface Example {
  readonly file: string;
  readonly description: string;
  readonly data: unknown;
  readonly attachments: readonly ExampleAttachment[];
  /** What the server answers: the validator's errors, or if none, those it finds in the files. */
  readonly errors: ReadonlyArray<{ pointer: string; code: string }>;
  readonly valid: boolean;
}

/**
 * An example's attachment: what the signed document declares of it, and for an image whose
 * procedure states its pixel size, the size of the file the example stands for.
 */
export type ExampleAttachment = AttachmentRef & { readonly image?: ImageDimensions };

/** The codes of what the server finds in an attachment's own bytes (after the validator). */
export const FILE_CODES: ReadonlySet<string> = new Set([
  'attachment.not-an-image',
  'attachment.image-too-small',
  'attachment.image-too-large',
]);

/**
 * What the server finds in the files of a document its validator passed: each attachment with an
 * `image` rule checked, with the server's own code, as a file of the pixel size its example
 * states.
 */
export function fileIssues(
  rules: readonly AttachmentRule[],
  attachments: readonly ExampleAttachment[],
): ValidationIssue[] {
  return attachments.flatMap((a) => {
    const rule = rules.find((r) => r.name === a.name);
    if (!rule?.image) return [];
    if (!a.image) throw new Error(`"${a.name}" has a pixel size: its example needs "image": { "width", "height" }`);
    const issue = checkAttachmentImage(rule, a.mediaType, imageFile(a.mediaType, a.image, a.size));
    return issue ? [issue] : [];
  });
}

export async function loadExamples(procedureId: string): Promise<Example[]> {
  const dir = join(EXAMPLES_DIR, procedureId);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const raw = JSON.parse(await readFile(join(dir, name), 'utf8')) as Partial<Example>;
      return {
        file: name,
        description: raw.description ?? '',
        data: raw.data,
        attachments: raw.attachments ?? [],
        errors: raw.errors ?? [],
        valid: name.startsWith('valid-'),
      };
    }),
  );
}

/** Compiles the real schemas into a fresh temporary folder. */
export async function compileToTemp(options: { minify?: boolean } = {}): Promise<CompileResult & { outDir: string }> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'ebok-compile-')), 'out');
  const result = await compileSchemas({ schemasDir: SCHEMAS_DIR, outDir, ...options });
  return { ...result, outDir };
}

export async function importGeneratedValidator(
  outDir: string,
  id: string,
  version: string,
): Promise<ProcedureValidator> {
  const url = pathToFileURL(join(outDir, 'procedures', id, version, 'validator.js')).href;
  const mod = (await import(url)) as { default: ProcedureValidator };
  return mod.default;
}

export const issueKey = (i: { pointer: string; code: string }): string => `${i.pointer} ${i.code}`;
