import { bytes, type MessageParams as P, list, num, plural, str, typeName } from './common.js';
import type { LanguageMessages } from './pl.js';

const chars = (n: number): string => plural('en', n, 'character', 'characters', 'characters');
const items = (n: number): string => plural('en', n, 'item', 'items', 'items');
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
  object: 'a group of fields',
  array: 'a list',
  null: 'no value',
};

/** English messages: in the runtime's main entry, loaded on demand where Polish is enough at first. */
export const EN_MESSAGES: LanguageMessages = {
  keywords: {
    required: 'This field is required.',
    type: (p: P) => `Expected ${typeName(TYPE_NAMES, p)}.`,
    enum: 'Choose one of the available answers.',
    const: 'This answer is not allowed in this case.',
    not: 'This answer is not allowed in this case.',
    minimum: (p: P) => `Enter a number of at least ${num(p, 'limit')}.`,
    maximum: (p: P) => `Enter a number of at most ${num(p, 'limit')}.`,
    exclusiveMinimum: (p: P) => `Enter a number greater than ${num(p, 'limit')}.`,
    exclusiveMaximum: (p: P) => `Enter a number less than ${num(p, 'limit')}.`,
    multipleOf: (p: P) => `Enter a multiple of ${num(p, 'multipleOf')}.`,
    minLength: (p: P) => `Enter at least ${chars(num(p, 'limit'))}.`,
    maxLength: (p: P) => `Enter at most ${chars(num(p, 'limit'))}.`,
    pattern: 'The value is not in the right form.',
    minItems: (p: P) => `Give at least ${items(num(p, 'limit'))}.`,
    maxItems: (p: P) => `Give at most ${items(num(p, 'limit'))}.`,
    uniqueItems: (p: P) => `Items ${num(p, 'j') + 1} and ${num(p, 'i') + 1} are the same.`,
    contains: 'The list does not include a required item.',
    additionalProperties: (p: P) => `Unknown field "${str(p, 'additionalProperty')}".`,
    unevaluatedProperties: (p: P) => `Unknown field "${str(p, 'unevaluatedProperty')}".`,
    dependentRequired: 'This field is required.',
    anyOf: 'Fill in the fields according to one of the options.',
    oneOf: 'Fill in the fields according to exactly one of the options.',
    minProperties: 'Fill in more fields in this group.',
    maxProperties: 'Too many fields are filled in this group.',
    format: (p: P) => `Invalid value (${str(p, 'format')}).`,
    false: 'This field is not allowed.',
  },
  formats: {
    pesel:
      'The PESEL number is not valid: check the digits (11 digits, the last is a check digit, the first six are the date of birth).',
    nip: 'The NIP (tax number) is not valid: it has 10 digits, the last is a check digit.',
    regon: 'The REGON number is not valid: it has 9 or 14 digits, the last is a check digit.',
    'id-card-number':
      'The ID card series and number are not valid: three letters and six digits, for example ABA300000.',
    'kw-number':
      'The land register number is not valid: it looks like OL1O/00012345/0, the last digit is a check digit.',
    'postal-code-pl': 'A Polish postcode looks like 00-000.',
    'parcel-id': 'A parcel identifier looks like 286201_1.0123.138/28.',
    'iban-pl': 'The bank account number is not valid: 26 digits, optionally starting with PL.',
    vin: 'A VIN has 17 characters: digits and capital letters except I, O and Q.',
    date: 'Enter a real date as YYYY-MM-DD.',
    'partial-date': 'Enter a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD).',
    'date-time': 'Enter a real date and time.',
    email: 'Enter an email address like name@example.com.',
  },
  other: {
    consent: 'Tick this box to continue.',
    'attachment.missing': 'Attach this document.',
    'attachment.unknown': (p: P) => `This application takes no attachment called "${str(p, 'name')}".`,
    'attachment.duplicate': 'This attachment was added more than once.',
    'attachment.media-type': (p: P) => `This type of file is not accepted. Accepted: ${list(p, 'allowed')}.`,
    'attachment.too-large': (p: P) => `The file is too large: at most ${bytes('en', num(p, 'limit'), 'KB', 'MB')}.`,
    'attachment.empty': 'The file is empty.',
    'vin-check-digit':
      'The VIN check digit does not match. Vehicles made for Europe often do not use one: check the number, but you may continue.',
  },
};
