import type { Lang } from './types.js';

// Keys whose values are form data (option values, constants), never texts, however they look.
const DATA_KEYS = new Set(['value', 'constValue', 'values']);

const isText = (node: object): boolean => {
  const keys = Object.keys(node);
  return keys.includes('pl') && keys.every((k) => k === 'pl' || k === 'en' || k === 'uk');
};

/**
 * Visits every resident-visible text (`{pl, en, uk}`) of a form model, depth first in key order.
 * The order is the contract between the compiler, which writes one language's texts as a list,
 * and `addTexts`, which puts them back.
 */
export function forEachText(node: unknown, visit: (text: Record<string, string>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) forEachText(item, visit);
  } else if (typeof node === 'object' && node !== null) {
    if (isText(node)) {
      visit(node as Record<string, string>);
      return;
    }
    for (const [key, value] of Object.entries(node)) if (!DATA_KEYS.has(key)) forEachText(value, visit);
  }
}

/**
 * Adds one language's texts (as the compiler listed them) to a form model that was shipped with
 * Polish only, so a browser downloads the languages it shows. Returns false, changing nothing,
 * if the list does not fit the model.
 */
export function addTexts(model: unknown, lang: Lang, texts: readonly string[]): boolean {
  const targets: Array<Record<string, string>> = [];
  forEachText(model, (t) => targets.push(t));
  if (targets.length !== texts.length) return false;
  targets.forEach((t, i) => (t[lang] = texts[i]!));
  return true;
}
