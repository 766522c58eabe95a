// Signing with a file, against the real intake server: the resident chooses a qualified signature
// or podpis osobisty, downloads the PDF the office makes from the fixed document, and files the
// signed file. The browser refuses a file that cannot be the application signed; the office's
// refusals are told in the resident's language, with what to do. The test server trusts no issuer
// of qualified or e-ID certificates, so a filing it accepts is answered by a stand-in for
// POST /v1/submissions that keeps what was sent.
import { expect } from '@open-wc/testing';
import { signDetached } from '@ebok/forms-core/resident';
import { useLang } from '../localization.js';
import type { FileSubmission } from './drafts.js';
import type { ProcedureForm } from './procedure-form.js';
import { refusalMessage } from './signed-file.js';
import type { Problem } from './submit.js';
import { enrolledResident, expectAccessible, mountProcedure, press, until, validExamples } from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;
const example = (await validExamples())['usc-odpis-aktu']!.find(
  (e) => e.name === 'valid-death-unidentified-exempt.json',
)!;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const textOf = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const summaryOf = (el: Element): string => textOf(shadow(el).querySelector('.error-summary'));
const fieldErrorOf = (el: Element): string => textOf(shadow(el).querySelector('#signed-file-error'));
const download = (el: Element): HTMLAnchorElement | null => shadow(el).querySelector<HTMLAnchorElement>('a.download');

/** Fills the form with the example, step by step, up to the signing step. */
async function toSigning(el: ProcedureForm): Promise<void> {
  el.value = example.data;
  await press(el, 'button.primary');
  for (const step of (el.constructor as typeof ProcedureForm).model.steps) {
    await press(el, 'form button[type=submit]');
    expect(summaryOf(el), `errors on step ${step.id}`).to.equal('');
  }
  await until(() => shadow(el).querySelector('.summary'), 'check your answers');
  await press(el, 'button.primary');
}

/** Fills the form up to the signing step, and chooses to sign with a file. */
async function toFileWay(el: ProcedureForm): Promise<Uint8Array> {
  await toSigning(el);
  const radio = await untilFound(el, 'input[name=sign-way][value=file]');
  radio.click();
  await until(() => download(el), 'the download link', 15_000);
  return new Uint8Array(await (await fetch(download(el)!.href)).arrayBuffer());
}

async function untilFound<T extends Element = HTMLInputElement>(el: Element, selector: string): Promise<T> {
  await until(() => shadow(el).querySelector(selector), selector);
  return shadow(el).querySelector(selector) as unknown as T;
}

/** Gives `file` to the file input, as choosing it would. */
async function choose(el: ProcedureForm, file: File): Promise<void> {
  const input = shadow(el).querySelector<HTMLInputElement>('#signed-file')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Drops `file` on the drop zone. */
function drop(el: ProcedureForm, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const zone = shadow(el).querySelector('.drop-zone')!;
  zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
}

/** The document the form fixed for signing with a file (what it keeps in the draft). */
async function fixedDocument(): Promise<FileSubmission> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('ebok-drafts', 1);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error!);
  });
  const drafts = await new Promise<Array<{ signed?: FileSubmission }>>((resolve) => {
    const request = db.transaction('drafts').objectStore('drafts').getAll();
    request.onsuccess = () => resolve(request.result as Array<{ signed?: FileSubmission }>);
  });
  db.close();
  const signed = drafts.map((d) => d.signed).find((s) => s && 'way' in s);
  expect(signed, 'the fixed document in the draft').to.exist;
  return signed!;
}

/** A detached CMS over `bytes` made with a city certificate (an issuer the office does not trust for this). */
async function cmsOver(bytes: Uint8Array): Promise<Uint8Array> {
  const { keys, certificateDer } = await enrolledResident(server);
  return signDetached(bytes, keys.privateKey, certificateDer);
}

/** A signed PDF as a PAdES tool writes it: the downloaded one, with more after it. */
const signedPdf = (pdf: Uint8Array): File =>
  new File([pdf as BlobPart, new TextEncoder().encode('\n% signature\n%%EOF\n')], 'wniosek-podpisany.pdf', {
    type: 'application/pdf',
  });

describe('signing with podpis zaufany, a qualified signature or podpis osobisty', function () {
  this.timeout(90_000);
  let el: ProcedureForm;

  beforeEach(async () => {
    await useLang('pl');
    el = await mountProcedure<ProcedureForm>('usc-odpis-aktu', 'pl', server.url);
  });
  afterEach(() => el.remove());

  it('offers the choice in plain words, the city certificate first', async () => {
    await toSigning(el);
    const legend = await untilFound(el, '.sign-way legend');
    expect(textOf(legend)).to.equal('Jak chcesz podpisać wniosek?');
    const radios = [...shadow(el).querySelectorAll<HTMLInputElement>('input[name=sign-way]')];
    expect(radios.map((r) => textOf(r.closest('label')))).to.deep.equal([
      'Certyfikatem urzędu miasta w tej przeglądarce Wydaje go urzędnik po sprawdzeniu dowodu. Podpisujesz jednym przyciskiem.',
      'Podpisem zaufanym, kwalifikowanym albo osobistym (e-dowód) Pobierasz wniosek jako plik PDF, podpisujesz go (w usłudze podpisu zaufanego albo swoją aplikacją do podpisu) i dodajesz podpisany plik.',
    ]);
    expect(radios.map((r) => r.checked)).to.deep.equal([true, false]);
    await expectAccessible(el, 'the choice');
  });

  it('fixes the document in the draft and downloads the PDF the office makes from it', async () => {
    const pdf = await toFileWay(el);
    const fixed = await fixedDocument();
    const direct = await fetch(`${server.url}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixed.document,
    });
    expect(direct.status).to.equal(200);
    expect([...pdf]).to.deep.equal([...new Uint8Array(await direct.arrayBuffer())]);
    expect(download(el)!.download).to.match(/^wniosek-usc-odpis-aktu-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(textOf(download(el))).to.match(/^Pobierz wniosek \(PDF, \d+ kB\)$/);
    expect(textOf(shadow(el).querySelector('[role=status]'))).to.equal('Wniosek do pobrania jest gotowy.');
    await expect(el).to.be.accessible();
    await expectAccessible(el, 'the file way');

    // Going back and coming again keeps the same document: the PDF downloaded still applies.
    await press(el, '.actions button.link');
    await until(() => shadow(el).querySelector('.summary'), 'check your answers');
    await press(el, 'button.primary');
    await until(() => download(el), 'the download link again');
    expect((await fixedDocument()).document).to.equal(fixed.document);
  });

  it('shows the links the city sets, and none it does not', async () => {
    el.setAttribute('qualified-signature-url', 'https://example.org/kwalifikowany');
    el.setAttribute('personal-signature-url', 'javascript:alert(1)');
    await toFileWay(el);
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('.sign-file-steps ul a')];
    expect(links.map((a) => [textOf(a), a.href])).to.deep.equal([
      ['Jak podpisać podpisem kwalifikowanym', 'https://example.org/kwalifikowany'],
    ]);
  });

  it('refuses in the browser a file that is not the document downloaded, or no signed file at all', async () => {
    const pdf = await toFileWay(el);
    const other = pdf.slice();
    other[pdf.length - 20] = 0xff - pdf[pdf.length - 20]!;
    await choose(el, new File([other as BlobPart, new Uint8Array(10)], 'inny.pdf', { type: 'application/pdf' }));
    await until(() => fieldErrorOf(el), 'the error next to the file');
    expect(fieldErrorOf(el)).to.equal(
      'To nie jest dokument pobrany z tej strony. Podpisz plik PDF pobrany w kroku 1, bez zmieniania go, i dodaj plik z podpisem.',
    );
    expect(summaryOf(el)).to.contain(fieldErrorOf(el));
    await until(() => shadow(el).activeElement?.classList.contains('error-summary'), 'the summary to take the focus');
    expect(shadow(el).querySelector('#signed-file')!.getAttribute('aria-describedby')).to.contain('signed-file-error');

    // An XAdES file (podpis zaufany) is the office's to check: the browser takes it.
    drop(el, new File(['<?xml version="1.0"?><ds:Signature/>'], 'wniosek.xml', { type: 'text/xml' }));
    await until(() => fieldErrorOf(el) === '', 'the XAdES file taken, the error gone');
    expect(shadow(el).textContent).to.contain('wniosek.xml');

    await choose(el, new File(['just text'], 'wniosek.txt', { type: 'text/plain' }));
    await until(
      () =>
        fieldErrorOf(el) ===
        'Tego pliku nie można złożyć. Dodaj podpisany wniosek: plik PDF z podpisem, plik .xml albo plik .p7s.',
      'unsupported',
    );

    await choose(el, new File([pdf as BlobPart], 'wniosek.pdf', { type: 'application/pdf' }));
    await until(() => fieldErrorOf(el).startsWith('Ten plik nie jest podpisany'), 'unsigned');
    await expectAccessible(el, 'with the file refused');
  });

  it("files a .p7s as signed-file: the office's refusal is told with what to do", async () => {
    const pdf = await toFileWay(el);
    drop(el, new File([(await cmsOver(pdf)) as BlobPart], 'wniosek.pdf.p7s'));
    await until(() => textOf(shadow(el).querySelector('.added')).startsWith('Dodany plik: wniosek.pdf.p7s'), 'added');
    expect(textOf(shadow(el).querySelector('[role=status]'))).to.equal('Dodano podpisany plik: wniosek.pdf.p7s.');
    await press(el, 'button.primary');
    await until(() => fieldErrorOf(el), 'the refusal', 20_000);
    expect(fieldErrorOf(el)).to.equal(
      'Urząd nie przyjmuje podpisów z certyfikatem tego wystawcy. Podpisz wniosek podpisem zaufanym, kwalifikowanym albo osobistym (e-dowód) albo wybierz podpis certyfikatem urzędu miasta.',
    );
    await until(() => shadow(el).activeElement?.classList.contains('error-summary'), 'the summary to take the focus');
    // The refused file goes; the same document stays to be signed again.
    expect(shadow(el).querySelector('.added')).to.equal(null);
    expect((await fixedDocument()).signedFile).to.equal(undefined);
  });

  it('files a signed PDF as signed-file with the fixed document, and shows the receipt', async () => {
    const pdf = await toFileWay(el);
    const realFetch = window.fetch;
    let sent: FormData | undefined;
    window.fetch = async (input, init) => {
      if (String(input) === `${server.url}/v1/submissions`) {
        sent = init!.body as FormData;
        return new Response(
          JSON.stringify({
            registryNumber: 'RPW/7/2026',
            receivedAt: new Date().toISOString(),
            procedure: 'usc-odpis-aktu',
            department: 'USC',
            documentSha256: '0'.repeat(64),
            receipt: { document: '{}', signature: btoa('x') },
          }),
          { status: 201, headers: { 'content-type': 'application/json' } },
        );
      }
      return realFetch(input, init);
    };
    try {
      await choose(el, signedPdf(pdf));
      await until(() => shadow(el).querySelector('.added'), 'the file added');
      await press(el, 'button.primary');
      await until(() => shadow(el).querySelector('.panel'), 'the receipt');
    } finally {
      window.fetch = realFetch;
    }
    expect(sent!.has('signature')).to.equal(false);
    // The document filed is the one the downloaded PDF was made from.
    const again = await fetch(`${server.url}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: await (sent!.get('document') as Blob).text(),
    });
    expect([...new Uint8Array(await again.arrayBuffer())]).to.deep.equal([...pdf]);
    const file = sent!.get('signed-file') as File;
    expect(file.name).to.equal('wniosek-podpisany.pdf');
    expect([...new Uint8Array(await file.arrayBuffer())]).to.deep.equal([
      ...new Uint8Array(await signedPdf(pdf).arrayBuffer()),
    ]);
    expect(textOf(shadow(el).querySelector('.panel .number'))).to.equal('RPW/7/2026');
    expect([...shadow(el).querySelectorAll('a[download]')].map((a) => a.getAttribute('download'))).to.include(
      'wniosek-RPW-7-2026.pdf',
    );
  });
});

const REFUSALS: ReadonlyArray<[type: string, reason: string | undefined, pl: string, en: string]> = [
  ['signature-invalid', 'content-mismatch', 'To nie jest dokument pobrany z tej strony.', 'This is not the document'],
  ['signature-invalid', 'not-signed', 'W pliku nie ma podpisu.', 'The file has no signature.'],
  ['signature-invalid', 'several-signatures', 'Plik ma więcej niż jeden podpis.', 'more than one signature'],
  ['signature-invalid', 'not-whole-document', 'Podpis nie obejmuje całego dokumentu', 'does not cover the whole'],
  [
    'signature-invalid',
    'unsupported-format',
    'nie przyjmuje tego formatu podpisu',
    'does not accept this signature format',
  ],
  ['signature-invalid', 'malformed', 'Nie udało się odczytać podpisu', 'could not be read'],
  ['certificate-invalid', 'unknown-issuer', 'certyfikatem tego wystawcy', 'a certificate from this issuer'],
  [
    'certificate-invalid',
    'not-qualified',
    'nie jest certyfikatem podpisu kwalifikowanego',
    'not a qualified signature',
  ],
  ['certificate-invalid', 'certificate-expired', 'wygasł', 'has expired'],
  ['certificate-invalid', 'certificate-not-yet-valid', 'nie jest jeszcze ważny', 'is not valid yet'],
  ['certificate-invalid', 'key-usage', 'nie można używać do podpisywania', 'cannot be used to sign'],
  ['certificate-revoked', 'keyCompromise', 'został unieważniony', 'has been revoked'],
  ['revocation-unavailable', 'timeout', 'ponownie za kilka minut', 'again in a few minutes'],
  ['signer-mismatch', undefined, 'Plik podpisała inna osoba', 'signed by someone other'],
  ['validation-failed', undefined, 'Urząd znalazł błędy we wniosku', 'The office found errors'],
];

describe("the office's refusals of a signed file, in the resident's language", function () {
  this.timeout(30_000);
  after(() => useLang('pl'));

  for (const [type, reason, pl, en] of REFUSALS) {
    it(`${type}${reason ? ` (${reason})` : ''}`, async () => {
      const problem: Problem = {
        type: `urn:ebok:problem:${type}`,
        title: 'x',
        status: 422,
        ...(reason ? { reason } : {}),
      };
      await useLang('pl');
      expect(refusalMessage(problem)).to.contain(pl);
      await useLang('en');
      expect(refusalMessage(problem)).to.contain(en);
      await useLang('uk');
      expect(refusalMessage(problem)).to.match(/[А-Яа-яІіЇїЄє]/);
    });
  }

  it('signature-kind-not-accepted: names the ways the office accepts for the procedure', async () => {
    const problem: Problem = {
      type: 'urn:ebok:problem:signature-kind-not-accepted',
      title: 'x',
      status: 422,
      accepted: ['city', 'qualified'],
    };
    await useLang('pl');
    expect(refusalMessage(problem)).to.contain(
      'Podpisz go w jeden z tych sposobów: certyfikat urzędu miasta, podpis kwalifikowany.',
    );
    await useLang('en');
    expect(refusalMessage(problem)).to.contain("ways: the city office's certificate, a qualified signature.");
    await useLang('uk');
    expect(refusalMessage(problem)).to.contain('сертифікат міської установи, кваліфікований підпис.');
  });

  it('is rendered in English, beside the file, when the office refuses it', async () => {
    await useLang('en');
    const el = await mountProcedure<ProcedureForm>('usc-odpis-aktu', 'en', server.url);
    try {
      const pdf = await toFileWay(el);
      await choose(el, new File([(await cmsOver(pdf)) as BlobPart], 'application.p7s'));
      await until(() => shadow(el).querySelector('.added'), 'the file added');
      await press(el, 'button.primary');
      await until(() => fieldErrorOf(el), 'the refusal', 20_000);
      expect(fieldErrorOf(el)).to.match(/^The office does not accept signatures with a certificate from this issuer\./);
      await expectAccessible(el, 'the refusal in English');
    } finally {
      el.remove();
    }
  });
});
