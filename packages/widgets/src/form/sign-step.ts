import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { signerProblem, type SignerProblem } from '../certificate/signer-check.js';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, formatDate, t } from '../localization.js';
import { submittable } from './data.js';
import { attachmentRefs, type AttachedFile, type FileSubmission, type SignedSubmission } from './drafts.js';
import { fieldId, focusField } from './fields.js';
import { renderHeading } from './heading.js';
import type { ShownError } from './journey.js';
import type { CredentialSummary } from './later-views.js';
import { chosenWay, renderFileWay, renderWayChoice, type FileSignJourney } from './sign-file-page.js';
import { randomKey } from './signed-file.js';
import { renderErrorSummary, type ErrorSummaryJourney } from './step-page.js';
import { sendSubmission, SubmissionError, unreachable, type SubmissionReceipt } from './submit.js';

/** What the signing step reads and asks of the journey (journey.ts). */
export interface SignJourney extends ErrorSummaryJourney, FileSignJourney {
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly credential: CredentialSummary | undefined;
  readonly busy: boolean;
  readonly signed: SignedSubmission | FileSubmission | undefined;
  focusAfterRender(selector: string): void;
  loadCredential(): Promise<void>;
  useCredential(credential: CredentialSummary | undefined): void;
  setBusy(busy: boolean): void;
  announce(status: string): void;
  showErrors(errors: readonly ShownError[], refused?: boolean): void;
  sign(signed: SignedSubmission | FileSubmission): Promise<void>;
  sent(receipt: SubmissionReceipt): Promise<void>;
  /** Back to a step to change an answer, as "check your answers" does; `focus` as in goTo. */
  change(step: number, focus?: string): Promise<unknown>;
  back(): void;
}

/** The document signed with the city certificate, if that is what the journey keeps. */
const certificateSigned = (journey: SignJourney): SignedSubmission | undefined => {
  const { signed } = journey;
  return signed && 'signature' in signed ? signed : undefined;
};

/** Signs the answers (once: a signature stays until an answer changes) and sends them to `endpoint`. */
export async function signAndSend(journey: SignJourney, endpoint: string): Promise<void> {
  if (journey.busy) return;
  journey.setBusy(true);
  try {
    let signed = certificateSigned(journey);
    if (!signed) {
      journey.announce(msg('Podpisywanie wniosku…', { id: 'journey.signing' }));
      const signing = await import('../signing/index.js');
      const loaded = await signing.loadCredential();
      if (!loaded) {
        journey.useCredential(undefined);
        return;
      }
      // Another certificate than the one shown (changed in another tab): the page says why not to sign.
      if (signerProblem(journey.model, journey.data, loaded.summary)) {
        journey.useCredential({ summary: loaded.summary });
        journey.announce('');
        return;
      }
      const { id, version } = journey.model.procedure;
      const { document, signature } = await signing.signDocument(
        {
          procedure: id,
          schemaVersion: version,
          data: submittable(journey.model.fields, journey.data),
          attachments: attachmentRefs(journey.attachments).map((a) => ({ ...a, sha256: a.sha256! })),
          submittedAt: new Date().toISOString(),
          nonce: randomKey(),
        },
        loaded.credential,
      );
      signed = { document, signature, idempotencyKey: randomKey() };
      await journey.sign(signed);
    }
    journey.announce(msg('Wysyłanie wniosku do urzędu…', { id: 'journey.sending' }));
    const receipt = await sendSubmission({
      endpoint: endpointOf(endpoint),
      signed,
      attachments: journey.attachments,
      lang: currentLang(),
    });
    await journey.sent(receipt);
  } catch (e) {
    journey.announce('');
    showSendError(journey, e);
  } finally {
    journey.setBusy(false);
  }
}

function showSendError(journey: SignJourney, e: unknown): void {
  if (e instanceof SubmissionError && e.kind === 'rejected' && e.problem) {
    const problem = e.problem;
    const fieldErrors = (problem.errors ?? []).map((err) => ({ pointer: err.pointer, message: () => err.message }));
    // The office refused this signed document.
    journey.showErrors([{ pointer: '', message: () => problem.detail ?? problem.title }, ...fieldErrors], true);
  } else {
    journey.showErrors([unreachable()]);
  }
}

/**
 * Back to the step with the signer's details, the focus on the field to correct once the step
 * has rendered it (a repeatable renders its items after itself, each control its own input).
 */
async function correctSigner(journey: SignJourney, problem: SignerProblem): Promise<void> {
  await journey.change(problem.step, '');
  const { root } = journey;
  let part = '';
  for (const segment of problem.field.slice(1).split('/')) {
    part += `/${segment}`;
    await (root.querySelector(`#${fieldId(part)}`) as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
  }
  if (!focusField(root, problem.field)) root.querySelector<HTMLElement>('h2')?.focus();
}

/** The journey each signing step last moved the focus to its signer problem for, with that certificate. */
const announced = new WeakMap<SignJourney, CredentialSummary>();

/**
 * The signing step when the certificate cannot sign (the intake server would refuse it), before
 * the resident tries: the error summary's pattern, with a button that takes them to the field to
 * correct, and the certificate, so that the right person's can be loaded in its place.
 */
function renderSignerProblem(
  journey: SignJourney,
  endpoint: string,
  problem: SignerProblem,
  choice: TemplateResult,
): TemplateResult {
  // It takes the focus when it first shows for a certificate (one just loaded, or the step just
  // reached), as the error summary does; not again as the page renders while the resident is on it.
  if (announced.get(journey) !== journey.credential) {
    announced.set(journey, journey.credential!);
    journey.focusAfterRender('.signer-problem');
  }
  const who = problem.signer ? `${problem.role}: ${problem.signer}` : problem.role;
  return html`
    ${renderErrorSummary(journey)}
    <div class="error-summary signer-problem" role="alert" tabindex="-1" aria-labelledby="signer-problem-title">
      <h3 id="signer-problem-title">
        ${
          problem.kind === 'mismatch'
            ? msg('Certyfikat nie pasuje do wniosku', { id: 'signer.mismatch-title' })
            : msg('Brakuje danych osoby, która podpisuje wniosek', { id: 'signer.unidentified-title' })
        }
      </h3>
      <p>
        ${
          problem.kind === 'mismatch'
            ? msg(
                str`Certyfikat w tej przeglądarce należy do: ${problem.holder}. Wniosek musi podpisać osoba wskazana jako ${who}. Zmień dane tej osoby we wniosku albo podpisz wniosek jej certyfikatem.`,
                { id: 'signer.mismatch' },
              )
            : msg(
                str`Wniosek musi podpisać osoba wskazana jako ${who}. Podaj jej numer PESEL albo, jeśli go nie ma, dane jej paszportu lub dowodu osobistego wydanego w innym państwie. Urząd sprawdza po nich, czy wniosek podpisała właściwa osoba.`,
                { id: 'signer.unidentified' },
              )
        }
      </p>
      <ul>
        <li>
          <button class="link" @click=${() => void correctSigner(journey, problem)}>
            ${msg(str`Zmień dane osoby wskazanej jako ${problem.role}`, { id: 'signer.change' })}
          </button>
        </li>
      </ul>
    </div>
    ${signHeading(journey)} ${choice}
    ${
      problem.kind === 'mismatch'
        ? html`<ebok-certificate
            endpoint=${endpoint}
            @ebok-certificate-change=${() => void journey.loadCredential()}
          ></ebok-certificate>`
        : nothing
    }
    <div class="actions">
      <button class="link" @click=${() => journey.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
    </div>
  `;
}

/**
 * The step's heading; for a procedure an act has filed elsewhere (its `channel`), what is signed
 * and sent is a notice of a visit, and the step says so, with where the application is filed.
 */
function signHeading(journey: SignJourney): TemplateResult {
  const channel = journey.model.procedure.channel;
  if (channel?.kind !== 'elsewhere') return renderHeading(msg('Podpisz i wyślij wniosek', { id: 'sign.title' }));
  return html`${renderHeading(msg('Podpisz i wyślij zgłoszenie wizyty', { id: 'sign.title-visit' }))}
    <div class="notice">
      ${msg('To nie jest złożenie wniosku: urząd dostanie zgłoszenie Twojej wizyty z przygotowanymi danymi. Wniosek złożysz tutaj:', { id: 'sign.visit' })}
      <a href=${channel.url}>${t(channel.service)}</a>
    </div>`;
}

/**
 * The signing step: how to sign (the city certificate, or a file signed with a qualified signature
 * or podpis osobisty: sign-file-page.ts); with the certificate, who signs and the declaration, or
 * enrolment when there is no certificate yet; why not, when the certificate is not the person the
 * form names as its signer.
 */
export function renderSign(journey: SignJourney, endpoint: string): TemplateResult {
  const summary = journey.credential?.summary;
  // A signed application is sent as it is: the intake server checks whoever signed it.
  const way = chosenWay(journey);
  const choice = renderWayChoice(journey, endpoint, () => announced.delete(journey));
  if (way === 'file')
    return html`
      ${renderErrorSummary(journey)} ${signHeading(journey)} ${choice}
      ${renderFileWay(journey, endpoint, () => journey.back())}
    `;
  const problem =
    summary && !certificateSigned(journey) ? signerProblem(journey.model, journey.data, summary) : undefined;
  if (problem) return renderSignerProblem(journey, endpoint, problem, choice);
  return html`
    ${renderErrorSummary(journey)} ${signHeading(journey)} ${choice}
    ${
      summary
        ? html`
            <p>
              ${msg(
                str`Podpiszesz wniosek certyfikatem wydanym dla: ${[summary.givenNames, summary.surname].filter(Boolean).join(' ')} (ważny do ${formatDate(summary.notAfter)}).`,
                { id: 'sign.with' },
              )}
            </p>
            <p>
              ${msg(
                'Składając podpis, potwierdzasz, że dane we wniosku są prawdziwe. Wniosek zostanie zarejestrowany w urzędzie, a Ty dostaniesz potwierdzenie z numerem.',
                { id: 'sign.declaration' },
              )}
            </p>
            <div class="actions">
              <button class="primary" ?disabled=${journey.busy} @click=${() => void signAndSend(journey, endpoint)}>
                ${
                  journey.errors.length && certificateSigned(journey)
                    ? msg('Spróbuj wysłać ponownie', { id: 'sign.retry' })
                    : msg('Podpisz i wyślij', { id: 'sign.submit' })
                }
              </button>
              <button class="link" ?disabled=${journey.busy} @click=${() => journey.back()}>
                ${msg('Wstecz', { id: 'journey.back' })}
              </button>
            </div>
          `
        : html`
            <p>
              ${msg(
                'Do podpisania wniosku potrzebujesz certyfikatu. Jeśli urzędnik wydał Ci kod aktywacyjny, wpisz go poniżej. Jeśli masz kopię zapasową certyfikatu (plik .p12), możesz ją wczytać.',
                { id: 'sign.need-certificate' },
              )}
            </p>
            <ebok-certificate
              endpoint=${endpoint}
              @ebok-certificate-change=${() => void journey.loadCredential()}
            ></ebok-certificate>
            <div class="actions">
              <button class="link" @click=${() => journey.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
            </div>
          `
    }
  `;
}
