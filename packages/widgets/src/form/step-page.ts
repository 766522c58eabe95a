import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import {
  escapePointerSegment,
  type ProcedureValidator,
  type StepModel,
  type ValidationIssue,
} from '@ebok/forms-core/runtime/base';
import { t } from '../localization.js';
import { submittable, visibleFields } from './data.js';
import { attachmentRefs } from './drafts.js';
import { fieldId, renderAttachment, renderField, type FieldHost } from './fields.js';
import { renderHeading } from './heading.js';

/** An error shown in the summary and next to its field: from the validator (three languages) or the server. */
export interface ShownError {
  readonly pointer: string;
  readonly message: () => string;
}

/** Where a resident is in the journey. */
export type Phase = 'start' | 'step' | 'check' | 'sign' | 'receipt';

/** What a step page and the error summary read and change of the journey (procedure-form.ts). */
export interface StepHost extends FieldHost {
  readonly validator: ProcedureValidator;
  readonly renderRoot: ParentNode;
  readonly phase: Phase;
  readonly step: number;
  readonly errors: readonly ShownError[];
  /** The resident came from "check your answers" to change an answer, and goes straight back there. */
  readonly returnToCheck: boolean;
  /** Goes on from a step whose answers are valid, or shows its errors. */
  continueFrom(step: StepModel): void;
  back(): void;
}

/** The validator's errors that belong to a step's fields and attachments. */
export function stepErrors(host: StepHost, step: StepModel): ShownError[] {
  const data = submittable(host.model.fields, host.data);
  const result = host.validator.validate(data, attachmentRefs(host.attachments));
  const prefixes = [
    ...step.fields.map((name) => `/${escapePointerSegment(name)}`),
    ...step.attachments.map((name) => `/attachments/${name}`),
  ];
  const inStep = (issue: ValidationIssue): boolean =>
    prefixes.some((p) => issue.pointer === p || issue.pointer.startsWith(`${p}/`));
  return orderErrors(host, result.errors.filter(inStep)).map((issue) => ({
    pointer: issue.pointer,
    message: () => t(issue.message),
  }));
}

/** Errors in the order their fields appear on the page, one per field. */
function orderErrors(host: StepHost, issues: readonly ValidationIssue[]): ValidationIssue[] {
  const order = new Map<string, number>();
  let i = 0;
  for (const { pointer } of visibleFields(host.model.fields, host.data)) order.set(pointer, i++);
  for (const spec of host.model.procedure.attachments) order.set(`/attachments/${spec.name}`, i++);
  const seen = new Set<string>();
  return [...issues]
    .filter((issue) => !seen.has(issue.pointer) && seen.add(issue.pointer))
    .sort((a, b) => (order.get(a.pointer) ?? i) - (order.get(b.pointer) ?? i));
}

/** Moves the focus to a field of the page, if it is there (an error summary's link). */
export function focusField(host: Pick<StepHost, 'renderRoot'>, pointer: string): boolean {
  const target = host.renderRoot.querySelector<HTMLElement>(`#${fieldId(pointer)}`);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
  return !!target;
}

function renderProgress(host: StepHost): TemplateResult {
  const steps = host.model.steps;
  return html`
    <nav aria-label=${msg('Postęp', { id: 'journey.progress' })}>
      <p class="caption">${msg(str`Krok ${host.step + 1} z ${steps.length}`, { id: 'journey.step-of' })}</p>
      <ol class="progress">
        ${steps.map(
          (s, i) =>
            html`<li aria-current=${i === host.step && host.phase === 'step' ? 'step' : 'false'}>${t(s.title)}</li>`,
        )}
      </ol>
    </nav>
  `;
}

/**
 * The error summary at the top of a page. On a step each error is a button that takes the resident
 * to its field; on the pages after the steps, where the fields are not, it starts with their label.
 */
export function renderErrorSummary(host: StepHost): TemplateResult | typeof nothing {
  if (host.errors.length === 0) return nothing;
  return html`
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${msg('Popraw następujące błędy', { id: 'journey.error-summary' })}</h3>
      <ul>
        ${host.errors.map((e) =>
          e.pointer && host.phase === 'step'
            ? html`<li><button class="link" @click=${() => focusField(host, e.pointer)}>${e.message()}</button></li>`
            : html`<li>${labelOf(host, e.pointer)}${e.message()}</li>`,
        )}
      </ul>
    </div>
  `;
}

/** "Label: " for an error shown away from its field (on the check and sign pages). */
function labelOf(host: StepHost, pointer: string): string {
  if (!pointer) return '';
  for (const { field, pointer: p } of visibleFields(host.model.fields, host.data)) {
    if (p === pointer) return `${t(field.label)}: `;
  }
  const spec = host.model.procedure.attachments.find((a) => pointer === `/attachments/${a.name}`);
  return spec ? `${t(spec.label)}: ` : '';
}

/** One step of the form: progress, error summary, the step's fields and attachments, continue and back. */
export function renderStep(host: StepHost, step: StepModel): TemplateResult {
  const { model } = host;
  const fields = model.fields.filter((f) => step.fields.includes(f.name));
  const specs = model.procedure.attachments.filter((a) => step.attachments.includes(a.name));
  return html`
    ${renderProgress(host)} ${renderErrorSummary(host)} ${renderHeading(t(step.title))}
    <form
      novalidate
      class="fields"
      @submit=${(e: Event) => {
        e.preventDefault();
        host.continueFrom(step);
      }}
    >
      ${fields.map((f) => renderField(host, f, `/${f.name}`, host.data))}
      ${specs.map((spec) => renderAttachment(host, spec))}
      <div class="actions">
        <button class="primary" type="submit">
          ${
            host.returnToCheck
              ? msg('Zapisz i wróć do podsumowania', { id: 'journey.save-return' })
              : msg('Dalej', { id: 'journey.continue' })
          }
        </button>
        <button class="link" type="button" @click=${() => host.back()}>${msg('Wstecz', { id: 'journey.back' })}</button>
      </div>
    </form>
  `;
}
