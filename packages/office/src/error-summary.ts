/** @module A form's error summary: what to fix before sending, each linked to its field; the API's problems put beside the fields they name. */
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.js';
import { errorText } from './texts.js';

/** One thing to fix before sending: the control's id (when it is one), its label and what is wrong. */
export interface Issue {
  readonly id: string;
  readonly label: string;
  readonly message: string;
}

/** A control of the shared set: its label, and the error shown beside it. */
export type FieldControl = HTMLElement & { error: string; label: string };

/**
 * The API's problem as issues: each of its `errors[]` beside the control its JSON pointer names
 * (`idOf` says which; the control shows the message) and in the summary; what names no control,
 * in the summary only, once. A problem without `errors` is one issue: its text.
 */
export function problemIssues(
  e: unknown,
  idOf: (pointer: string) => string | undefined,
  control: (id: string) => FieldControl | null,
): Issue[] {
  const issues: Issue[] = [];
  for (const { pointer, message } of e instanceof ApiError ? e.errors : []) {
    const id = idOf(pointer);
    const field = id ? control(id) : null;
    if (id && field && 'error' in field) {
      field.error = message;
      issues.push({ id, label: field.label, message });
    } else if (!issues.some((i) => !i.id && i.message === message)) issues.push({ id: '', label: '', message });
  }
  return issues.length ? issues : [{ id: '', label: '', message: errorText(e) }];
}

/**
 * The summary above a form (focus it once shown): its title, then each issue, linked to its field
 * where it has one; `goTo` moves focus to that field.
 */
export function renderErrorSummary(
  title: string,
  issues: readonly Issue[],
  goTo: (event: Event, id: string) => void,
): TemplateResult | typeof nothing {
  if (!issues.length) return nothing;
  return html`<div class="summary" tabindex="-1" role="group" aria-labelledby="summary-title">
    <h2 id="summary-title">${title}</h2>
    <ul>
      ${issues.map((i) =>
        i.id
          ? html`<li>
              <a href=${`#${i.id}`} @click=${(e: Event) => goTo(e, i.id)}
                >${i.label ? `${i.label}: ` : ''}${i.message}</a
              >
            </li>`
          : html`<li>${i.message}</li>`,
      )}
    </ul>
  </div>`;
}
