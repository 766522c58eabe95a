import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationDocument, type ApplicationEnvelope } from '../src/document/application.js';
import { findPadesSignature, PadesError } from '../src/document/pades.js';
import { compileSchemas } from '../src/emit/compile.js';
import type { BrowserFormModel, Json } from '../src/runtime/types.js';
import { loadExamples, SCHEMAS_DIR } from './helpers.js';
import { StatutoryPki } from './shared/statutory-pki.js';

// Signed the way PDF signing tools sign (shared/statutory-pki.ts): an incremental update after
// the document with a signature dictionary, a signature field and the catalog's AcroForm; the CMS
// made by OpenSSL over the byte ranges. poppler's pdfsig checks each file too.
const run = promisify(execFile);
let pki: StatutoryPki;
let document: Uint8Array;
const padesSign = (pdf: Uint8Array, options: { subFilter?: string; afterSigning?: string } = {}) =>
  pki.pades(pdf, 'signer', options);

async function pdfsig(pdf: Uint8Array): Promise<string> {
  await writeFile(join(pki.dir, 'signed.pdf'), pdf);
  try {
    return (await run('pdfsig', ['-nocert', 'signed.pdf'], { cwd: pki.dir })).stdout;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error("pdfsig not found: install Debian's poppler-utils");
    return (e as { stdout: string }).stdout;
  }
}

beforeAll(async () => {
  pki = await StatutoryPki.create();
  await pki.issue('signer', { givenNames: 'Jan', surname: 'Kowalski', pesel: '80010101230' }, 'qualified');
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
    expect(Buffer.from(found.signedBytes).equals(await readFile(join(pki.dir, 'ranges.bin')))).toBe(true);
    expect(Buffer.from(found.cms).equals(await readFile(join(pki.dir, 'sig.der')))).toBe(true);
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
