/**
 * @module The keys an entry of the register is found by (register_keys), besides its signers':
 * the words of its sender's name and its sender's reference, folded so that a clerk finds
 * "Łukasz Żółć" by typing "lukasz zolc"; and what a question asks for, as the same keys.
 */

/** Polish letters without their marks (NFD takes the rest apart; ł has no decomposition). */
const fold = (text: string): string => text.toLowerCase().replace(/ł/g, 'l').normalize('NFD').replace(/\p{M}/gu, '');

/** Most words of a name an entry is found by: a sender's name, even with an address, is short. */
const MAX_WORDS = 12;
/** The longest word or reference kept as a key. */
const MAX_KEY = 64;

/** The words of a text as keys are made of: folded, letters and digits, two characters or more, each once. */
export function words(text: string): string[] {
  const found = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .map((w) => w.slice(0, MAX_KEY));
  return [...new Set(found)].slice(0, MAX_WORDS);
}

/** A sender's reference (znak pisma) as a key: folded, without spaces. */
export const referenceKey = (reference: string): string =>
  `ref:${fold(reference).replace(/\s+/g, '').slice(0, MAX_KEY)}`;

/** The name the register's sender carries: a person's names, a letter's sender as typed, a company. */
export function senderName(sender: unknown): string {
  if (typeof sender === 'string') return sender;
  if (!sender || typeof sender !== 'object') return '';
  const s = sender as Record<string, unknown>;
  if (typeof s['name'] === 'string') return s['name'];
  const person = [s['givenNames'], s['surname']].filter((p): p is string => typeof p === 'string').join(' ');
  return person || (typeof s['subject'] === 'string' ? s['subject'] : '');
}

/** An entry's keys by its sender: `name:<word>` for each word of the name, `ref:<reference>`. */
export function senderKeys(entry: { readonly sender: unknown; readonly senderReference?: string | null }): string[] {
  const keys = words(senderName(entry.sender)).map((w) => `name:${w}`);
  if (entry.senderReference?.trim()) keys.push(referenceKey(entry.senderReference));
  return keys;
}

/** The keys a person enrolled at the desk is found by: `name:<word>` for each word of their names. */
export const personKeys = (person: { readonly givenNames: string; readonly surname: string }): string[] =>
  words(`${person.givenNames} ${person.surname}`).map((w) => `name:${w}`);

/**
 * What a question (`q`) asks for, as alternatives each of keys that must all be there: a PESEL
 * (eleven digits) is a signer's; anything else is the words of a name, all of them, or a
 * sender's reference as it is.
 */
export function questionKeys(q: string): string[][] {
  const text = q.trim();
  if (/^\d{11}$/.test(text)) return [[`signer:PNOPL-${text}`]];
  const alternatives: string[][] = [];
  const name = words(text).map((w) => `name:${w}`);
  if (name.length > 0) alternatives.push(name);
  alternatives.push([referenceKey(text)]);
  return alternatives;
}
