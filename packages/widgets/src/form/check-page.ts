import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { AttachedFile } from './drafts.js';
import { renderHeading } from './heading.js';
import type { Phase } from './journey.js';
import { checkViews } from './later-views.js';
import { renderLoadFailed, type LoadingJourney } from './load-failed.js';
import { renderFee, signaturesText } from './start-page.js';
import { renderErrorSummary, type ErrorSummaryJourney } from './step-page.js';

/** What "check your answers" reads and asks of the journey (journey.ts). */
export interface CheckJourney extends ErrorSummaryJourney, LoadingJourney {
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  /** Back to a step to change an answer, and from there straight back to this page. */
  change(step: number): void;
  goTo(phase: Phase): void;
  back(): void;
}

function changeButton(journey: CheckJourney, step: number, what: string): TemplateResult {
  return html`<button class="link" @click=${() => journey.change(step)}>
    ${msg('Zmień', { id: 'check.change' })}<span class="visually-hidden"> ${what}</span>
  </button>`;
}

/**
 * "Check your answers", before signing: each step's answers with a way to change them, then the
 * fee and how the application is signed (said on the start page too, which a page may leave out).
 */
export function renderCheck(journey: CheckJourney): TemplateResult {
  return html`
    ${renderErrorSummary(journey)} ${renderHeading(msg('Sprawdź odpowiedzi przed wysłaniem', { id: 'check.title' }))}
    ${
      // The list's code comes when the last step is reached (later-views.ts): it may still be on its way.
      checkViews.value?.renderAnswers(journey.model, journey.data, journey.attachments, (step, what) =>
        changeButton(journey, step, what),
      ) ?? renderLoadFailed(journey)
    }
    ${renderFee(journey.model.procedure)}
    <p>${signaturesText(journey.model.procedure)}</p>
    <div class="actions">
      <button class="primary" @click=${() => journey.goTo('sign')}>
        ${msg('Przejdź do podpisu', { id: 'check.to-sign' })}
      </button>
      <button class="link" @click=${() => journey.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
    </div>
  `;
}
