import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledProcedure } from '../src/compile/procedure.js';
import {
  answerSections,
  APPLICATION_FILE_NAME,
  applicationDocument,
  type ApplicationEnvelope,
} from '../src/document/index.js';
import { printable, textWidth, wrap } from '../src/document/pdf.js';
import { compileSchemas } from '../src/emit/compile.js';
import type { Json } from '../src/runtime/types.js';
import { loadExamples, PROCEDURE_COUNT, SCHEMAS_DIR } from './helpers.js';

// Every document is read back by poppler (Debian's poppler-utils), an implementation that is not ours:
// its text, its embedded file, and no complaint about the file's structure.
const run = promisify(execFile);
const poppler = async (tool: string, ...args: string[]) => {
  try {
    return await run(tool, args);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install Debian's poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw e;
  }
};

let dir: string;
let procedures: readonly CompiledProcedure[];
const SHA = (c: string) => c.repeat(64);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebok-document-'));
  procedures = (await compileSchemas({ schemasDir: SCHEMAS_DIR })).procedures;
});

const envelopeFor = (
  p: CompiledProcedure,
  data: unknown,
  attachments: ReadonlyArray<{ name: string; mediaType: string; size: number }>,
): ApplicationEnvelope => ({
  procedure: p.summary.id,
  schemaVersion: p.summary.version,
  data: data as Json,
  attachments: attachments.map((a, i) => ({ ...a, sha256: SHA('0123456789abcdef'[i % 16]!) })),
  submittedAt: '2026-12-07T09:30:00.000Z',
  nonce: 'k3Jd8s0QpXz1',
});

/** Text as poppler extracts it, with runs of white space as one space. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

async function readBack(pdf: Uint8Array, name: string) {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const info = await poppler('pdfinfo', file);
  const text = await poppler('pdftotext', '-enc', 'UTF-8', file, '-');
  const list = await poppler('pdfdetach', '-list', file);
  const out = join(dir, `${name}.json`);
  await poppler('pdfdetach', '-save', '1', '-o', out, file);
  return {
    stderr: info.stderr + text.stderr + list.stderr,
    pages: Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]),
    title: /Title:\s+(.*)/.exec(info.stdout)?.[1],
    text: flat(text.stdout),
    attached: list.stdout,
    embedded: await readFile(out, 'utf8'),
  };
}

describe('the application document (the PDF residents sign with a statutory signature)', () => {
  it('shows every answer of every valid example, carries the canonical JSON, and is the same file every time', async () => {
    let documents = 0;
    for (const p of procedures) {
      for (const example of (await loadExamples(p.summary.id)).filter((e) => e.valid)) {
        const envelope = envelopeFor(p, example.data, example.attachments);
        const first = await applicationDocument(p.model, envelope);
        const again = await applicationDocument(p.model, structuredClone(envelope));
        expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf)), example.file).toBe(true);

        const back = await readBack(first.pdf, `${p.summary.id}-${example.file}`);
        expect(back.stderr, example.file).toBe('');
        expect(back.title).toBe(p.summary.title.pl);
        expect(back.attached).toContain(APPLICATION_FILE_NAME);
        expect(back.embedded).toBe(first.canonical);
        expect(back.text).toContain(flat(p.summary.title.pl));
        expect(back.text).toContain(first.sha256);
        let rows = 0;
        for (const section of answerSections(p.model, envelope.data)) {
          expect(back.text).toContain(flat(section.title));
          for (const row of section.rows) {
            // Wrapped lines come back with a space where they were broken.
            expect(back.text, `${example.file}: ${row.label}`).toContain(flat(row.answer));
            expect(back.text).toContain(flat(row.label));
            rows++;
          }
        }
        expect(rows, example.file).toBeGreaterThan(3);
        for (const a of envelope.attachments) expect(back.text).toContain(a.sha256);
        expect(back.text).toContain(`strona ${back.pages} z ${back.pages}`);
        documents++;
      }
    }
    expect(documents).toBeGreaterThanOrEqual(PROCEDURE_COUNT);
  }, 120_000);

  it('shows Polish, Cyrillic and Greek as written, and any character the font lacks by its code point', async () => {
    const p = procedures.find((x) => x.summary.id === 'wso-wymeldowanie-stale')!;
    const example = (await loadExamples(p.summary.id)).find((e) => e.valid)!;
    const data = structuredClone(example.data) as { person: { surname: string; givenNames: string } };
    data.person.surname = 'Żółkiewska-Шевченко 😀';
    data.person.givenNames = 'Ελένη Zażółć';
    const { pdf } = await applicationDocument(p.model, envelopeFor(p, data, example.attachments));
    const back = await readBack(pdf, 'scripts');
    expect(back.text).toContain('Żółkiewska-Шевченко [U+1F600]');
    expect(back.text).toContain('Ελένη Zażółć');
  });

  it('breaks long text into lines that fit, inside a word only when the word alone is wider', () => {
    const words = wrap('Zażółć gęślą jaźń '.repeat(30), 10, 200);
    expect(words.length).toBeGreaterThan(5);
    for (const line of words) expect(textWidth(line, 10)).toBeLessThanOrEqual(200);
    expect(words.every((l) => !l.startsWith(' ') && !l.endsWith(' '))).toBe(true);
    const long = wrap(`x${'W'.repeat(400)}`, 10, 100);
    expect(long.length).toBeGreaterThan(10);
    expect(long.join('')).toBe(`x${'W'.repeat(400)}`);
    expect(wrap('one\ntwo\r\nthree', 10, 400)).toEqual(['one', 'two', 'three']);
    expect(printable('a\tb\u0007c 😀')).toBe('a b c [U+1F600]');
  });

  it('refuses an envelope for another procedure or version than the model', async () => {
    const p = procedures[0]!;
    const envelope = envelopeFor(p, {}, []);
    await expect(applicationDocument(p.model, { ...envelope, schemaVersion: '9.9.9' })).rejects.toThrow(/9\.9\.9/);
    await expect(applicationDocument(p.model, { ...envelope, procedure: 'other' })).rejects.toThrow(/other/);
  });
});
