import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, formatDate } from '../localization.js';
import { submittable, type JsonObject } from './data.js';
import { attachmentRefs, type AttachedFile, type SignedSubmission } from './drafts.js';
import type { ShownError } from './step-page.js';
import { sendSubmission, SubmissionError, type SubmissionReceipt } from './submit.js';

/** The certificate a resident signs with, as the signing step shows it. */
export interface CredentialSummary {
  readonly summary: { readonly givenNames?: string; readonly surname?: string; readonly notAfter: Date };
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
  back(): void;
  heading(text: string): TemplateResult;
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

/** The signing step: who signs and the declaration, or enrolment when there is no certificate yet. */
export function renderSign(host: SignHost): TemplateResult {
  const summary = host.credential?.summary;
  return html`
    ${host.errorSummary()} ${host.heading(msg('Podpisz i wyślij wniosek', { id: 'sign.title' }))}
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
