import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { signerProblem, type CertificateHolder, type SignerProblem } from '../certificate/signer-check.js';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, formatDate } from '../localization.js';
import { submittable, type JsonObject } from './data.js';
import { attachmentRefs, type AttachedFile, type SignedSubmission } from './drafts.js';
import { fieldId } from './fields.js';
import { renderHeading } from './heading.js';
import { focusField, type ShownError } from './step-page.js';
import { sendSubmission, SubmissionError, type SubmissionReceipt } from './submit.js';

/** The certificate a resident signs with, as the signing step shows it. */
export interface CredentialSummary {
  readonly summary: CertificateHolder & { readonly notAfter: Date };
}

/** What the signing step reads and changes of the journey (procedure-form.ts). */
export interface SignHost {
  readonly endpoint: string;
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly credential: CredentialSummary | undefined;
  readonly busy: boolean;
  readonly errors: readonly ShownError[];
  readonly renderRoot: ParentNode;
  /** Resolves once the journey has rendered its latest state. */
  readonly updateComplete: Promise<unknown>;
  signed: SignedSubmission | undefined;
  /** Sets the journey's state (and re-renders it). */
  set(state: {
    busy?: boolean;
    errors?: readonly ShownError[];
    status?: string;
    credential?: CredentialSummary | undefined;
    focusAfterRender?: string;
  }): void;
  saveDraft(): Promise<void>;
  loadCredential(): Promise<void>;
  /** The office registered the application: show its receipt. */
  sent(receipt: SubmissionReceipt): Promise<void>;
  /** Back to a step to change an answer, as "check your answers" does; `focus` as in CheckHost. */
  change(step: number, focus?: string): void;
  back(): void;
  errorSummary(): unknown;
}

const randomKey = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
};

/** Signs the answers (once: a signature stays until an answer changes) and sends them. */
export async function signAndSend(host: SignHost): Promise<void> {
  if (host.busy) return;
  host.set({ busy: true, errors: [] });
  try {
    if (!host.signed) {
      host.set({ status: msg('Podpisywanie wniosku…', { id: 'journey.signing' }) });
      const signing = await import('../signing/index.js');
      const loaded = await signing.loadCredential();
      if (!loaded) {
        host.set({ credential: undefined });
        return;
      }
      // Another certificate than the one shown (changed in another tab): the page says why not to sign.
      if (signerProblem(host.model, host.data, loaded.summary)) {
        host.set({ credential: { summary: loaded.summary }, status: '' });
        return;
      }
      const { id, version } = host.model.procedure;
      const { document, signature } = await signing.signDocument(
        {
          procedure: id,
          schemaVersion: version,
          data: submittable(host.model.fields, host.data),
          attachments: attachmentRefs(host.attachments).map((a) => ({ ...a, sha256: a.sha256! })),
          submittedAt: new Date().toISOString(),
          nonce: randomKey(),
        },
        loaded.credential,
      );
      host.signed = { document, signature, idempotencyKey: randomKey() };
      await host.saveDraft();
    }
    host.set({ status: msg('Wysyłanie wniosku do urzędu…', { id: 'journey.sending' }) });
    const receipt = await sendSubmission({
      endpoint: endpointOf(host.endpoint),
      signed: host.signed,
      attachments: host.attachments,
      lang: currentLang(),
    });
    await host.sent(receipt);
  } catch (e) {
    host.set({ status: '' });
    showSendError(host, e);
  } finally {
    host.set({ busy: false });
  }
}

function showSendError(host: SignHost, e: unknown): void {
  if (e instanceof SubmissionError && e.kind === 'rejected' && e.problem) {
    const problem = e.problem;
    const fieldErrors = (problem.errors ?? []).map((err) => ({ pointer: err.pointer, message: () => err.message }));
    // The office refused this signed document; answers may be corrected and signed again.
    host.signed = undefined;
    host.set({
      errors: [{ pointer: '', message: () => problem.detail ?? problem.title }, ...fieldErrors],
      focusAfterRender: '.error-summary',
    });
  } else {
    host.set({
      errors: [
        {
          pointer: '',
          message: () =>
            msg(
              'Nie udało się połączyć z urzędem. Wniosek jest zapisany w tej przeglądarce; spróbuj wysłać go ponownie za chwilę. Nie zostanie zarejestrowany dwa razy.',
              { id: 'journey.unreachable' },
            ),
        },
      ],
      focusAfterRender: '.error-summary',
    });
  }
}

/**
 * Back to the step with the signer's details, the focus on the field to correct once the step
 * has rendered it (a repeatable renders its items after itself, each control its own input).
 */
async function correctSigner(host: SignHost, problem: SignerProblem): Promise<void> {
  host.change(problem.step, '');
  await host.updateComplete;
  let part = '';
  for (const segment of problem.field.slice(1).split('/')) {
    part += `/${segment}`;
    await (host.renderRoot.querySelector(`#${fieldId(part)}`) as { updateComplete?: Promise<unknown> } | null)
      ?.updateComplete;
  }
  if (!focusField(host, problem.field)) host.renderRoot.querySelector<HTMLElement>('h2')?.focus();
}

/** The journey each signing step last moved the focus to its signer problem for, with that certificate. */
const announced = new WeakMap<SignHost, CredentialSummary>();

/**
 * The signing step when the certificate cannot sign (the intake server would refuse it), before
 * the resident tries: the error summary's pattern, with a button that takes them to the field to
 * correct, and the certificate, so that the right person's can be loaded in its place.
 */
function renderSignerProblem(host: SignHost, problem: SignerProblem): TemplateResult {
  // It takes the focus when it first shows for a certificate (one just loaded, or the step just
  // reached), as the error summary does; not again as the page renders while the resident is on it.
  if (announced.get(host) !== host.credential) {
    announced.set(host, host.credential!);
    host.set({ focusAfterRender: '.signer-problem' });
  }
  const who = problem.signer ? `${problem.role}: ${problem.signer}` : problem.role;
  return html`
    ${host.errorSummary()}
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
          <button class="link" @click=${() => void correctSigner(host, problem)}>
            ${msg(str`Zmień dane osoby wskazanej jako ${problem.role}`, { id: 'signer.change' })}
          </button>
        </li>
      </ul>
    </div>
    ${renderHeading(msg('Podpisz i wyślij wniosek', { id: 'sign.title' }))}
    ${
      problem.kind === 'mismatch'
        ? html`<ebok-certificate
            endpoint=${host.endpoint}
            @ebok-certificate-change=${() => void host.loadCredential()}
          ></ebok-certificate>`
        : nothing
    }
    <div class="actions">
      <button class="link" @click=${() => host.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
    </div>
  `;
}

/**
 * The signing step: who signs and the declaration, or enrolment when there is no certificate yet;
 * why not, when the certificate is not the person the form names as its signer.
 */
export function renderSign(host: SignHost): TemplateResult {
  const summary = host.credential?.summary;
  // A signed application is sent as it is: the intake server checks whoever signed it.
  const problem = summary && !host.signed ? signerProblem(host.model, host.data, summary) : undefined;
  if (problem) return renderSignerProblem(host, problem);
  return html`
    ${host.errorSummary()} ${renderHeading(msg('Podpisz i wyślij wniosek', { id: 'sign.title' }))}
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
              <button class="primary" ?disabled=${host.busy} @click=${() => void signAndSend(host)}>
                ${
                  host.errors.length && host.signed
                    ? msg('Spróbuj wysłać ponownie', { id: 'sign.retry' })
                    : msg('Podpisz i wyślij', { id: 'sign.submit' })
                }
              </button>
              <button class="link" ?disabled=${host.busy} @click=${() => host.back()}>
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
              endpoint=${host.endpoint}
              @ebok-certificate-change=${() => void host.loadCredential()}
            ></ebok-certificate>
            <div class="actions">
              <button class="link" @click=${() => host.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
            </div>
          `
    }
  `;
}
