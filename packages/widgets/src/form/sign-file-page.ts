import { html, nothing, type TemplateResult } from 'lit';
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
  refusalMessage,
  type Answers,
} from './signed-file.js';
import type { ErrorSummaryJourney } from './step-page.js';
import { sendSubmission, SubmissionError, type Problem, type SubmissionReceipt } from './submit.js';

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

/** The way the resident chose, or the one their draft was on; the city certificate by default, where the procedure accepts it. */
export const chosenWay = (journey: FileSignJourney): SignWay => {
  const ways = waysOf(journey);
  if (!ways.file) return 'certificate';
  if (!ways.certificate) return 'file';
  return stateOf(journey).way ?? (fixedOf(journey) ? 'file' : 'certificate');
};

/**
 * A link the city sets on the form or on the `<ebok-form>` around it (an attribute), if it is an
 * http(s) address; read here, so the code before signing does not carry it.
 */
function cityLink(journey: FileSignJourney, name: string): string | undefined {
  let root: Node = journey.root as Node;
  for (;;) {
    const host = (root as ShadowRoot).host as Element | undefined;
    if (!host) return undefined;
    const value = host.getAttribute(name);
    if (value) {
      try {
        const url = new URL(value, document.baseURI);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
      } catch {
        return undefined;
      }
    }
    root = host.getRootNode();
  }
}

// The file way's own few rules, adopted by the form's shadow root when first shown: the code before
// signing does not carry them.
let sheet: CSSStyleSheet | undefined;
function adoptStyles(root: ParentNode): void {
  if (!(root instanceof ShadowRoot)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      .sign-way { border: 0; margin: 0 0 1.5rem; padding: 0; }
      .sign-way legend { font-weight: 600; margin-bottom: 0.5rem; }
      .sign-way label { display: flex; gap: 0.75rem; align-items: flex-start; margin-bottom: 0.75rem; }
      .sign-way input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: var(--ebok-color-text, #0b0c0c); }
      .sign-way input:focus-visible, .drop-zone input:focus-visible { outline: 3px solid var(--ebok-color-focus, #ffbf47); outline-offset: 2px; }
      .sign-way .hint { display: block; margin: 0; }
      .sign-file-steps { padding-inline-start: 1.5rem; }
      .sign-file-steps > li { margin-bottom: 1.5rem; }
      .sign-file-steps h3 { margin: 0 0 0.5rem; }
      .drop-zone { border: 2px dashed var(--ebok-color-border, #b1b4b6); padding: 1rem; }
      .drop-zone.over { border-color: var(--ebok-color-link, #1d70b8); background: var(--ebok-color-panel-light, #f3f8fc); }
      .drop-zone.invalid { border-color: var(--ebok-color-error, #d4351c); }
      .drop-zone label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
      .drop-zone .field-error { color: var(--ebok-color-error, #d4351c); font-weight: 600; margin: 0 0 0.5rem; }
    `);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

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
          @change=${() => choose('certificate')}
        />
        <span>
          ${msg('Certyfikatem urzędu miasta w tej przeglądarce', { id: 'sign-way.certificate' })}
          <span class="hint">
            ${msg('Wydaje go urzędnik po sprawdzeniu dowodu. Podpisujesz jednym przyciskiem.', {
              id: 'sign-way.certificate-hint',
            })}
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

/** Takes the signed file, unless the browser can already tell it is not the application signed. */
async function addFile(journey: FileSignJourney, endpoint: string, file: File | undefined): Promise<void> {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if (!file || !fixed) return;
  let pdf = state.pdf?.document === fixed.document ? state.pdf.bytes : undefined;
  if (!pdf) {
    await prepare(journey, endpoint);
    pdf = state.pdf?.bytes;
    if (!pdf) return;
  }
  const check = await checkSignedFile(file, pdf);
  const problem = fileCheckMessage(check);
  if (problem) {
    const message = (): string => fileCheckMessage(check)!;
    state.fileError = message;
    await journey.sign({ way: 'file', document: fixed.document, idempotencyKey: fixed.idempotencyKey });
    journey.showErrors([{ pointer: '', message }]);
    return;
  }
  state.fileError = undefined;
  // A new file is a new request: its key is its own.
  await journey.sign({ ...fixed, signedFile: file, idempotencyKey: randomKey() });
  journey.showErrors([]);
  journey.focusAfterRender('');
  journey.announce(msg(str`Dodano podpisany plik: ${file.name}.`, { id: 'sign-file.added' }));
}

/** Files the document with the signed file, and shows the receipt or why the office refused it. */
export async function fileAndSend(journey: FileSignJourney, endpoint: string): Promise<void> {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if (journey.busy || !fixed) return;
  const { signedFile } = fixed;
  if (!signedFile) {
    const message = (): string =>
      msg('Dodaj podpisany plik: plik PDF z podpisem, plik .xml albo plik .p7s.', { id: 'sign-file.missing' });
    state.fileError = message;
    journey.showErrors([{ pointer: '', message }]);
    return;
  }
  journey.setBusy(true);
  try {
    journey.announce(msg('Wysyłanie wniosku do urzędu…', { id: 'journey.sending' }));
    const receipt = await sendSubmission({
      endpoint: endpointOf(endpoint),
      signed: { ...fixed, signedFile },
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
      await journey.sign({ way: 'file', document: fixed.document, idempotencyKey: fixed.idempotencyKey });
      journey.showErrors(errors);
    } else {
      journey.showErrors([
        {
          pointer: '',
          message: () =>
            msg(
              'Nie udało się połączyć z urzędem. Wniosek jest zapisany w tej przeglądarce; spróbuj wysłać go ponownie za chwilę. Nie zostanie zarejestrowany dwa razy.',
              { id: 'journey.unreachable' },
            ),
        },
      ]);
    }
  } finally {
    journey.setBusy(false);
  }
}

const kilobytes = (n: number): string => `${Math.max(1, Math.round(n / 1024))} kB`;

/** Signing with a file: download the PDF, sign it with one's own tool, add the signed file, send. */
export function renderFileWay(journey: FileSignJourney, endpoint: string, back: () => void): TemplateResult {
  const state = stateOf(journey);
  const fixed = fixedOf(journey);
  if ((!fixed || state.pdf?.document !== fixed.document) && !state.loading && !state.failed)
    void prepare(journey, endpoint);
  const pdf = fixed && state.pdf?.document === fixed.document ? state.pdf : undefined;
  const qualified = cityLink(journey, 'qualified-signature-url');
  const personal = cityLink(journey, 'personal-signature-url');
  const fileError = state.fileError?.();
  const onFiles = (files: FileList | null | undefined): void => void addFile(journey, endpoint, files?.[0]);
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
        <h3>${msg('Podpisz pobrany plik', { id: 'sign-file.sign-title' })}</h3>
        <p>
          ${msg(
            'Podpisz go, nie zmieniając go: podpisem zaufanym w usłudze podpisywania dokumentów na gov.pl, w aplikacji do e-dowodu (podpis osobisty) albo w swojej aplikacji do podpisu kwalifikowanego. Zapisz podpisany plik: PDF z podpisem (PAdES), plik .xml (XAdES) albo plik .p7s (CAdES).',
            { id: 'sign-file.how' },
          )}
        </p>
        ${
          qualified || personal
            ? html`<ul>
                ${
                  qualified
                    ? html`<li>
                        <a href=${qualified} target="_blank" rel="noopener"
                          >${msg('Jak podpisać podpisem kwalifikowanym', { id: 'sign-file.qualified-help' })}</a
                        >
                      </li>`
                    : nothing
                }
                ${
                  personal
                    ? html`<li>
                        <a href=${personal} target="_blank" rel="noopener"
                          >${msg('Jak podpisać podpisem osobistym (e-dowód)', { id: 'sign-file.personal-help' })}</a
                        >
                      </li>`
                    : nothing
                }
              </ul>`
            : nothing
        }
      </li>
      <li>
        <h3>${msg('Dodaj podpisany plik', { id: 'sign-file.add-title' })}</h3>
        <div
          class="drop-zone ${fileError ? 'invalid' : ''}"
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement).classList.add('over');
          }}
          @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over')}
          @drop=${(e: DragEvent) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement).classList.remove('over');
            onFiles(e.dataTransfer?.files);
          }}
        >
          <label for="signed-file">${msg('Podpisany wniosek (PDF, .xml albo .p7s)', { id: 'sign-file.label' })}</label>
          <p class="hint" id="signed-file-hint">
            ${msg('Wybierz plik albo przeciągnij go tutaj.', { id: 'sign-file.hint' })}
          </p>
          ${fileError ? html`<p class="field-error" id="signed-file-error">${fileError}</p>` : nothing}
          <input
            type="file"
            id="signed-file"
            accept=".pdf,.xml,.p7s,.p7m,application/pdf,application/xml,text/xml,application/pkcs7-signature,application/pkcs7-mime"
            aria-describedby="signed-file-hint ${fileError ? 'signed-file-error' : ''}"
            aria-invalid=${fileError ? 'true' : 'false'}
            ?disabled=${journey.busy || !pdf}
            @change=${(e: Event) => onFiles((e.target as HTMLInputElement).files)}
          />
          ${
            fixed?.signedFile
              ? html`<p class="added">
                  ${msg(str`Dodany plik: ${fixed.signedFile.name} (${kilobytes(fixed.signedFile.size)})`, {
                    id: 'sign-file.chosen',
                  })}
                </p>`
              : nothing
          }
        </div>
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
