import { formatIssue } from '../compile/issues.js';
import { checkSchemas } from './check.js';
import { createProcedure } from './new.js';
import { ScaffoldError } from './scaffold.js';

/** Where a command's lines go; the CLI passes the console, tests collect them. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** `ebok-forms new <id>`: exit code 0 when written, 2 on a usage problem. */
export async function runNew(
  args: readonly string[],
  options: { schemas: string; department?: string | undefined; title?: string | undefined },
  out: Output = console,
): Promise<number> {
  const [id, ...rest] = args;
  if (id === undefined || rest.length > 0) {
    out.error(
      'ebok-forms new: give exactly one procedure id, e.g. npm run forms -- new wso-zaswiadczenie-zameldowanie',
    );
    return 2;
  }
  try {
    const result = await createProcedure(options.schemas, {
      id,
      ...(options.department !== undefined && { department: options.department }),
      ...(options.title !== undefined && { title: options.title }),
    });
    out.log(`ebok-forms: created ${id}:`);
    for (const f of result.files) out.log(`  ${options.schemas}/${f}`);
    for (const n of result.notes) out.log(`note: ${n}`);
    out.log(`Next: replace every "TODO", then run npm run forms -- check --schemas ${options.schemas}`);
    out.log('Check the legal basis and the channel in ISAP, and set legalReview.checked to the day you did.');
    return 0;
  } catch (e) {
    if (e instanceof ScaffoldError) {
      out.error(`ebok-forms new: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** `ebok-forms check`: exit code 0 when clean, 1 with findings; `today` dates the legal reviews. */
export async function runCheck(schemas: string, out: Output = console, today: Date = new Date()): Promise<number> {
  const { procedures, findings } = await checkSchemas(schemas, { today });
  for (const f of findings) out.error(formatIssue(f));
  if (findings.length > 0) {
    const files = new Set(findings.map((f) => f.file)).size;
    out.error(
      `ebok-forms check: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
    );
    return 1;
  }
  out.log(`ebok-forms check: ${procedures} procedures, no findings`);
  return 0;
}
