import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { StepModel } from '@ebok/forms-core/runtime/base';
import { t } from '../localization.js';
import { visibleFields } from './data.js';
import { focusField, renderAttachment, renderField, type FieldJourney } from './fields.js';
import { renderHeading } from './heading.js';
import type { Phase, ShownError } from './journey.js';
import { renderDraftOffer, renderElsewhere, savedText } from './start-page.js';

/** What the error summary reads of the journey (journey.ts). */
export interface ErrorSummaryJourney extends Pick<FieldJourney, 'model' | 'data'> {
  readonly phase: Phase;
  readonly errors: readonly ShownError[];
  /** Where the fields its links go to are. */
  readonly root: ParentNode;
}

/** What a step page reads and asks of the journey (journey.ts). */
export interface StepJourney extends FieldJourney, ErrorSummaryJourney {
  readonly step: number;
  /** The resident came from "check your answers" to change an answer, and goes straight back there. */
  readonly returnToCheck: boolean;
  /** Whether the journey has a start page; without one, its first step says what must be said first. */
  readonly startPage: boolean;
  /** When the draft the resident may go on with was saved (offered above the first step without a start page). */
  readonly draftSavedAt: string | undefined;
  start(fresh: boolean): void;
  continueFrom(step: StepModel): void;
  back(): void;
}

/**
 * Without a start page, on the first step before its fields: where an application filed elsewhere is filed, and
 * the offer of a draft kept in this browser.
 */
function renderOpening(journey: StepJourney): TemplateResult | typeof nothing {
  const { draftSavedAt } = journey;
  if (journey.startPage || journey.step) return nothing;
  return html`${renderElsewhere(journey.model.procedure)}
  ${draftSavedAt ? renderDraftOffer(draftSavedAt, (fresh) => journey.start(fresh), 'secondary') : nothing}`;
}

function renderProgress({ model, step }: StepJourney): TemplateResult {
  const { steps } = model;
  return html`
    <nav aria-label=${msg('Postęp', { id: 'journey.progress' })}>
      <p class="caption">${msg(str`Krok ${step + 1} z ${steps.length}`, { id: 'journey.step-of' })}</p>
      <ol class="progress">
        ${steps.map((s, i) => html`<li aria-current=${i === step ? 'step' : 'false'}>${t(s.title)}</li>`)}
      </ol>
    </nav>
  `;
}

/**
 * The error summary at the top of a page. On a step each error is a button that takes the resident
 * to its field; on the pages after the steps, where the fields are not, it starts with their label.
 */
export function renderErrorSummary(journey: ErrorSummaryJourney): TemplateResult | typeof nothing {
  if (journey.errors.length === 0) return nothing;
  return html`
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${msg('Popraw następujące błędy', { id: 'journey.error-summary' })}</h3>
      <ul>
        ${journey.errors.map((e) =>
          e.pointer && journey.phase === 'step'
            ? html`<li>
                <button class="link" @click=${() => focusField(journey.root, e.pointer)}>${e.message()}</button>
              </li>`
            : html`<li>${labelOf(journey, e.pointer)}${e.message()}</li>`,
        )}
      </ul>
    </div>
  `;
}

/** "Label: " for an error shown away from its field (on the check and sign pages). */
function labelOf({ model, data }: ErrorSummaryJourney, pointer: string): string {
  if (!pointer) return '';
  for (const { field, pointer: p } of visibleFields(model.fields, data)) {
    if (p === pointer) return `${t(field.label)}: `;
  }
  const spec = model.procedure.attachments.find((a) => pointer === `/attachments/${a.name}`);
  return spec ? `${t(spec.label)}: ` : '';
}

/** The step the journey is on: progress, error summary, the step's fields and attachments, continue and back. */
export function renderStep(journey: StepJourney): TemplateResult {
  const { model } = journey;
  const step = model.steps[journey.step]!;
  const fields = model.fields.filter((f) => step.fields.includes(f.name));
  const specs = model.procedure.attachments.filter((a) => step.attachments.includes(a.name));
  return html`
    ${renderProgress(journey)} ${renderErrorSummary(journey)} ${renderHeading(t(step.title))} ${renderOpening(journey)}
    <form
      novalidate
      class="fields"
      @submit=${(e: Event) => {
        e.preventDefault();
        journey.continueFrom(step);
      }}
    >
      ${fields.map((f) => renderField(journey, f, `/${f.name}`, journey.data))}
      ${specs.map((spec) => renderAttachment(journey, spec))}
      <div class="actions">
        <button class="primary" type="submit">
          ${
            journey.returnToCheck
              ? msg('Zapisz i wróć do podsumowania', { id: 'journey.save-return' })
              : msg('Dalej', { id: 'journey.continue' })
          }
        </button>
        ${
          journey.step || journey.startPage
            ? html`<button class="link" type="button" @click=${() => journey.back()}>
                ${msg('Wstecz', { id: 'journey.back' })}
              </button>`
            : nothing
        }
      </div>
      ${journey.step || journey.startPage ? nothing : html`<p class="hint">${savedText()}</p>`}
    </form>
  `;
}
