import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import type { JsonObject } from './data.js';
import type { AttachedFile } from './drafts.js';
import { renderHeading } from './heading.js';
import { checkViews } from './later-views.js';

/** What "check your answers" reads and changes of the journey (procedure-form.ts). */
export interface CheckHost {
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  /**
   * Back to a step to change an answer, and from there straight back to this page. The focus goes
   * to the step's heading, or to `focus` (a selector; '' leaves it to the caller).
   */
  change(step: number, focus?: string): void;
  toSign(): void;
  back(): void;
  errorSummary(): unknown;
  /** In place of the answers when their code could not be loaded: what happened and a way to try again. */
  loadFailed(): unknown;
}

function changeButton(host: CheckHost, step: number, what: string): TemplateResult {
  return html`<button class="link" @click=${() => host.change(step)}>
    ${msg('Zmień', { id: 'check.change' })}<span class="visually-hidden"> ${what}</span>
  </button>`;
}

/** "Check your answers", before signing: each step's answers with a way to change them. */
export function renderCheck(host: CheckHost): TemplateResult {
  return html`
    ${host.errorSummary()} ${renderHeading(msg('Sprawdź odpowiedzi przed wysłaniem', { id: 'check.title' }))}
    ${
      // The list's code comes when the last step is reached (later-views.ts): it may still be on its way.
      checkViews.value?.renderAnswers(host.model, host.data, host.attachments, (step, what) =>
        changeButton(host, step, what),
      ) ?? host.loadFailed()
    }
    <div class="actions">
      <button class="primary" @click=${() => host.toSign()}>
        ${msg('Przejdź do podpisu', { id: 'check.to-sign' })}
      </button>
      <button class="link" @click=${() => host.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
    </div>
  `;
}
