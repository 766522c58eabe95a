import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationDocument, type ApplicationEnvelope } from '../src/document/application.js';
import { findPadesSignature, PadesError } from '../src/document/pades.js';
import { compileSchemas } from '../src/emit/compile.js';
import type { BrowserFormModel, Json } from '../src/runtime/types.js';
import { loadExamples, SCHEMAS_DIR } from './helpers.js';

// Signed the way PDF signing tools sign: an incremental update after the document with a
// signature dictionary, a signature field on the first page and the catalog's AcroForm; the CMS
// made by OpenSSL (CAdES, detached) over the byte ranges. poppler's pdfsig checks each file too.
const run = promisify(execFile);
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

let dir: string;
let document: Uint8Array;

async function tool(cmd: string, ...args: string[]) {
  try {
    return await run(cmd, args, { cwd: dir });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${cmd} not found: install Debian's ${cmd === 'openssl' ? 'openssl' : 'poppler-utils'}`);
    }
    throw e;
  }
}

/** The object `n 0 obj … endobj`'s dictionary text, the last one in the file. */
const objectText = (pdf: string, n: number): string => {
  const all = [...pdf.matchAll(new RegExp(`(?:^|\\n)${n} 0 obj\\n(<<[\\s\\S]*?>>)\\nendobj`, 'g'))];
  return all.at(-1)![1]!;
};

/** An incremental update that signs `pdf` as a signing tool does; `mutate` changes the update before it is signed. */
async function padesSign(
  pdf: Uint8Array,
  options: { subFilter?: string; afterSigning?: string; contentsDigits?: number } = {},
): Promise<Uint8Array> {
  const text = latin1(pdf);
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
  const prevXref = Number(/startxref\n(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))![1]);
  const root = Number(/\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
  const firstPage = Number(/\/Kids \[(\d+) 0 R/.exec(text)![1]);
  const sig = size;
  const field = size + 1;
  const digits = options.contentsDigits ?? 16384;
  const placeholder = '0000000000';
  const objects: Array<[number, string]> = [
    [
      sig,
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'} ` +
        `/ByteRange [0 ${placeholder} ${placeholder} ${placeholder}] /Contents <${'0'.repeat(digits)}> ` +
        `/M (D:20261207093000Z) /Name (Resident) >>`,
    ],
    [
      field,
      `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (Podpis1) /V ${sig} 0 R /P ${firstPage} 0 R >>`,
    ],
    [root, objectText(text, root).replace(/>>$/, ` /AcroForm << /Fields [${field} 0 R] /SigFlags 3 >> >>`)],
    [firstPage, objectText(text, firstPage).replace(/>>$/, ` /Annots [${field} 0 R] >>`)],
  ];
  let update = '\n';
  const offsets = new Map<number, number>();
  for (const [n, body] of objects) {
    offsets.set(n, pdf.length + update.length);
    update += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xref = pdf.length + update.length;
  update += 'xref\n';
  for (const n of [...offsets.keys()].sort((x, y) => x - y)) {
    update += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  }
  const id = /\/ID \[(<[0-9A-F]+>)/.exec(text)![1];
  update += `trailer\n<< /Size ${size + 2} /Root ${root} 0 R /Prev ${prevXref} /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`;
  let file = Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
  const asText = file.toString('latin1');
  const a = asText.indexOf('/Contents <', pdf.length) + '/Contents '.length;
  const b = a + digits + 2;
  const range = (n: number) => String(n).padEnd(placeholder.length, ' ');
  const byteRange = `[0 ${range(a)} ${range(b)} ${range(file.length - b)}]`;
  const at = asText.indexOf('/ByteRange [', pdf.length) + '/ByteRange '.length;
  file.write(byteRange, at, 'latin1');
  await writeFile(join(dir, 'ranges.bin'), Buffer.concat([file.subarray(0, a), file.subarray(b)]));
  await tool(
    'openssl',
    ...'cms -sign -binary -cades -md sha256 -outform DER -nosmimecap -signer cert.pem -inkey key.pem -in ranges.bin -out sig.der'.split(
      ' ',
    ),
  );
  const cms = await readFile(join(dir, 'sig.der'));
  file.write(cms.toString('hex').toUpperCase(), a + 1, 'latin1');
  if (options.afterSigning) file = Buffer.concat([file, Buffer.from(options.afterSigning, 'latin1')]);
  return new Uint8Array(file);
}

async function pdfsig(pdf: Uint8Array): Promise<string> {
  await writeFile(join(dir, 'signed.pdf'), pdf);
  return (await tool('pdfsig', '-nocert', 'signed.pdf').catch((e: { stdout: string }) => ({ stdout: e.stdout })))
    .stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebok-pades-'));
  await tool(
    'openssl',
    ...'req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 30 -subj /CN=Jan_Kowalski/serialNumber=PNOPL-80010101230'.split(
      ' ',
    ),
  );
  const p = (await compileSchemas({ schemasDir: SCHEMAS_DIR })).procedures.find(
    (x) => x.summary.id === 'usc-odpis-aktu',
  )!;
  const example = (await loadExamples('usc-odpis-aktu')).find((e) => e.valid)!;
  const envelope: ApplicationEnvelope = {
    procedure: 'usc-odpis-aktu',
    schemaVersion: p.summary.version,
    data: example.data as Json,
    attachments: [],
    submittedAt: '2026-12-07T09:30:00.000Z',
    nonce: 'pades-nonce-1',
  };
  document = (await applicationDocument(p.model as BrowserFormModel, envelope)).pdf;
});

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof PadesError) return e.code;
    throw e;
  }
  return 'accepted';
};

describe('a PAdES signature over the application document', () => {
  it('is found in the update a signing tool adds, and covers exactly what OpenSSL signed and pdfsig checks', async () => {
    const signed = await padesSign(document);
    const report = await pdfsig(signed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    const found = findPadesSignature(signed, document);
    expect(found.subFilter).toBe('ETSI.CAdES.detached');
    expect(Buffer.from(found.signedBytes).equals(await readFile(join(dir, 'ranges.bin')))).toBe(true);
    expect(Buffer.from(found.cms).equals(await readFile(join(dir, 'sig.der')))).toBe(true);
    // What is signed begins with the document, whole.
    expect(Buffer.from(found.signedBytes.subarray(0, document.length)).equals(Buffer.from(document))).toBe(true);
  });

  it('accepts adbe.pkcs7.detached, the older name of the same detached CMS', async () => {
    expect(
      findPadesSignature(await padesSign(document, { subFilter: 'adbe.pkcs7.detached' }), document).subFilter,
    ).toBe('adbe.pkcs7.detached');
  });

  it('refuses a file that is not this document, or this document unsigned', async () => {
    const signed = await padesSign(document);
    const other = Uint8Array.from(signed);
    other[200] = other[200]! ^ 1;
    expect(code(() => findPadesSignature(other, document))).toBe('not-this-document');
    expect(code(() => findPadesSignature(document, document))).toBe('not-signed');
    expect(code(() => findPadesSignature(document.subarray(0, 1000), document))).toBe('not-this-document');
  });

  it('refuses an update added after the signature (pdfsig sees it does not cover the whole file)', async () => {
    const signed = await padesSign(document, { afterSigning: '\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' });
    expect(await pdfsig(signed)).not.toContain('Total document signed');
    expect(code(() => findPadesSignature(signed, document))).toBe('not-whole-document');
  });

  it('refuses a second signature, a format other than detached CMS, and more added bytes than the limit', async () => {
    const once = await padesSign(document);
    const twice = await padesSign(once);
    expect(code(() => findPadesSignature(twice, document))).toBe('several-signatures');
    const timestamp = await padesSign(document, { subFilter: 'ETSI.RFC3161' });
    expect(code(() => findPadesSignature(timestamp, document))).toBe('unsupported-format');
    expect(code(() => findPadesSignature(once, document, { maxAddedBytes: 4096 }))).toBe('too-large');
  });

  it('refuses a /Contents with anything but one CMS structure and zero padding', async () => {
    const signed = Buffer.from(await padesSign(document));
    const at = signed.toString('latin1').indexOf('/Contents <', document.length) + '/Contents <'.length;
    const end = signed.indexOf('>', at);
    const extra = Buffer.from(signed);
    extra.write('30', end - 4, 'latin1');
    expect(code(() => findPadesSignature(extra, document))).toBe('malformed');
    const notHex = Buffer.from(signed);
    notHex.write('zz', end - 2, 'latin1');
    expect(code(() => findPadesSignature(notHex, document))).toBe('malformed');
    const notCms = Buffer.from(signed);
    notCms.write('04', at, 'latin1');
    expect(code(() => findPadesSignature(notCms, document))).toBe('malformed');
  });
});
