/** @module An application's answers as "check your answers" lists them, in Polish, as plain text: what the signed document shows. */
import { evaluateCondition, jsonEqual } from '../runtime/condition.js';
import type { BrowserFieldModel, BrowserFormModel, Json } from '../runtime/types.js';

type JsonObject = { readonly [k: string]: Json };

export interface AnswerRow {
  /** The field's label with its groups' (`Wnioskodawca › Imię`). */
  readonly label: string;
  readonly answer: string;
}

export interface AnswerSection {
  readonly title: string;
  readonly rows: readonly AnswerRow[];
}

/** An attachment as the signed document names it: the file is identified by its hash. */
export interface AttachmentLine {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `2024-05-01` → `01.05.2024`; a partial or other date stays as written. */
const polishDate = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

/** Numbers as a Polish reader writes them (decimal comma), the same in every runtime (no Intl). */
const polishNumber = (n: number): string => String(n).replace('.', ',');

/** `1536` → `1,5 KB`: sizes in the units a reader expects. */
export function polishSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${polishNumber(Math.round(value * 10) / 10)} ${units[unit]}`;
}

/** One answer as text: option labels for chosen values, Tak/Nie, dates and numbers in Polish. */
export function answerText(field: BrowserFieldModel, answer: Json): string {
  const option = (v: Json): string => {
    const o = (field.options ?? field.item?.options)?.find((opt) => jsonEqual(opt.value, v));
    return o ? o.label.pl : typeof v === 'string' ? v : JSON.stringify(v);
  };
  if (Array.isArray(answer)) return answer.map((a) => (field.item ? answerText(field.item, a) : option(a))).join('\n');
  if (typeof answer === 'boolean') return answer ? 'Tak' : 'Nie';
  if (field.options) return option(answer);
  if (typeof answer === 'number') return polishNumber(answer);
  if (field.kind === 'date' && typeof answer === 'string') return polishDate(answer);
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
}

function* visibleLeaves(
  fields: readonly BrowserFieldModel[],
  data: Json | undefined,
  labels: readonly string[],
): Generator<AnswerRow> {
  for (const field of fields) {
    if (field.visibleWhen && !evaluateCondition(field.visibleWhen, data ?? {})) continue;
    const value = isObject(data) ? data[field.name] : undefined;
    if (value === undefined) continue;
    const label = [...labels, field.label.pl];
    if (field.fields && field.type === 'object') {
      yield* visibleLeaves(field.fields, value, label);
    } else if (field.fields && field.type === 'array' && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        yield* visibleLeaves(field.fields, value[i], [...labels, `${field.label.pl} ${i + 1}`]);
      }
    } else {
      yield { label: label.join(' › '), answer: answerText(field, value) };
    }
  }
}

/**
 * Each step's answers as label and text, in the model's order: hidden and unanswered fields
 * are left out, as on "check your answers". Members of groups, addresses and repeated items
 * are named with their group's label (`Właściciele 2 › Nazwisko`).
 */
export function answerSections(model: BrowserFormModel, data: Json): AnswerSection[] {
  return model.steps.map((step) => ({
    title: step.title.pl,
    rows: [
      ...visibleLeaves(
        model.fields.filter((f) => step.fields.includes(f.name)),
        data,
        [],
      ),
    ],
  }));
}

/** The attachments as the document lists them: the procedure's label for each, with size and hash. */
export function attachmentRows(model: BrowserFormModel, attachments: readonly AttachmentLine[]): AnswerRow[] {
  return attachments.map((a) => {
    const spec = model.procedure.attachments.find((s) => s.name === a.name);
    return {
      label: spec ? spec.label.pl : a.name,
      answer: `${a.mediaType}, ${polishSize(a.size)}\nSHA-256: ${a.sha256}`,
    };
  });
}
