import type { Lang, Text } from '../types.js';
import type { Message, MessageParams, MessageTable } from './common.js';
import { EN_MESSAGES } from './en.js';
import { PL_MESSAGES } from './pl.js';
import { UK_MESSAGES } from './uk.js';

type Template = Readonly<Record<Lang, (p: MessageParams) => string>>;

const LANGUAGES: ReadonlyArray<readonly [Lang, MessageTable]> = [
  ['pl', PL_MESSAGES],
  ['en', EN_MESSAGES],
  ['uk', UK_MESSAGES],
];

const byCode = <V>(pick: (t: MessageTable) => Readonly<Record<string, V>>): Record<string, Record<Lang, V>> =>
  Object.fromEntries(
    Object.keys(pick(PL_MESSAGES)).map((code) => [
      code,
      Object.fromEntries(LANGUAGES.map(([lang, table]) => [lang, pick(table)[code]!])) as Record<Lang, V>,
    ]),
  );

const asTemplate = (m: Record<Lang, Message>): Template =>
  Object.fromEntries(
    Object.entries(m).map(([lang, message]) => [lang, typeof message === 'string' ? () => message : message]),
  ) as Template;

/** Messages for every JSON Schema keyword the schemas may use, by stable code, in pl/en/uk. */
export const KEYWORD_MESSAGES: Readonly<Record<string, Template>> = Object.fromEntries(
  Object.entries(byCode((t) => t.keywords)).map(([code, m]) => [code, asTemplate(m)]),
);

/** Messages for every format the schemas may use, by format name (code `format.<name>`), in pl/en/uk. */
export const FORMAT_MESSAGES: Readonly<Record<string, Text>> = byCode((t) => t.formats);

/** Messages for attachment problems and warnings, by stable code, in pl/en/uk. */
export const OTHER_MESSAGES: Readonly<Record<string, Template>> = Object.fromEntries(
  Object.entries(byCode((t) => t.other)).map(([code, m]) => [code, asTemplate(m)]),
);
