import { bytes, type MessageParams as P, list, num, plural, str, typeName } from './common.js';
import type { LanguageMessages } from './pl.js';

const chars = (n: number): string => plural('uk', n, 'символ', 'символи', 'символів');
const items = (n: number): string => plural('uk', n, 'позиція', 'позиції', 'позицій');
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'текст',
  number: 'число',
  integer: 'ціле число',
  boolean: 'так або ні',
  object: 'група полів',
  array: 'список',
  null: 'відсутність значення',
};

/** Ukrainian messages: in the runtime's main entry, loaded on demand where Polish is enough at first. */
export const UK_MESSAGES: LanguageMessages = {
  keywords: {
    required: "Це поле обов'язкове.",
    type: (p: P) => `Очікується: ${typeName(TYPE_NAMES, p)}.`,
    enum: 'Оберіть одну з доступних відповідей.',
    const: 'Ця відповідь не допускається в цьому випадку.',
    not: 'Ця відповідь не допускається в цьому випадку.',
    minimum: (p: P) => `Введіть число не менше ${num(p, 'limit')}.`,
    maximum: (p: P) => `Введіть число не більше ${num(p, 'limit')}.`,
    exclusiveMinimum: (p: P) => `Введіть число більше ${num(p, 'limit')}.`,
    exclusiveMaximum: (p: P) => `Введіть число менше ${num(p, 'limit')}.`,
    multipleOf: (p: P) => `Введіть число, кратне ${num(p, 'multipleOf')}.`,
    minLength: (p: P) => `Введіть щонайменше ${chars(num(p, 'limit'))}.`,
    maxLength: (p: P) => `Введіть не більше ${chars(num(p, 'limit'))}.`,
    pattern: 'Введене значення має неправильний формат.',
    minItems: (p: P) => `Вкажіть щонайменше ${items(num(p, 'limit'))}.`,
    maxItems: (p: P) => `Вкажіть не більше ${items(num(p, 'limit'))}.`,
    uniqueItems: (p: P) => `Позиції ${num(p, 'j') + 1} і ${num(p, 'i') + 1} повторюються.`,
    contains: 'Список не містить обов’язкової позиції.',
    additionalProperties: (p: P) => `Невідоме поле «${str(p, 'additionalProperty')}».`,
    unevaluatedProperties: (p: P) => `Невідоме поле «${str(p, 'unevaluatedProperty')}».`,
    dependentRequired: "Це поле обов'язкове.",
    anyOf: 'Заповніть поля відповідно до одного з варіантів.',
    oneOf: 'Заповніть поля відповідно до рівно одного з варіантів.',
    minProperties: 'Заповніть більше полів у цій групі.',
    maxProperties: 'У цій групі заповнено забагато полів.',
    format: (p: P) => `Неправильне значення (${str(p, 'format')}).`,
    false: 'Це поле не допускається.',
  },
  formats: {
    pesel: 'Номер PESEL неправильний: перевірте цифри (11 цифр, остання контрольна, перші шість — дата народження).',
    nip: 'Номер NIP неправильний: це 10 цифр, остання контрольна.',
    regon: 'Номер REGON неправильний: це 9 або 14 цифр, остання контрольна.',
    'id-card-number': 'Серія та номер посвідчення особи неправильні: три літери та шість цифр, наприклад ABA300000.',
    'kw-number': 'Номер книги нерухомості неправильний: має вигляд OL1O/00012345/0, остання цифра контрольна.',
    'postal-code-pl': 'Поштовий індекс має вигляд 00-000.',
    'parcel-id': 'Ідентифікатор ділянки має вигляд 286201_1.0123.138/28.',
    'iban-pl': 'Номер банківського рахунку неправильний: 26 цифр, на початку може бути PL.',
    vin: 'Номер VIN має 17 символів: цифри та великі літери, крім I, O і Q.',
    date: 'Введіть правильну дату у форматі РРРР-ММ-ДД.',
    'partial-date': 'Вкажіть рік (РРРР), місяць (РРРР-ММ) або день (РРРР-ММ-ДД).',
    'date-time': 'Введіть правильну дату й час.',
    email: 'Введіть адресу електронної пошти у вигляді name@example.com.',
  },
  other: {
    consent: 'Позначте це поле, щоб продовжити.',
    'attachment.missing': 'Додайте цей документ.',
    'attachment.unknown': (p: P) => `Ця заява не передбачає додатка «${str(p, 'name')}».`,
    'attachment.duplicate': 'Цей додаток додано більше одного разу.',
    'attachment.media-type': (p: P) => `Недопустимий тип файлу. Дозволені: ${list(p, 'allowed')}.`,
    'attachment.too-large': (p: P) => `Файл завеликий: не більше ${bytes('uk', num(p, 'limit'), 'КБ', 'МБ')}.`,
    'attachment.empty': 'Файл порожній.',
    'vin-check-digit':
      'Контрольна цифра VIN не збігається. Автомобілі для європейського ринку часто її не мають: перевірте номер, але можете продовжити.',
  },
};
