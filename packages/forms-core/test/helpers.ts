import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSchemas, type CompileResult } from '../src/emit/compile.js';
import type { ProcedureValidator } from '../src/runtime/validator.js';
import type { AttachmentRef } from '../src/runtime/types.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const SCHEMAS_DIR = join(REPO_ROOT, 'schemas');
export const EXAMPLES_DIR = join(SCHEMAS_DIR, 'examples');

export interface Example {
  readonly file: string;
  readonly description: string;
  readonly data: unknown;
  readonly attachments: readonly AttachmentRef[];
  readonly errors: ReadonlyArray<{ pointer: string; code: string }>;
  readonly valid: boolean;
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
