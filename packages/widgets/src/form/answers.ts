import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { jsonEqual, type FieldModel, type Json } from '@ebok/forms-core/runtime';
import { formatDate, formatNumber, t } from '../localization.js';

/** An answer as the resident reads it back on "check your answers". */
export function renderAnswer(field: FieldModel, answer: Json): TemplateResult | string {
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
