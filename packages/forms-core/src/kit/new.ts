import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { procedureDepartment, ScaffoldError, scaffoldProcedure, type ScaffoldOptions } from './scaffold.js';

export interface NewProcedureResult {
  /** The files written, relative to the schemas folder. */
  readonly files: readonly string[];
  /** Things the author should know (e.g. a department no other procedure uses yet). */
  readonly notes: readonly string[];
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)),
  );

async function knownDepartments(schemasDir: string): Promise<Set<string>> {
  try {
    const catalogue = await readFile(join(schemasDir, 'dist', 'catalogue.json'), 'utf8');
    return new Set((JSON.parse(catalogue) as Array<{ department: string }>).map((p) => p.department));
  } catch {
    return new Set();
  }
}

/** Writes a new procedure's schema and examples into a schemas folder; never overwrites. */
export async function createProcedure(schemasDir: string, options: ScaffoldOptions): Promise<NewProcedureResult> {
  const department = procedureDepartment(options.id, options.department);
  if (!(await exists(join(schemasDir, 'procedures'))))
    throw new ScaffoldError(`${join(schemasDir, 'procedures')} does not exist: is --schemas the schemas folder?`);
  const files = scaffoldProcedure(options);
  const taken = [`procedures/${options.id}.schema.json`, `examples/${options.id}`];
  for (const path of taken)
    if (await exists(join(schemasDir, path)))
      throw new ScaffoldError(`${path} already exists; nothing was written (ebok-forms new never overwrites)`);
  for (const [path, content] of files) {
    await mkdir(dirname(join(schemasDir, path)), { recursive: true });
    await writeFile(join(schemasDir, path), content, { flag: 'wx' });
  }
  const notes: string[] = [];
  const departments = await knownDepartments(schemasDir);
  if (departments.size > 0 && !departments.has(department))
    notes.push(`no other procedure goes to department ${department}: it needs a queue reader and a token`);
  return { files: [...files.keys()], notes };
}
