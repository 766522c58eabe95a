// Follows docs/adding-a-procedure.md step by step, with the guide's own commands and snippets, so
// the guide cannot drift from what the tools do.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureValidator } from '@ebok/forms-core/runtime';
import { api, enrol, type Example, formData, prepare, submit } from './contract/client.js';
import { type NodeTarget, startNodeTarget } from './node-target.js';

const REPO = resolve(import.meta.dirname, '../../..');
const GUIDE = join(REPO, 'docs/adding-a-procedure.md');
const CLI = join(REPO, 'packages/forms-core/dist/cli.js');
/** The day `check` dates the legal reviews against: the guide's and the schemas' reviews are fresh on it. */
const TODAY = '2026-12-07';
const run = promisify(execFile);

interface Block {
  readonly lang: string;
  readonly info: string;
  readonly body: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1]!,
    info: m[2]!.trim(),
    body: m[3]!,
  }));
}

/** Splits a shell command line into words, honouring double quotes (all the guide uses). */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

/** Sets the value at a JSON pointer (its parent must exist). */
function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let node: Record<string, unknown> = root;
  for (const p of parts) node = node[p] as Record<string, unknown>;
  node[last] = value;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('docs/adding-a-procedure.md, followed step by step', () => {
  let guide: Block[];
  let schemas: string;
  let id: string;
  let target: NodeTarget | undefined;

  beforeAll(async () => {
    guide = blocks(await readFile(GUIDE, 'utf8'));
    schemas = join(await mkdtemp(join(tmpdir(), 'ebok-guide-')), 'schemas');
    await cp(join(REPO, 'schemas/common'), join(schemas, 'common'), { recursive: true });
    await cp(join(REPO, 'schemas/procedures'), join(schemas, 'procedures'), { recursive: true });
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('1. scaffolds the procedure with the guide’s command, and check lists its to-dos', async () => {
    const line = guide
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => b.body.split('\n'))
      .find((l) => l.startsWith('npm run forms -- new '))!;
    const args = words(line).slice(4);
    id = args[1]!;
    expect(id).toBe('wso-zaswiadczenie-zameldowanie');
    const created = await cli([...args, '--schemas', schemas]);
    expect(created.code, created.stderr).toBe(0);
    expect(existsSync(join(schemas, `procedures/${id}.schema.json`))).toBe(true);
    expect((await cli([...args, '--schemas', schemas])).stderr).toMatch(/already exists; nothing was written/);

    const check = await cli(['check', '--schemas', schemas, '--today', TODAY]);
    expect(check.code).toBe(1);
    const shown = guide.find((b) => b.lang === 'text' && b.body.includes('findings in'))!;
    for (const l of shown.body.split('\n').filter((l) => l.startsWith('procedures/')))
      expect(check.stderr).toContain(l);
    expect(check.stderr).toContain(shown.body.trim().split('\n').at(-1));
  });

  it('2–4. applies the guide’s edits and examples; check is then clean', async () => {
    const file = join(schemas, `procedures/${id}.schema.json`);
    const schema = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const edits = guide.filter((b) => b.info.startsWith('set='));
    expect(edits.map((b) => b.info)).toEqual([
      'set=/x-ebok-procedure',
      'set=/properties',
      'set=/required',
      'set=/allOf',
    ]);
    for (const b of edits) setAt(schema, b.info.slice('set='.length), JSON.parse(b.body));
    await writeFile(file, JSON.stringify(schema, null, 2));
    for (const b of guide.filter((b) => b.info.startsWith('file=')))
      await writeFile(join(schemas, b.info.slice('file='.length)), b.body);

    const check = await cli(['check', '--schemas', schemas, '--today', TODAY]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout.trim()).toBe('ebok-forms check: 15 procedures, no findings');
  });

  it('5. compiles it, with its element module, and its examples validate as they say', async () => {
    const out = join(schemas, 'dist');
    const elements = join(schemas, '..', 'elements');
    const compiled = await cli(['compile', '--schemas', schemas, '--out', out, '--elements', elements]);
    expect(compiled.code, compiled.stderr).toBe(0);
    const element = await readFile(join(elements, `procedures/${id}.ts`), 'utf8');
    expect(element).toContain(`define("ebok-${id}"`);
    const { default: validator } = (await import(
      pathToFileURL(join(out, `procedures/${id}/1.0.0/validator.js`)).href
    )) as { default: ProcedureValidator };
    for (const name of ['valid-example.json', 'invalid-example.json']) {
      const ex = JSON.parse(await readFile(join(schemas, 'examples', id, name), 'utf8')) as Example & {
        errors?: Array<{ pointer: string; code: string }>;
      };
      const result = validator.validate(ex.data, ex.attachments);
      expect(result.errors.map((e) => `${e.pointer} ${e.code}`).sort(), name).toEqual(
        (ex.errors ?? []).map((e) => `${e.pointer} ${e.code}`).sort(),
      );
    }
  });

  it('7–8. the server accepts a signed submission, and the department leases it from its queue', async () => {
    target = await startNodeTarget({ EBOK_SCHEMAS_DIR: join(schemas, 'dist') });
    const entry = await api(target, `/v1/procedures/${id}`);
    expect(entry.status).toBe(200);

    const example = JSON.parse(guide.find((b) => b.info === `file=examples/${id}/valid-example.json`)!.body) as Example;
    // The applicant the example names signs it (the procedure's signers: a proxy, or the applicant).
    const resident = await enrol(target, (example.data['applicant'] as { pesel: string }).pesel);
    const submission = await prepare(resident, id, { example });
    const res = await submit(target, formData(submission));
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = (await res.json()) as { registryNumber: string; department: string; procedure: unknown };
    expect(receipt).toMatchObject({ department: 'WSO', procedure: { id, version: '1.0.0' } });

    const token = target.departmentToken('WSO');
    const lease = await api(target, '/v1/departments/WSO/queue/lease', {
      method: 'POST',
      token,
      json: { max: 10, visibilitySeconds: 60 },
    });
    expect(lease.status).toBe(200);
    const { messages } = (await lease.json()) as {
      messages: Array<{ id: number; leaseId: string; registryNumber: string; documentUrl: string }>;
    };
    const message = messages.find((m) => m.registryNumber === receipt.registryNumber)!;
    expect(message).toBeDefined();
    const stored = (await (await api(target, message.documentUrl, { token })).json()) as { document: string };
    expect(stored.document).toBe(submission.documentText);
    const ack = await api(target, `/v1/departments/WSO/queue/${message.id}/ack`, {
      method: 'POST',
      token,
      json: { leaseId: message.leaseId },
    });
    expect(ack.status).toBe(200);
  });
});
