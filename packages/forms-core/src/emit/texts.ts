import { forEachText } from '../runtime/texts.js';
import type { BrowserFieldModel, BrowserFormModel, FieldModel, FormModel, Lang } from '../runtime/types.js';

/** A copy of a form model or validator spec with its texts in Polish only. */
export function polishOnly<T>(value: T): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  forEachText(copy, (text) => {
    for (const lang of Object.keys(text)) if (lang !== 'pl') delete text[lang];
  });
  return copy;
}

/** One language's texts of a form model or validator spec, in the order `addTexts` puts them back. */
export function textsIn(value: unknown, lang: Lang): string[] {
  const texts: string[] = [];
  forEachText(value, (text) => texts.push(text[lang]!));
  return texts;
}

/** A form model as browsers have it: without what only servers and the compiler read. */
export function forBrowsers(model: FormModel): BrowserFormModel {
  const field = (f: FieldModel): BrowserFieldModel => {
    const { path: _path, warnings: _warnings, ...rest } = f;
    // Replacing keys that `rest` has keeps them where they were: texts keep their order.
    return {
      ...rest,
      ...(f.fields ? { fields: f.fields.map(field) } : {}),
      ...(f.item ? { item: field(f.item) } : {}),
    };
  };
  const {
    jrwa: _jrwa,
    department: _department,
    presence: _presence,
    legalReview: _legalReview,
    deadline: _deadline,
    ...procedure
  } = model.procedure;
  return { procedure, steps: model.steps, fields: model.fields.map(field) };
}
