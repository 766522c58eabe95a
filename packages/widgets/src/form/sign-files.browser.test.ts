// Several signers on one filing: a vehicle co-owned by two people is filed with a file each of
// them signed. The step says who must sign, takes several files at once (chosen or dropped), lists
// them with a button to remove each, and sends every one as a `signed-file` part. The city
// certificate is not offered, as it signs for one person. A stand-in for POST /v1/submissions
// keeps what was sent (the test server trusts no issuer of qualified or e-ID certificates).
import { expect } from '@open-wc/testing';
import { useLang } from '../localization.js';
import type { ProcedureForm } from './procedure-form.js';
import { expectAccessible, mountProcedure, press, sampleFile, until, validExamples } from '../../test/helpers.js';

const server = (await (await fetch('/__ebok/server.json')).json()) as { readonly url: string };
const example = (await validExamples())['wk-rejestracja-stala']!.find(
  (e) => e.name === 'valid-used-polish-keep-plate-co-owners.json',
)!;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const textOf = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const fieldErrorOf = (el: Element): string => textOf(shadow(el).querySelector('#signed-file-error'));
const added = (el: Element): string[] =>
  [...shadow(el).querySelectorAll('.added-files li span')].map((li) => textOf(li));

/** Fills the form with the co-owners' example (its attachments too), up to the file way. */
async function toFileWay(el: ProcedureForm): Promise<Uint8Array> {
  el.value = example.data;
  await press(el, 'button.primary');
  for (const step of (el.constructor as typeof ProcedureForm).model.steps) {
    for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
      const name = field.getAttribute('name')!;
      if (!example.attachments?.some((a) => a.name === name)) continue;
      field.value = await sampleFile(`${name}.pdf`, 'application/pdf', 3000 + name.length);
      field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
    await press(el, 'form button[type=submit]');
    expect(textOf(shadow(el).querySelector('.error-summary')), `errors on step ${step.id}`).to.equal('');
  }
  await until(() => shadow(el).querySelector('.summary'), 'check your answers');
  await press(el, 'button.primary');
  await until(() => shadow(el).querySelector('a.download'), 'the download link', 15_000);
  const link = shadow(el).querySelector<HTMLAnchorElement>('a.download')!;
  return new Uint8Array(await (await fetch(link.href)).arrayBuffer());
}

/** A signed PDF as a PAdES tool writes it: the downloaded one, with more after it. */
const signedPdf = (pdf: Uint8Array, name: string): File =>
  new File([pdf as BlobPart, new TextEncoder().encode(`\n% signature of ${name}\n%%EOF\n`)], name, {
    type: 'application/pdf',
  });

const transfer = (files: readonly File[]): DataTransfer => {
  const t = new DataTransfer();
  for (const f of files) t.items.add(f);
  return t;
};

/** Gives `files` to the file input at once, as choosing several would. */
function choose(el: ProcedureForm, files: readonly File[]): void {
  const input = shadow(el).querySelector<HTMLInputElement>('#signed-file')!;
  input.files = transfer(files).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function drop(el: ProcedureForm, files: readonly File[]): void {
  const zone = shadow(el).querySelector('.drop-zone')!;
  zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer(files), bubbles: true, cancelable: true }));
}

/** Answers POST /v1/submissions with `answer`, keeping what was sent, while `body` runs. */
async function withSubmissions(answer: () => Response, body: (sent: () => FormData | undefined) => Promise<void>) {
  const realFetch = window.fetch;
  let sent: FormData | undefined;
  window.fetch = async (input, init) => {
    if (String(input) !== `${server.url}/v1/submissions`) return realFetch(input, init);
    sent = init!.body as FormData;
    return answer();
  };
  try {
    await body(() => sent);
  } finally {
    window.fetch = realFetch;
  }
}

describe('a filing every co-owner signs, each with a file', function () {
  this.timeout(90_000);
  let el: ProcedureForm;

  beforeEach(async () => {
    await useLang('pl');
    el = await mountProcedure<ProcedureForm>('wk-rejestracja-stala', 'pl', server.url);
  });
  afterEach(() => el.remove());

  it('says who must sign, takes several files at once, lists them and removes one, under axe', async () => {
    const pdf = await toFileWay(el);
    const certificate = shadow(el).querySelector<HTMLInputElement>('input[name=sign-way][value=certificate]')!;
    expect(certificate.disabled).to.equal(true);
    expect(textOf(certificate.closest('label'))).to.contain('podpisuje go kilka osób');
    const steps = [...shadow(el).querySelectorAll('.sign-file-steps h3')].map(textOf);
    expect(steps[2]).to.equal('Dodaj podpisane pliki');
    expect([...shadow(el).querySelectorAll('ul.signers li')].map(textOf)).to.deep.equal([
      'Anna Maria Kowalska',
      'Piotr Kowalski',
    ]);
    expect(shadow(el).querySelector<HTMLInputElement>('#signed-file')!.multiple).to.equal(true);
    await expectAccessible(el, 'the step for several files');

    choose(el, [signedPdf(pdf, 'anna.pdf'), signedPdf(pdf, 'piotr.pdf')]);
    await until(() => added(el).length === 2, 'both files listed');
    expect(added(el)[0]).to.match(/^Dodany plik: anna\.pdf \(\d+ kB\)$/);
    expect(textOf(shadow(el).querySelector('.added-count'))).to.equal('Dodane pliki: 2 z 2');
    expect(textOf(shadow(el).querySelector('[role=status]'))).to.equal('Dodano podpisany plik: anna.pdf, piotr.pdf.');
    await expectAccessible(el, 'with two files listed');

    const remove = [...shadow(el).querySelectorAll<HTMLButtonElement>('.added-files button')];
    expect(remove.map(textOf)).to.deep.equal(['Usuń plik anna.pdf', 'Usuń plik piotr.pdf']);
    remove[0]!.click();
    await until(() => added(el).length === 1, 'one file left');
    expect(added(el)[0]).to.contain('piotr.pdf');
    expect(textOf(shadow(el).querySelector('[role=status]'))).to.equal('Usunięto plik: anna.pdf.');

    // One file of two: the browser says how many are still missing before anything is sent.
    await press(el, '.actions button.primary');
    await until(() => fieldErrorOf(el), 'the files missing');
    expect(fieldErrorOf(el)).to.equal(
      'Dodaj pliki podpisane przez każdą z osób, które podpisują wniosek: dodano 1 z 2.',
    );
    await expectAccessible(el, 'with a file missing');

    drop(el, [new File(['just text'], 'notatka.txt', { type: 'text/plain' })]);
    await until(() => fieldErrorOf(el).startsWith('notatka.txt: Tego pliku nie można złożyć.'), 'a file refused');
    expect(added(el)).to.have.length(1);
  });

  it('sends every file as a signed-file part, and offers each back with the receipt', async () => {
    const pdf = await toFileWay(el);
    const receipt = {
      registryNumber: 'RPW/9/2026',
      receivedAt: new Date().toISOString(),
      procedure: 'wk-rejestracja-stala',
      department: 'WK',
      documentSha256: '0'.repeat(64),
      receipt: { document: '{}', signature: btoa('x') },
    };
    await withSubmissions(
      () => new Response(JSON.stringify(receipt), { status: 201, headers: { 'content-type': 'application/json' } }),
      async (sent) => {
        choose(el, [signedPdf(pdf, 'anna.pdf')]);
        await until(() => added(el).length === 1, 'the first file');
        drop(el, [signedPdf(pdf, 'piotr.pdf')]);
        await until(() => added(el).length === 2, 'the second file, dropped');
        await press(el, '.actions button.primary');
        await until(() => shadow(el).querySelector('.panel'), 'the receipt');
        const files = sent()!.getAll('signed-file') as File[];
        expect(files.map((f) => f.name)).to.deep.equal(['anna.pdf', 'piotr.pdf']);
        expect(sent()!.has('signature')).to.equal(false);
      },
    );
    const downloads = [...shadow(el).querySelectorAll('a[download]')].map((a) => a.getAttribute('download'));
    expect(downloads).to.include.members(['wniosek-RPW-9-2026-1.pdf', 'wniosek-RPW-9-2026-2.pdf']);
  });

  it('drops the file the office says a stranger signed, keeps the other, and says what to do', async () => {
    const pdf = await toFileWay(el);
    const problem = {
      type: 'urn:ebok:problem:signer-mismatch',
      title: 'x',
      status: 422,
      reason: 'not-a-signer',
      pointer: '/owners/1',
      signedFile: 1,
    };
    await withSubmissions(
      () =>
        new Response(JSON.stringify(problem), { status: 422, headers: { 'content-type': 'application/problem+json' } }),
      async () => {
        choose(el, [signedPdf(pdf, 'anna.pdf'), signedPdf(pdf, 'obcy.pdf')]);
        await until(() => added(el).length === 2, 'both files');
        await press(el, '.actions button.primary');
        await until(() => fieldErrorOf(el), 'the refusal', 20_000);
      },
    );
    expect(fieldErrorOf(el)).to.match(/^Jeden z plików podpisała osoba, której wniosek nie wskazuje\./);
    expect(added(el)).to.have.length(1);
    expect(added(el)[0]).to.contain('anna.pdf');
    await expectAccessible(el, 'with the refusal');
  });
});
