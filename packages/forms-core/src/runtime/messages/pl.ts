import { bytes, type MessageParams as P, type MessageTable, list, num, plural, str, typeName } from './common.js';

const chars = (n: number): string => plural('pl', n, 'znak', 'znaki', 'znaków');
const items = (n: number): string => plural('pl', n, 'pozycja', 'pozycje', 'pozycji');
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'tekst',
  number: 'liczba',
  integer: 'liczba całkowita',
  boolean: 'tak lub nie',
  object: 'grupa pól',
  array: 'lista',
  null: 'brak wartości',
};

/** Polish messages: the source language, always in the runtime. */
export const PL_MESSAGES = {
  keywords: {
    required: 'To pole jest wymagane.',
    type: (p: P) => `Oczekiwano: ${typeName(TYPE_NAMES, p)}.`,
    enum: 'Wybierz jedną z dostępnych odpowiedzi.',
    const: 'Ta odpowiedź nie jest dozwolona w tym przypadku.',
    not: 'Ta odpowiedź nie jest dozwolona w tym przypadku.',
    minimum: (p: P) => `Podaj liczbę nie mniejszą niż ${num(p, 'limit')}.`,
    maximum: (p: P) => `Podaj liczbę nie większą niż ${num(p, 'limit')}.`,
    exclusiveMinimum: (p: P) => `Podaj liczbę większą niż ${num(p, 'limit')}.`,
    exclusiveMaximum: (p: P) => `Podaj liczbę mniejszą niż ${num(p, 'limit')}.`,
    multipleOf: (p: P) => `Podaj wielokrotność liczby ${num(p, 'multipleOf')}.`,
    minLength: (p: P) => `Wpisz co najmniej ${chars(num(p, 'limit'))}.`,
    maxLength: (p: P) => `Wpisz najwyżej ${chars(num(p, 'limit'))}.`,
    pattern: 'Wpisana wartość ma nieprawidłową postać.',
    minItems: (p: P) => `Podaj co najmniej ${items(num(p, 'limit'))}.`,
    maxItems: (p: P) => `Podaj najwyżej ${items(num(p, 'limit'))}.`,
    uniqueItems: (p: P) => `Pozycje ${num(p, 'j') + 1} i ${num(p, 'i') + 1} się powtarzają.`,
    contains: 'Lista nie zawiera wymaganej pozycji.',
    additionalProperties: (p: P) => `Nieznane pole „${str(p, 'additionalProperty')}”.`,
    unevaluatedProperties: (p: P) => `Nieznane pole „${str(p, 'unevaluatedProperty')}”.`,
    dependentRequired: 'To pole jest wymagane.',
    anyOf: 'Wypełnij pola zgodnie z jednym z wariantów.',
    oneOf: 'Wypełnij pola zgodnie z dokładnie jednym z wariantów.',
    minProperties: 'Wypełnij więcej pól w tej grupie.',
    maxProperties: 'W tej grupie wypełniono za dużo pól.',
    format: (p: P) => `Nieprawidłowa wartość (${str(p, 'format')}).`,
    false: 'To pole nie jest dozwolone.',
  },
  formats: {
    pesel:
      'Numer PESEL jest nieprawidłowy: sprawdź cyfry (11 cyfr, ostatnia jest kontrolna, pierwsze sześć to data urodzenia).',
    nip: 'Numer NIP jest nieprawidłowy: to 10 cyfr, ostatnia jest kontrolna.',
    regon: 'Numer REGON jest nieprawidłowy: to 9 lub 14 cyfr, ostatnia jest kontrolna.',
    'id-card-number':
      'Seria i numer dowodu osobistego są nieprawidłowe: trzy litery i sześć cyfr, na przykład ABA300000.',
    'kw-number':
      'Numer księgi wieczystej jest nieprawidłowy: ma postać OL1O/00012345/0, ostatnia cyfra jest kontrolna.',
    'postal-code-pl': 'Kod pocztowy ma postać 00-000.',
    'parcel-id': 'Identyfikator działki ma postać 286201_1.0123.138/28.',
    'iban-pl': 'Numer rachunku bankowego jest nieprawidłowy: 26 cyfr, opcjonalnie z PL na początku.',
    vin: 'Numer VIN to 17 znaków: cyfry i wielkie litery bez I, O i Q.',
    date: 'Podaj prawidłową datę w postaci RRRR-MM-DD.',
    'partial-date': 'Podaj rok (RRRR), miesiąc (RRRR-MM) lub dzień (RRRR-MM-DD).',
    'date-time': 'Podaj prawidłową datę i godzinę.',
    email: 'Podaj adres e-mail w postaci nazwa@example.pl.',
  },
  other: {
    consent: 'Zaznacz to pole, aby przejść dalej.',
    'attachment.missing': 'Dołącz ten załącznik.',
    'attachment.unknown': (p: P) => `Ten wniosek nie przewiduje załącznika „${str(p, 'name')}”.`,
    'attachment.duplicate': 'Ten załącznik dodano więcej niż raz.',
    'attachment.media-type': (p: P) => `Niedozwolony rodzaj pliku. Dozwolone: ${list(p, 'allowed')}.`,
    'attachment.too-large': (p: P) => `Plik jest za duży: najwyżej ${bytes('pl', num(p, 'limit'), 'KB', 'MB')}.`,
    'attachment.empty': 'Plik jest pusty.',
    'vin-check-digit':
      'Cyfra kontrolna numeru VIN się nie zgadza. Pojazdy z rynku europejskiego często jej nie mają: sprawdź numer, ale możesz kontynuować.',
  },
} satisfies MessageTable;

/** Another language's messages: the same codes as Polish, every one of them. */
export type LanguageMessages = MessageTable<
  keyof typeof PL_MESSAGES.keywords,
  keyof typeof PL_MESSAGES.formats,
  keyof typeof PL_MESSAGES.other
>;
