import type { Lang } from '../types.js';

/** What a message is made from: a validator error's params, or a control's own limits. */
export type MessageParams = Readonly<Record<string, unknown>>;

/** One message in one language: fixed, or made from its params. */
export type Message = string | ((p: MessageParams) => string);

/**
 * One language's messages: by JSON Schema keyword, by format name (code `format.<name>`), and for
 * attachments and warnings. Every language has the same codes (Polish is the reference).
 */
export interface MessageTable<K extends string = string, F extends string = string, O extends string = string> {
  readonly keywords: Readonly<Record<K, Message>>;
  readonly formats: Readonly<Record<F, string>>;
  readonly other: Readonly<Record<O, Message>>;
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};

/** "n word" with the plural form for n: Polish and Ukrainian have one/few/many, English one/other. */
export function plural(lang: Lang, n: number, one: string, few: string, many: string): string {
  const c = (pluralRules[lang] ??= new Intl.PluralRules(lang)).select(n);
  const word = c === 'one' ? one : c === 'few' ? few : many;
  return `${n} ${word}`;
}

export const num = (p: MessageParams, key: string): number => Number(p[key]);
/** A size limit in bytes as people read it: whole KB below 1 MB (100 KB), MB from it (2,5 MB). */
export const bytes = (lang: Lang, n: number, kb: string, mb: string): string =>
  n < 1048576 ? `${Math.round(n / 1024)} ${kb}` : `${(n / 1048576).toLocaleString(lang)} ${mb}`;
export const str = (p: MessageParams, key: string): string => String(p[key]);
export const list = (p: MessageParams, key: string): string => {
  const v = p[key];
  return Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v);
};

/** The first JSON type an error names (ajv gives `"string,null"` for a list), in `names`' words. */
export const typeName = (names: Readonly<Record<string, string>>, p: MessageParams): string => {
  const t = str(p, 'type').split(',')[0] ?? '';
  return names[t] ?? t;
};
