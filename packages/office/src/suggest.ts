/** @module Which department a paper item most likely belongs to, from the procedure its subject names: words compared as Polish is written. */
import type { Catalogue } from '@ebok/schemas/api';

/** A department proposed for an item, and why. */
export type Suggestion =
  | { readonly department: string; readonly because: 'sender'; readonly items: readonly string[] }
  | { readonly department: string; readonly because: 'procedure'; readonly procedure: Catalogue[number]['title'] };

/** Letters and digits, lower case, without diacritics: how names and subjects are compared. */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether two names are the same, case, diacritics and punctuation aside. */
export const sameName = (a: string, b: string): boolean => words(a).join(' ') === words(b).join(' ');

/** Words too common in titles to tell procedures apart. */
const COMMON = new Set([
  'wniosek',
  'wydanie',
  'zgloszenie',
  'o',
  'w',
  'z',
  'do',
  'na',
  'i',
  'dla',
  'sprawie',
  'lub',
  'oraz',
  'od',
]);

/**
 * The procedure of the catalogue whose Polish title shares the most telling words (at least two)
 * with the subject, if one stands out; words match on their first five letters, so that Polish
 * endings (dowodu, dowód) do not keep them apart.
 */
export function procedureFor(subject: string, catalogue: Catalogue): Catalogue[number] | undefined {
  const stem = (w: string) => w.slice(0, 5);
  const asked = new Set(
    words(subject)
      .filter((w) => !COMMON.has(w))
      .map(stem),
  );
  let best: Catalogue[number] | undefined;
  let bestScore = 1;
  let tie = false;
  for (const p of catalogue) {
    const title = new Set(
      words(p.title.pl)
        .filter((w) => !COMMON.has(w))
        .map(stem),
    );
    const score = [...title].filter((w) => asked.has(w)).length;
    if (score > bestScore) [best, bestScore, tie] = [p, score, false];
    else if (score === bestScore && best && best.department !== p.department) tie = true;
  }
  return tie ? undefined : best;
}
