import { forEachText } from '../runtime/texts.js';
import type { Lang } from '../runtime/types.js';

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
