import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { jsonEqual, type BrowserFieldModel, type BrowserFormModel, type Json } from '@ebok/forms-core/runtime/base';
import { formatDate, formatNumber, formatSize, t } from '../localization.js';
import { getAt, visibleFields, type JsonObject } from './data.js';
import type { AttachedFile } from './drafts.js';

/** An answer as the resident reads it back on "check your answers". */
export function renderAnswer(field: BrowserFieldModel, answer: Json): TemplateResult | string {
  const option = (v: Json): string => {
    const o = (field.options ?? field.item?.options)?.find((opt) => jsonEqual(opt.value, v));
    return o ? t(o.label) : String(v);
  };
  if (Array.isArray(answer)) {
    return html`${answer.map((a, i) => html`${i ? html`<br />` : ''}${field.item ? renderAnswer(field.item, a) : option(a)}`)}`;
  }
  if (typeof answer === 'boolean') return answer ? msg('Tak', { id: 'answer.yes' }) : msg('Nie', { id: 'answer.no' });
  if (field.options) return option(answer);
  if (typeof answer === 'number') return formatNumber(answer);
  if (field.kind === 'date' && typeof answer === 'string') return formatDate(answer);
  return String(answer);
}

/**
 * "Check your answers": each step's answers as label, answer and a "Change" button (`change`
 * makes it), attachments included; hidden and unanswered fields are left out.
 */
export function renderAnswers(
  model: BrowserFormModel,
  data: JsonObject,
  attachments: Readonly<Record<string, AttachedFile>>,
  change: (step: number, what: string) => TemplateResult,
): TemplateResult[] {
  return model.steps.map((step, i) => {
    const rows: TemplateResult[] = [];
    const fields = model.fields.filter((f) => step.fields.includes(f.name));
    for (const { field, pointer } of visibleFields(fields, data)) {
      if (field.kind === 'group' || field.kind === 'address' || (field.kind === 'repeatable' && field.fields)) continue;
      const answer = getAt(data, pointer);
      if (answer === undefined) continue;
      rows.push(
        html`<div>
          <dt>${labelPath(model.fields, pointer)}</dt>
          <dd>${renderAnswer(field, answer)}</dd>
          <dd>${change(i, t(field.label))}</dd>
        </div>`,
      );
    }
    for (const spec of model.procedure.attachments.filter((a) => step.attachments.includes(a.name))) {
      const file = attachments[spec.name];
      if (!file) continue;
      rows.push(
        html`<div>
          <dt>${t(spec.label)}</dt>
          <dd>${file.file.name} (${formatSize(file.file.size)})</dd>
          <dd>${change(i, t(spec.label))}</dd>
        </div>`,
      );
    }
    return html`<h3>${t(step.title)}</h3>
      ${
        rows.length
          ? html`<dl class="summary">${rows}</dl>`
          : html`<p>${msg('Brak odpowiedzi w tej części.', { id: 'check.empty' })} ${change(i, t(step.title))}</p>`
      }`;
  });
}

/** "Applicant › Given names": a field's label with its groups', for the check-your-answers list. */
function labelPath(fields: readonly BrowserFieldModel[], pointer: string): string {
  const parts: string[] = [];
  let level: readonly BrowserFieldModel[] | undefined = fields;
  for (const segment of pointer.slice(1).split('/')) {
    if (/^\d+$/.test(segment)) {
      parts[parts.length - 1] += ` ${Number(segment) + 1}`;
      continue;
    }
    const field: BrowserFieldModel | undefined = level?.find((f) => f.name === segment);
    if (!field) break;
    parts.push(t(field.label));
    level = field.fields ?? field.item?.fields;
  }
  return parts.join(' › ');
}
