import { html, nothing, type TemplateResult } from 'lit';
import {
  isAttachmentRequired,
  type AttachmentSpec,
  type BrowserFieldModel,
  type BrowserFormModel,
  type Json,
} from '@ebok/forms-core/runtime/base';
// The controls the journey renders (not <ebok-address>: addresses from the schemas are groups of
// fields, with the schema's own labels).
import '../controls/checkbox-group.js';
import '../controls/checkbox.js';
import '../controls/date-field.js';
import '../controls/file-field.js';
import '../controls/identifier-field.js';
import '../controls/number-field.js';
import '../controls/radio-group.js';
import '../controls/repeatable.js';
import '../controls/select.js';
import '../controls/text-field.js';
import '../controls/textarea.js';
import { props } from '../internal/props.js';
import { t } from '../localization.js';
import { getAt, isRequired, isVisible, submittable, type JsonObject } from './data.js';
import type { AttachedFile } from './drafts.js';

/** What rendering a field needs of the journey (journey.ts): the answers, their errors, and where changes go. */
export interface FieldJourney {
  readonly model: BrowserFormModel;
  readonly data: JsonObject;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  errorFor(pointer: string): string;
  setAnswer(pointer: string, value: Json | undefined): void;
  setAttachment(name: string, attached: AttachedFile | undefined): void;
}

/** The value of the control an event came from. */
export const valueOf = <V>(e: Event): V => (e.currentTarget as unknown as { value: V }).value;

/** The element id of a field, from its JSON pointer. */
export const fieldId = (pointer: string): string => `f${pointer.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Moves the focus to a field of the page in `root`, if it is there (an error summary's link). */
export function focusField(root: ParentNode, pointer: string): boolean {
  const target = root.querySelector<HTMLElement>(`#${fieldId(pointer)}`);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
  return !!target;
}

/** A field of the form model as its control (or a fieldset of them), bound to the answers. */
export function renderField(
  journey: FieldJourney,
  field: BrowserFieldModel,
  pointer: string,
  holder: Json | undefined,
): TemplateResult | typeof nothing {
  if (!isVisible(field, holder)) return nothing;
  const value = getAt(journey.data, pointer);
  const id = fieldId(pointer);
  const label = t(field.label);
  const hint = t(field.hint);
  const required = isRequired(field, holder);
  // What every control gets: its name, texts, whether it must be answered, and its error.
  const common = { id, name: field.name, label, hint, required, error: journey.errorFor(pointer) };
  const c = field.constraints ?? {};
  const text = (value === undefined ? '' : String(value)) as string;
  const onInput = (e: Event): void => {
    const v = valueOf<unknown>(e);
    journey.setAnswer(pointer, v === '' || v === undefined ? undefined : (v as Json));
  };
  // Choices are strings in the controls; the model's own values go into the data.
  const choices = field.options ?? field.item?.options ?? [];
  const options = choices.map((o) => ({ value: String(o.value), label: t(o.label) }));
  const choice = (v: string): Json | undefined => choices.find((o) => String(o.value) === v)?.value;
  const onChoice = (e: Event): void => journey.setAnswer(pointer, choice(valueOf<string>(e)));
  switch (field.kind) {
    case 'group':
    case 'address':
      return html`
        <fieldset class="group" id=${id}>
          <legend>${label}</legend>
          ${hint ? html`<div class="hint">${hint}</div>` : nothing}
          <div class="group-fields">
            ${(field.fields ?? []).map((f) => renderField(journey, f, `${pointer}/${f.name}`, value))}
          </div>
        </fieldset>
      `;
    case 'repeatable': {
      const items = Array.isArray(value) ? value : [];
      const renderItem = (i: number): TemplateResult | typeof nothing =>
        field.fields
          ? html`${field.fields.map((f) => renderField(journey, f, `${pointer}/${i}/${f.name}`, items[i]))}`
          : field.item
            ? renderField(journey, { ...field.item, label: field.itemLabel ?? field.label }, `${pointer}/${i}`, items)
            : nothing;
      return html`<ebok-repeatable
        ${props({
          ...common,
          itemLabel: t(field.itemLabel ?? field.label),
          min: c.minItems ?? (required ? 1 : 0),
          max: c.maxItems ?? Infinity,
          value: items,
          renderItem,
        })}
        @ebok-repeatable-add=${() => journey.setAnswer(pointer, [...items, field.fields ? {} : ''])}
        @ebok-repeatable-remove=${(e: Event & { index?: number }) => {
          if (e.index !== undefined) journey.setAnswer(pointer, items.filter((_, i) => i !== e.index) as Json);
        }}
      ></ebok-repeatable>`;
    }
    case 'textarea':
      return html`<ebok-textarea
        ${props({ ...common, maxLength: c.maxLength, value: text })}
        @input=${onInput}
      ></ebok-textarea>`;
    case 'number':
      return html`<ebok-number-field
        ${props({
          ...common,
          min: c.minimum ?? c.exclusiveMinimum,
          max: c.maximum ?? c.exclusiveMaximum,
          step: field.type === 'integer' ? 1 : c.multipleOf,
          value,
        })}
        @input=${onInput}
      ></ebok-number-field>`;
    case 'date':
      return html`<ebok-date-field ${props({ ...common, value: text })} @input=${onInput}></ebok-date-field>`;
    case 'select':
      return html`<ebok-select
        ${props({ ...common, options, value: text })}
        @input=${onChoice}
        @change=${onChoice}
      ></ebok-select>`;
    case 'radio':
      return html`<ebok-radio-group
        ${props({ ...common, options, value: text })}
        @input=${onChoice}
        @change=${onChoice}
      ></ebok-radio-group>`;
    case 'checkbox': {
      const onTick = (e: Event): void => journey.setAnswer(pointer, valueOf<boolean>(e) || undefined);
      return html`<ebok-checkbox
        ${props({ ...common, value: value === true })}
        @input=${onTick}
        @change=${onTick}
      ></ebok-checkbox>`;
    }
    case 'checkbox-group':
      return html`<ebok-checkbox-group
        ${props({ ...common, options, value: Array.isArray(value) ? value.map(String) : [] })}
        @input=${(e: Event) => {
          const picked = valueOf<string[]>(e).map((v) => choice(v) ?? v);
          journey.setAnswer(pointer, picked.length ? (picked as Json[]) : undefined);
        }}
      ></ebok-checkbox-group>`;
    case 'identifier':
      return html`<ebok-identifier-field
        format=${field.format ?? ''}
        ${props({ ...common, autocomplete: field.autocomplete ?? '', value: text })}
        @input=${onInput}
      ></ebok-identifier-field>`;
    default:
      // Every widget kind has its case above: a kind added to WidgetKind and not rendered here does
      // not compile. (A form model newer than this code still shows such a field as text.)
      field.kind satisfies never;
    // falls through
    case 'text':
      return html`<ebok-text-field
        ${props({
          ...common,
          type: field.format === 'email' ? 'email' : field.autocomplete === 'tel' ? 'tel' : 'text',
          autocomplete: field.autocomplete ?? '',
          maxLength: c.maxLength,
          value: text,
        })}
        @input=${onInput}
      ></ebok-text-field>`;
  }
}

/** An attachment the procedure asks for, as a file field. */
export function renderAttachment(journey: FieldJourney, spec: AttachmentSpec): TemplateResult {
  const pointer = `/attachments/${spec.name}`;
  return html`<ebok-file-field
    id=${fieldId(pointer)}
    name=${spec.name}
    .label=${t(spec.label)}
    .hint=${t(spec.hint)}
    .required=${isAttachmentRequired(spec, submittable(journey.model.fields, journey.data))}
    .error=${journey.errorFor(pointer)}
    .accept=${spec.mediaTypes.join(',')}
    .maxSize=${spec.maxSize}
    .image=${spec.image}
    .value=${journey.attachments[spec.name]}
    @change=${(e: Event) => journey.setAttachment(spec.name, valueOf<AttachedFile | undefined>(e))}
  ></ebok-file-field>`;
}
