import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang } from '../localization.js';
import type { FileSubmission } from './drafts.js';
import type { ShownError } from './journey.js';
import {
  checkSignedFile,
  DocumentError,
  fetchApplicationPdf,
  fileCheckMessage,
  fixDocument,
  pdfName,
  randomKey,
  signedFilesOf,
  refusalMessage,
  type Answers,
} from './signed-file.js';
import { adoptStyles } from './sign-file.styles.js';
import { cityLink, kilobytes, renderDropZone, renderSignStep, signersOf } from './sign-file-steps.js';
import type { ErrorSummaryJourney } from './step-page.js';
import { sendSubmission, SubmissionError, unreachable, type Problem, type SubmissionReceipt } from './submit.js';

/** How a resident signs: the city certificate in this browser, or a file they sign with their own tool. */
export type SignWay = 'certificate' | 'file';

/** What signing with a file reads and asks of the journey (journey.ts). */
export interface FileSignJourney extends ErrorSummaryJourney, Answers {
  readonly busy: boolean;
  readonly signed: { readonly document: string } | undefined;
  setBusy(busy: boolean): void;
  announce(status: string): void;
  showErrors(errors: readonly ShownError[], refused?: boolean): void;
  sign(signed: FileSubmission): Promise<void>;
  sent(receipt: SubmissionReceipt): Promise<void>;
  focusAfterRender(selector: string): void;
}

interface FileWayState {
  way?: SignWay;
  /** The PDF made from the fixed document, and a URL to save it from. */
  pdf?: { readonly document: string; readonly bytes: Uint8Array; readonly url: string };
  /** The PDF is being made, or could not be. */
  loading?: boolean;
  failed?: boolean;
  /** What is wrong with the file given, next to its control. */
  fileError?: () => string;
}

const states = new WeakMap<FileSignJourney, FileWayState>();
const stateOf = (journey: FileSignJourney): FileWayState => {
  let state = states.get(journey);
  if (!state) states.set(journey, (state = {}));
  return state;
};

const fixedOf = (journey: FileSignJourney): FileSubmission | undefined => {
  const signed = journey.signed as FileSubmission | { document: string } | undefined;
  return signed && 'way' in signed ? signed : undefined;
};

/** Whether the procedure accepts the city certificate, a signed file (any of the statutory kinds), or both. */
const waysOf = (journey: FileSignJourney): { readonly certificate: boolean; readonly file: boolean } => {
  const kinds = journey.model.procedure.signatures ?? ['qualified', 'trusted-profile', 'personal'];
  return { certificate: kinds.includes('city'), file: kinds.some((k) => k !== 'city') };
};

/** Several people must sign (co-owners): each signs a file, as the city certificate signs for one. */
const severalSign = (journey: FileSignJourney): boolean => signersOf(journey).length > 1;

/**
 * The way the resident chose, or the one their draft was on: the city certificate by default where
 * the procedure accepts it, signed files where it does not or where several people must sign.
 */
export const chosenWay = (journey: FileSignJourney): SignWay => {
  const ways = waysOf(journey);
  if (!ways.file) return 'certificate';
  if (!ways.certificate || severalSign(journey)) return 'file';
  return stateOf(journey).way ?? (fixedOf(journey) ? 'file' : 'certificate');
};

/** The choice of how to sign, in plain words. */
export function renderWayChoice(journey: FileSignJourney, endpoint: string, onChange: () => void): TemplateResult {
  adoptStyles(journey.root);
  const ways = waysOf(journey);
  // One way only: said, not asked (the residence act, for one, names only the three signatures).
  if (!ways.certificate)
    return html`<p>
      ${msg(
        'Ten wniosek podpiszesz podpisem zaufanym, kwalifikowanym albo osobistym (e-dowód): tak stanowią przepisy.',
        {
          id: 'sign-way.file-only',
        },
      )}
    </p>`;
  if (!ways.file) return html``;
  const way = chosenWay(journey);
  const several = severalSign(journey);
  const choose = (next: SignWay): void => {
    stateOf(journey).way = next;
    onChange();
    if (next === 'file') void prepare(journey, endpoint);
    else journey.announce('');
  };
  return html`
    <fieldset class="sign-way" ?disabled=${journey.busy}>
      <legend>${msg('Jak chcesz podpisać wniosek?', { id: 'sign-way.legend' })}</legend>
      <label>
        <input
          type="radio"
          name="sign-way"
          value="certificate"
          .checked=${way === 'certificate'}
          ?disabled=${several}
          @change=${() => choose('certificate')}
        />
        <span>
          ${msg('Certyfikatem urzędu miasta w tej przeglądarce', { id: 'sign-way.certificate' })}
          <span class="hint">
            ${
              several
                ? msg(
                    'Nie w tym wniosku: podpisuje go kilka osób, a certyfikatem urzędu miasta podpisuje jedna osoba.',
                    { id: 'sign-way.certificate-one-person' },
                  )
                : msg('Wydaje go urzędnik po sprawdzeniu dowodu. Podpisujesz jednym przyciskiem.', {
                    id: 'sign-way.certificate-hint',
                  })
            }
          </span>
        </span>
      </label>
      <label>
        <input type="radio" name="sign-way" value="file" .checked=${way === 'file'} @change=${() => choose('file')} />
        <span>
          ${msg('Podpisem zaufanym, kwalifikowanym albo osobistym (e-dowód)', { id: 'sign-way.file' })}
          <span class="hint">
            ${msg(
              'Pobierasz wniosek jako plik PDF, podpisujesz go (w usłudze podpisu zaufanego albo swoją aplikacją do podpisu) i dodajesz podpisany plik.',
              {
                id: 'sign-way.file-hint',
              },
            )}
          </span>
        </span>
      </label>
    </fieldset>
  `;
}

/** Fixes the document (unless the draft has one) and has the office make its PDF. */
async function prepare(journey: FileSignJourney, endpoint: string): Promise<void> {
  const state = stateOf(journey);
  if (state.loading) return;
  state.loading = true;
  state.failed = false;
  journey.announce(msg('Przygotowywanie wniosku do pobrania…', { id: 'sign-file.preparing' }));
  try {
    let fixed = fixedOf(journey);
    if (!fixed) {
      fixed = await fixDocument(journey);
      await journey.sign(fixed);
    }
    if (state.pdf?.document !== fixed.document) {
      const bytes = await fetchApplicationPdf(endpointOf(endpoint), fixed.document, currentLang());
      if (state.pdf) URL.revokeObjectURL(state.pdf.url);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
      state.pdf = { document: fixed.document, bytes, url };
    }
    state.loading = false;
    journey.announce(msg('Wniosek do pobrania jest gotowy.', { id: 'sign-file.ready' }));
  } catch (e) {
    state.loading = false;
    state.failed = true;
    journey.announce('');
    const problem = e instanceof DocumentError ? e.problem : undefined;
    journey.showErrors(
      problem
        ? problemErrors(problem)
        : [
            {
              pointer: '',
              message: () =>
                msg('Nie udało się przygotować wniosku do pobrania. Sprawdź połączenie i spróbuj ponownie.', {
                  id: 'sign-file.document-failed',
                }),
            },
          ],
    );
  }
}

/** A refusal as the error summary shows it: what happened and what to do, and the answers to correct. */
function problemErrors(problem: Problem): ShownError[] {
  const fieldErrors = (problem.errors ?? []).map((err) => ({ pointer: err.pointer, message: () => err.message }));
  return [
    {
      pointer: problem.type.endsWith(':signer-mismatch') ? (problem.pointer ?? '') : '',
      message: () => refusalMessage(problem) ?? problem.detail ?? problem.title,
    },
    ...fieldErrors,
  ];
}

/**
 * Takes the signed files, unless the browser can already tell one is not the application signed:
 * one file replaces the one given before; where several people sign, each file joins the list.
 */
async function addFiles(journey: FileSignJourney, endpoint: string, files: readonly File[]): Promise<void> {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if (files.length === 0 || !fixed) return;
  let pdf = state.pdf?.document === fixed.document ? state.pdf.bytes : undefined;
  if (!pdf) {
    await prepare(journey, endpoint);
    pdf = state.pdf?.bytes;
    if (!pdf) return;
  }
  const signers = signersOf(journey).length;
  const several = signers > 1;
  const given = several ? signedFilesOf(fixed) : [];
  // One person signs: the one file given replaces the one before.
  const taken = several ? files : files.slice(0, 1);
  for (const file of taken) {
    const check = await checkSignedFile(file, pdf);
    if (fileCheckMessage(check)) {
      const message = (): string => fileCheckMessage(check)!;
      return refuseFile(journey, fixed, given, several ? () => `${file.name}: ${message()}` : message);
    }
  }
  const next = [...given, ...taken];
  if (next.length > Math.max(1, signers)) {
    const message = (): string =>
      msg(
        str`Liczba osób, które podpisują wniosek: ${signers}, każda jednym plikiem. Dodano więcej plików: usuń plik, który jest zbędny.`,
        { id: 'sign-file.too-many' },
      );
    return refuseFile(journey, fixed, given, message);
  }
  state.fileError = undefined;
  // New files make a new request: its key is its own.
  await journey.sign({ ...fixed, signedFile: undefined, signedFiles: next, idempotencyKey: randomKey() });
  journey.showErrors([]);
  journey.focusAfterRender('');
  const names = taken.map((f) => f.name).join(', ');
  journey.announce(msg(str`Dodano podpisany plik: ${names}.`, { id: 'sign-file.added' }));
}

/** The error beside the files and in the summary; the files kept are those given before. */
async function refuseFile(
  journey: FileSignJourney,
  fixed: FileSubmission,
  kept: readonly File[],
  message: () => string,
): Promise<void> {
  stateOf(journey).fileError = message;
  await journey.sign({
    way: 'file',
    document: fixed.document,
    idempotencyKey: fixed.idempotencyKey,
    ...(kept.length > 0 && { signedFiles: kept }),
  });
  journey.showErrors([{ pointer: '', message }]);
}

/** Takes a file off the list (where several people sign). */
async function removeFile(journey: FileSignJourney, index: number): Promise<void> {
  const fixed = fixedOf(journey);
  if (!fixed || journey.busy) return;
  const files = signedFilesOf(fixed);
  const removed = files[index];
  if (!removed) return;
  stateOf(journey).fileError = undefined;
  await journey.sign({
    ...fixed,
    signedFile: undefined,
    signedFiles: files.filter((_, i) => i !== index),
    idempotencyKey: randomKey(),
  });
  journey.showErrors([]);
  journey.focusAfterRender('#signed-file');
  journey.announce(msg(str`Usunięto plik: ${removed.name}.`, { id: 'sign-file.removed' }));
}

/** The files kept after the office refused them: the one it names goes, or all unless some are missing. */
function keptAfter(files: readonly File[], problem: Problem): readonly File[] {
  if (files.length < 2) return [];
  if (typeof problem.signedFile === 'number') return files.filter((_, i) => i !== problem.signedFile);
  return problem.reason === 'not-signed' ? files : [];
}

/** Files the document with the signed file, and shows the receipt or why the office refused it. */
export async function fileAndSend(journey: FileSignJourney, endpoint: string): Promise<void> {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if (journey.busy || !fixed) return;
  const signedFiles = signedFilesOf(fixed);
  const signers = signersOf(journey).length;
  if (signedFiles.length === 0 || signedFiles.length < signers) {
    const message = (): string =>
      signers > 1
        ? msg(
            str`Dodaj pliki podpisane przez każdą z osób, które podpisują wniosek: dodano ${signedFiles.length} z ${signers}.`,
            { id: 'sign-file.missing-several' },
          )
        : msg('Dodaj podpisany plik: plik PDF z podpisem, plik .xml albo plik .p7s.', { id: 'sign-file.missing' });
    state.fileError = message;
    journey.showErrors([{ pointer: '', message }]);
    return;
  }
  journey.setBusy(true);
  try {
    journey.announce(msg('Wysyłanie wniosku do urzędu…', { id: 'journey.sending' }));
    const receipt = await sendSubmission({
      endpoint: endpointOf(endpoint),
      signed: { ...fixed, signedFiles },
      attachments: journey.attachments,
      lang: currentLang(),
    });
    await journey.sent(receipt);
  } catch (e) {
    journey.announce('');
    if (e instanceof SubmissionError && e.kind === 'rejected' && e.problem) {
      const errors = problemErrors(e.problem);
      state.fileError = errors[0]!.message;
      // The same document stays to be signed again; the refused file goes.
      const kept = keptAfter(signedFiles, e.problem);
      await journey.sign({
        way: 'file',
        document: fixed.document,
        idempotencyKey: fixed.idempotencyKey,
        ...(kept.length > 0 && { signedFiles: kept }),
      });
      journey.showErrors(errors);
    } else {
      journey.showErrors([unreachable()]);
    }
  } finally {
    journey.setBusy(false);
  }
}

/** Signing with a file: download the PDF, sign it with one's own tool, add the signed file, send. */
export function renderFileWay(journey: FileSignJourney, endpoint: string, back: () => void): TemplateResult {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if ((!fixed || state.pdf?.document !== fixed.document) && !state.loading && !state.failed)
    void prepare(journey, endpoint);
  const pdf = fixed && state.pdf?.document === fixed.document ? state.pdf : undefined;
  const fileError = state.fileError?.();
  return html`
    <ol class="sign-file-steps">
      <li>
        <h3>${msg('Pobierz wniosek', { id: 'sign-file.download-title' })}</h3>
        ${
          pdf
            ? html`<p>
                <a class="download" href=${pdf.url} download=${pdfName(pdf.document, journey.model.procedure.id)}>
                  ${msg(str`Pobierz wniosek (PDF, ${kilobytes(pdf.bytes.length)})`, { id: 'sign-file.download' })}
                </a>
              </p>`
            : state.failed
              ? html`<p>
                  <button class="secondary" @click=${() => void prepare(journey, endpoint)}>
                    ${msg('Przygotuj wniosek ponownie', { id: 'sign-file.prepare-again' })}
                  </button>
                </p>`
              : html`<p>${msg('Przygotowywanie wniosku do pobrania…', { id: 'sign-file.preparing' })}</p>`
        }
      </li>
      <li>
        ${renderSignStep(cityLink(journey.root, 'qualified-signature-url'), cityLink(journey.root, 'personal-signature-url'))}
      </li>
      <li>
        ${renderDropZone({
          files: signedFilesOf(fixed),
          signers: signersOf(journey),
          error: fileError,
          busy: journey.busy,
          disabled: !pdf,
          onFiles: (files) => void addFiles(journey, endpoint, files),
          onRemove: (index) => void removeFile(journey, index),
        })}
      </li>
    </ol>
    <p>
      ${msg(
        'Składając podpis, potwierdzasz, że dane we wniosku są prawdziwe. Wniosek zostanie zarejestrowany w urzędzie, a Ty dostaniesz potwierdzenie z numerem.',
        { id: 'sign.declaration' },
      )}
    </p>
    <div class="actions">
      <button class="primary" ?disabled=${journey.busy} @click=${() => void fileAndSend(journey, endpoint)}>
        ${msg('Wyślij podpisany wniosek', { id: 'sign-file.submit' })}
      </button>
      <button class="link" ?disabled=${journey.busy} @click=${back}>${msg('Wstecz', { id: 'journey.back' })}</button>
    </div>
  `;
}
