import type { Lang, Text } from './types.js';
import type { Message, MessageParams, MessageTable } from './messages/common.js';
import { PL_MESSAGES } from './messages/pl.js';

export type { Message, MessageParams, MessageTable } from './messages/common.js';

// Polish always; English and Ukrainian once added (the runtime's main entry adds both).
const tables: Partial<Record<Lang, MessageTable>> = { pl: PL_MESSAGES };

/**
 * Adds one language's messages. Until a language is added, its messages read as Polish; a text
 * made before reads the added language from then on.
 */
export function addMessages(lang: Lang, table: MessageTable): void {
  tables[lang] = table;
}

function lookup(table: MessageTable, code: string): Message | undefined {
  if (code.startsWith('format.')) {
    const name = code.slice('format.'.length);
    if (Object.hasOwn(table.formats, name)) return table.formats[name];
  }
  if (Object.hasOwn(table.keywords, code)) return table.keywords[code];
  return Object.hasOwn(table.other, code) ? table.other[code] : undefined;
}

/**
 * The message for a code in all three languages; undefined for an unknown code. English and
 * Ukrainian are read when asked for, so they follow languages added later.
 */
export function messageFor(code: string, params: MessageParams = {}): Text | undefined {
  const pl = lookup(PL_MESSAGES, code);
  if (pl === undefined) return undefined;
  const render = (lang: Lang): string => {
    const m = (tables[lang] && lookup(tables[lang], code)) ?? pl;
    return typeof m === 'string' ? m : m(params);
  };
  return {
    pl: render('pl'),
    get en() {
      return render('en');
    },
    get uk() {
      return render('uk');
    },
  };
}
