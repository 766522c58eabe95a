import { configureLocalization } from '@lit/localize';
import type { Lang, Text } from '@ebok/forms-core/runtime/base';

/** The languages of the widgets: Polish (the source), English and Ukrainian. */
export const LOCALES: readonly Lang[] = ['pl', 'en', 'uk'];

type Templates = Awaited<ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>>['templates'];
/** Texts of an application built on the widgets (the office console), loaded with each language. */
const moreTexts: Array<(locale: string) => Promise<{ templates: Templates }>> = [];

// A static map, not `import(`./${l}.js`)`: bundlers and dev servers can follow it. Each language
// brings the widgets' texts and the validation messages (Polish ones are always here).
const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'pl',
  targetLocales: ['en', 'uk'],
  loadLocale: async (locale) => {
    const own = locale === 'en' ? import('./languages/en.js') : import('./languages/uk.js');
    if (moreTexts.length === 0) return own;
    const [widgets, ...more] = await Promise.all([own, ...moreTexts.map((load) => load(locale))]);
    // The widgets' own texts last: an application's texts never replace theirs.
    return { templates: Object.assign({}, ...more.map((m) => m.templates), widgets.templates) as Templates };
  },
});

/**
 * Adds an application's own texts to every language the widgets load (runtime localization is
 * one per page): `load` gives the texts of a target language. Call it before switching language.
 */
export function addTexts(load: (locale: string) => Promise<{ templates: Templates }>): void {
  moreTexts.push(load);
}

/** The active language of every ebok widget on the page (runtime localization is page-wide). */
export function currentLang(): Lang {
  const l = getLocale();
  return (LOCALES as readonly string[]).includes(l) ? (l as Lang) : 'pl';
}

/** One of our languages for a BCP 47 tag such as `en-GB` or `uk`; Polish for anything else. */
export function toLang(tag: string | null | undefined): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Lang) : 'pl';
}

/**
 * The language an element asks for: its own `lang` or its nearest ancestor's, across shadow
 * roots, else the page's.
 */
export function requestedLang(el: Element): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return toLang(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLang(document.documentElement.lang);
}

/** Switches every widget on the page to `lang`; resolves once its texts are loaded. */
export async function useLang(lang: Lang): Promise<void> {
  if (getLocale() !== lang) await setLocale(lang);
}

/** A resident-visible text from a form model, in the active language. */
export function t(text: Text | undefined): string {
  if (!text) return '';
  return text[currentLang()] || text.pl;
}

/** Formats a date (YYYY-MM-DD or a full timestamp) for the active language. */
export function formatDate(value: string | Date, withTime = false): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(currentLang(), {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short', timeZone: 'Europe/Warsaw' } : { timeZone: 'UTC' }),
  }).format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number (an amount, a size) for the active language. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const key = `${currentLang()} ${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(currentLang(), options)));
  return format.format(value);
}

/**
 * An amount in złoty exactly as `Intl.NumberFormat` writes it with `style: 'currency'` ("22,50 zł",
 * "PLN 22.50", "22,50 PLN"), without Intl: a page's first Intl call loads the browser's locale
 * data, some 20–30 ms of the one thread, and a start page shows its fee at once. Fees are in
 * whole grosze.
 */
export function formatPln(amount: number): string {
  const lang = currentLang();
  const [whole = '', cents] = amount.toFixed(2).split('.');
  // Polish groups thousands only from five digits on (CLDR's minimum grouping digits); NBSP between.
  const grouped =
    lang === 'pl' && whole.length < 5 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, lang === 'en' ? ',' : '\u00a0');
  return lang === 'en' ? `PLN\u00a0${grouped}.${cents}` : `${grouped},${cents}\u00a0${lang === 'pl' ? 'zł' : 'PLN'}`;
}

/** Formats a byte count as kB or MB for the active language. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB`;
}
