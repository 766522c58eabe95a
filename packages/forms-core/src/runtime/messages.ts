import type { Lang, Text } from './types.js';

type Params = Readonly<Record<string, unknown>>;
type Template = Readonly<Record<Lang, (p: Params) => string>>;

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};
function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  const rules = (pluralRules[lang] ??= new Intl.PluralRules(lang));
  return rules.select(n);
}

/** Picks the plural form for n: Polish and Ukrainian have one/few/many, English one/other. */
function plural(lang: Lang, n: number, one: string, few: string, many: string): string {
  const c = pluralCategory(lang, n);
  const word = c === 'one' ? one : c === 'few' ? few : many;
  return `${n} ${word}`;
}

const num = (p: Params, key: string): number => Number(p[key]);
const str = (p: Params, key: string): string => String(p[key]);
const list = (p: Params, key: string): string => {
  const v = p[key];
  return Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v);
};

const chars = (lang: Lang, n: number): string =>
  lang === 'pl'
    ? plural(lang, n, 'znak', 'znaki', 'znaków')
    : lang === 'uk'
      ? plural(lang, n, 'символ', 'символи', 'символів')
      : plural(lang, n, 'character', 'characters', 'characters');
const items = (lang: Lang, n: number): string =>
  lang === 'pl'
    ? plural(lang, n, 'pozycja', 'pozycje', 'pozycji')
    : lang === 'uk'
      ? plural(lang, n, 'позиція', 'позиції', 'позицій')
      : plural(lang, n, 'item', 'items', 'items');

const TYPE_NAMES: Readonly<Record<string, Text>> = {
  string: { pl: 'tekst', en: 'text', uk: 'текст' },
  number: { pl: 'liczba', en: 'a number', uk: 'число' },
  integer: { pl: 'liczba całkowita', en: 'a whole number', uk: 'ціле число' },
  boolean: { pl: 'tak lub nie', en: 'yes or no', uk: 'так або ні' },
  object: { pl: 'grupa pól', en: 'a group of fields', uk: 'група полів' },
  array: { pl: 'lista', en: 'a list', uk: 'список' },
  null: { pl: 'brak wartości', en: 'no value', uk: 'відсутність значення' },
};
const typeName = (lang: Lang, p: Params): string => {
  const t = str(p, 'type').split(',')[0] ?? '';
  return TYPE_NAMES[t]?.[lang] ?? t;
};

const t = (pl: Template['pl'], en: Template['en'], uk: Template['uk']): Template => ({ pl, en, uk });
const fixed = (text: Text): Template =>
  t(
    () => text.pl,
    () => text.en,
    () => text.uk,
  );

/** Messages for every JSON Schema keyword the schemas may use, by stable code. */
export const KEYWORD_MESSAGES: Readonly<Record<string, Template>> = {
  required: fixed({ pl: 'To pole jest wymagane.', en: 'This field is required.', uk: "Це поле обов'язкове." }),
  type: t(
    (p) => `Oczekiwano: ${typeName('pl', p)}.`,
    (p) => `Expected ${typeName('en', p)}.`,
    (p) => `Очікується: ${typeName('uk', p)}.`,
  ),
  enum: fixed({
    pl: 'Wybierz jedną z dostępnych odpowiedzi.',
    en: 'Choose one of the available answers.',
    uk: 'Оберіть одну з доступних відповідей.',
  }),
  const: fixed({
    pl: 'Ta odpowiedź nie jest dozwolona w tym przypadku.',
    en: 'This answer is not allowed in this case.',
    uk: 'Ця відповідь не допускається в цьому випадку.',
  }),
  not: fixed({
    pl: 'Ta odpowiedź nie jest dozwolona w tym przypadku.',
    en: 'This answer is not allowed in this case.',
    uk: 'Ця відповідь не допускається в цьому випадку.',
  }),
  minimum: t(
    (p) => `Podaj liczbę nie mniejszą niż ${num(p, 'limit')}.`,
    (p) => `Enter a number of at least ${num(p, 'limit')}.`,
    (p) => `Введіть число не менше ${num(p, 'limit')}.`,
  ),
  maximum: t(
    (p) => `Podaj liczbę nie większą niż ${num(p, 'limit')}.`,
    (p) => `Enter a number of at most ${num(p, 'limit')}.`,
    (p) => `Введіть число не більше ${num(p, 'limit')}.`,
  ),
  exclusiveMinimum: t(
    (p) => `Podaj liczbę większą niż ${num(p, 'limit')}.`,
    (p) => `Enter a number greater than ${num(p, 'limit')}.`,
    (p) => `Введіть число більше ${num(p, 'limit')}.`,
  ),
  exclusiveMaximum: t(
    (p) => `Podaj liczbę mniejszą niż ${num(p, 'limit')}.`,
    (p) => `Enter a number less than ${num(p, 'limit')}.`,
    (p) => `Введіть число менше ${num(p, 'limit')}.`,
  ),
  multipleOf: t(
    (p) => `Podaj wielokrotność liczby ${num(p, 'multipleOf')}.`,
    (p) => `Enter a multiple of ${num(p, 'multipleOf')}.`,
    (p) => `Введіть число, кратне ${num(p, 'multipleOf')}.`,
  ),
  minLength: t(
    (p) => `Wpisz co najmniej ${chars('pl', num(p, 'limit'))}.`,
    (p) => `Enter at least ${chars('en', num(p, 'limit'))}.`,
    (p) => `Введіть щонайменше ${chars('uk', num(p, 'limit'))}.`,
  ),
  maxLength: t(
    (p) => `Wpisz najwyżej ${chars('pl', num(p, 'limit'))}.`,
    (p) => `Enter at most ${chars('en', num(p, 'limit'))}.`,
    (p) => `Введіть не більше ${chars('uk', num(p, 'limit'))}.`,
  ),
  pattern: fixed({
    pl: 'Wpisana wartość ma nieprawidłową postać.',
    en: 'The value is not in the right form.',
    uk: 'Введене значення має неправильний формат.',
  }),
  minItems: t(
    (p) => `Podaj co najmniej ${items('pl', num(p, 'limit'))}.`,
    (p) => `Give at least ${items('en', num(p, 'limit'))}.`,
    (p) => `Вкажіть щонайменше ${items('uk', num(p, 'limit'))}.`,
  ),
  maxItems: t(
    (p) => `Podaj najwyżej ${items('pl', num(p, 'limit'))}.`,
    (p) => `Give at most ${items('en', num(p, 'limit'))}.`,
    (p) => `Вкажіть не більше ${items('uk', num(p, 'limit'))}.`,
  ),
  uniqueItems: t(
    (p) => `Pozycje ${num(p, 'j') + 1} i ${num(p, 'i') + 1} się powtarzają.`,
    (p) => `Items ${num(p, 'j') + 1} and ${num(p, 'i') + 1} are the same.`,
    (p) => `Позиції ${num(p, 'j') + 1} і ${num(p, 'i') + 1} повторюються.`,
  ),
  contains: fixed({
    pl: 'Lista nie zawiera wymaganej pozycji.',
    en: 'The list does not include a required item.',
    uk: 'Список не містить обов’язкової позиції.',
  }),
  additionalProperties: t(
    (p) => `Nieznane pole „${str(p, 'additionalProperty')}”.`,
    (p) => `Unknown field "${str(p, 'additionalProperty')}".`,
    (p) => `Невідоме поле «${str(p, 'additionalProperty')}».`,
  ),
  unevaluatedProperties: t(
    (p) => `Nieznane pole „${str(p, 'unevaluatedProperty')}”.`,
    (p) => `Unknown field "${str(p, 'unevaluatedProperty')}".`,
    (p) => `Невідоме поле «${str(p, 'unevaluatedProperty')}».`,
  ),
  dependentRequired: fixed({ pl: 'To pole jest wymagane.', en: 'This field is required.', uk: "Це поле обов'язкове." }),
  anyOf: fixed({
    pl: 'Wypełnij pola zgodnie z jednym z wariantów.',
    en: 'Fill in the fields according to one of the options.',
    uk: 'Заповніть поля відповідно до одного з варіантів.',
  }),
  oneOf: fixed({
    pl: 'Wypełnij pola zgodnie z dokładnie jednym z wariantów.',
    en: 'Fill in the fields according to exactly one of the options.',
    uk: 'Заповніть поля відповідно до рівно одного з варіантів.',
  }),
  minProperties: fixed({
    pl: 'Wypełnij więcej pól w tej grupie.',
    en: 'Fill in more fields in this group.',
    uk: 'Заповніть більше полів у цій групі.',
  }),
  maxProperties: fixed({
    pl: 'W tej grupie wypełniono za dużo pól.',
    en: 'Too many fields are filled in this group.',
    uk: 'У цій групі заповнено забагато полів.',
  }),
  format: t(
    (p) => `Nieprawidłowa wartość (${str(p, 'format')}).`,
    (p) => `Invalid value (${str(p, 'format')}).`,
    (p) => `Неправильне значення (${str(p, 'format')}).`,
  ),
  false: fixed({
    pl: 'To pole nie jest dozwolone.',
    en: 'This field is not allowed.',
    uk: 'Це поле не допускається.',
  }),
};

/** Messages for every format the schemas may use, by format name (code `format.<name>`). */
export const FORMAT_MESSAGES: Readonly<Record<string, Text>> = {
  pesel: {
    pl: 'Numer PESEL jest nieprawidłowy: sprawdź cyfry (11 cyfr, ostatnia jest kontrolna, pierwsze sześć to data urodzenia).',
    en: 'The PESEL number is not valid: check the digits (11 digits, the last is a check digit, the first six are the date of birth).',
    uk: 'Номер PESEL неправильний: перевірте цифри (11 цифр, остання контрольна, перші шість — дата народження).',
  },
  nip: {
    pl: 'Numer NIP jest nieprawidłowy: to 10 cyfr, ostatnia jest kontrolna.',
    en: 'The NIP (tax number) is not valid: it has 10 digits, the last is a check digit.',
    uk: 'Номер NIP неправильний: це 10 цифр, остання контрольна.',
  },
  regon: {
    pl: 'Numer REGON jest nieprawidłowy: to 9 lub 14 cyfr, ostatnia jest kontrolna.',
    en: 'The REGON number is not valid: it has 9 or 14 digits, the last is a check digit.',
    uk: 'Номер REGON неправильний: це 9 або 14 цифр, остання контрольна.',
  },
  'id-card-number': {
    pl: 'Seria i numer dowodu osobistego są nieprawidłowe: trzy litery i sześć cyfr, na przykład ABA300000.',
    en: 'The ID card series and number are not valid: three letters and six digits, for example ABA300000.',
    uk: 'Серія та номер посвідчення особи неправильні: три літери та шість цифр, наприклад ABA300000.',
  },
  'kw-number': {
    pl: 'Numer księgi wieczystej jest nieprawidłowy: ma postać OL1O/00012345/0, ostatnia cyfra jest kontrolna.',
    en: 'The land register number is not valid: it looks like OL1O/00012345/0, the last digit is a check digit.',
    uk: 'Номер книги нерухомості неправильний: має вигляд OL1O/00012345/0, остання цифра контрольна.',
  },
  'postal-code-pl': {
    pl: 'Kod pocztowy ma postać 00-000.',
    en: 'A Polish postcode looks like 00-000.',
    uk: 'Поштовий індекс має вигляд 00-000.',
  },
  'parcel-id': {
    pl: 'Identyfikator działki ma postać 286201_1.0123.138/28.',
    en: 'A parcel identifier looks like 286201_1.0123.138/28.',
    uk: 'Ідентифікатор ділянки має вигляд 286201_1.0123.138/28.',
  },
  'iban-pl': {
    pl: 'Numer rachunku bankowego jest nieprawidłowy: 26 cyfr, opcjonalnie z PL na początku.',
    en: 'The bank account number is not valid: 26 digits, optionally starting with PL.',
    uk: 'Номер банківського рахунку неправильний: 26 цифр, на початку може бути PL.',
  },
  vin: {
    pl: 'Numer VIN to 17 znaków: cyfry i wielkie litery bez I, O i Q.',
    en: 'A VIN has 17 characters: digits and capital letters except I, O and Q.',
    uk: 'Номер VIN має 17 символів: цифри та великі літери, крім I, O і Q.',
  },
  date: {
    pl: 'Podaj prawidłową datę w postaci RRRR-MM-DD.',
    en: 'Enter a real date as YYYY-MM-DD.',
    uk: 'Введіть правильну дату у форматі РРРР-ММ-ДД.',
  },
  'date-time': {
    pl: 'Podaj prawidłową datę i godzinę.',
    en: 'Enter a real date and time.',
    uk: 'Введіть правильну дату й час.',
  },
  email: {
    pl: 'Podaj adres e-mail w postaci nazwa@example.pl.',
    en: 'Enter an email address like name@example.com.',
    uk: 'Введіть адресу електронної пошти у вигляді name@example.com.',
  },
};

/** Messages for attachment problems and warnings, by stable code. */
export const OTHER_MESSAGES: Readonly<Record<string, Template>> = {
  'attachment.missing': fixed({
    pl: 'Dołącz ten załącznik.',
    en: 'Attach this document.',
    uk: 'Додайте цей документ.',
  }),
  'attachment.unknown': t(
    (p) => `Ten wniosek nie przewiduje załącznika „${str(p, 'name')}”.`,
    (p) => `This application takes no attachment called "${str(p, 'name')}".`,
    (p) => `Ця заява не передбачає додатка «${str(p, 'name')}».`,
  ),
  'attachment.duplicate': fixed({
    pl: 'Ten załącznik dodano więcej niż raz.',
    en: 'This attachment was added more than once.',
    uk: 'Цей додаток додано більше одного разу.',
  }),
  'attachment.media-type': t(
    (p) => `Niedozwolony rodzaj pliku. Dozwolone: ${list(p, 'allowed')}.`,
    (p) => `This type of file is not accepted. Accepted: ${list(p, 'allowed')}.`,
    (p) => `Недопустимий тип файлу. Дозволені: ${list(p, 'allowed')}.`,
  ),
  'attachment.too-large': t(
    (p) => `Plik jest za duży: najwyżej ${(num(p, 'limit') / 1048576).toLocaleString('pl')} MB.`,
    (p) => `The file is too large: at most ${(num(p, 'limit') / 1048576).toLocaleString('en')} MB.`,
    (p) => `Файл завеликий: не більше ${(num(p, 'limit') / 1048576).toLocaleString('uk')} МБ.`,
  ),
  'attachment.empty': fixed({
    pl: 'Plik jest pusty.',
    en: 'The file is empty.',
    uk: 'Файл порожній.',
  }),
  'vin-check-digit': fixed({
    pl: 'Cyfra kontrolna numeru VIN się nie zgadza. Pojazdy z rynku europejskiego często jej nie mają: sprawdź numer, ale możesz kontynuować.',
    en: 'The VIN check digit does not match. Vehicles made for Europe often do not use one: check the number, but you may continue.',
    uk: 'Контрольна цифра VIN не збігається. Автомобілі для європейського ринку часто її не мають: перевірте номер, але можете продовжити.',
  }),
};

/** The message for a code in all three languages; undefined for an unknown code. */
export function messageFor(code: string, params: Params = {}): Text | undefined {
  if (code.startsWith('format.')) {
    const text = FORMAT_MESSAGES[code.slice('format.'.length)];
    if (text) return text;
  }
  const template = KEYWORD_MESSAGES[code] ?? OTHER_MESSAGES[code];
  if (!template) return undefined;
  return { pl: template.pl(params), en: template.en(params), uk: template.uk(params) };
}
