import { isPesel } from './pesel.js';

/**
 * Who a person is, as a certificate names them: an ETSI EN 319 412-1 semantics identifier in the
 * subject's serialNumber. `PNOPL-<PESEL>` for a person with a PESEL; for a person without one,
 * the identity document the clerk checked: `PAS<CC>-<number>` (passport) or `IDC<CC>-<number>`
 * (national identity card), CC being the issuing country (ISO 3166-1 alpha-2).
 */
export type IdentityDocumentKind = 'passport' | 'id-card';

export interface IdentityDocument {
  readonly kind: IdentityDocumentKind;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  readonly number: string;
}

const PREFIXES: Readonly<Record<IdentityDocumentKind, string>> = { passport: 'PAS', 'id-card': 'IDC' };

/** A document number as it is compared: without spaces, upper case. */
export const normalizeDocumentNumber = (number: string): string => number.replace(/\s+/g, '').toUpperCase();

/** Whether a value is an identity document: a known kind, a two-letter country, 4–20 letters and digits. */
export function isIdentityDocument(value: unknown): value is IdentityDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, country, number } = value as Record<string, unknown>;
  return (
    (kind === 'passport' || kind === 'id-card') &&
    typeof country === 'string' &&
    /^[A-Z]{2}$/.test(country) &&
    typeof number === 'string' &&
    /^[A-Z0-9]{4,20}$/.test(normalizeDocumentNumber(number))
  );
}

/**
 * The semantics identifier of a person given as form data or an enrolment (`pesel`, or
 * `identityDocument` when there is no PESEL); undefined when neither is valid.
 */
export function semanticsIdentifier(person: unknown): string | undefined {
  if (typeof person !== 'object' || person === null) return undefined;
  const { pesel, identityDocument } = person as Record<string, unknown>;
  if (typeof pesel === 'string' && isPesel(pesel)) return `PNOPL-${pesel}`;
  if (isIdentityDocument(identityDocument)) {
    return `${PREFIXES[identityDocument.kind]}${identityDocument.country}-${normalizeDocumentNumber(identityDocument.number)}`;
  }
  return undefined;
}

/** Reads a semantics identifier back; undefined for anything this PKI does not issue. */
export function parseSemanticsIdentifier(
  identifier: string,
): { readonly pesel: string } | { readonly identityDocument: IdentityDocument } | undefined {
  const m = /^(PNO|PAS|IDC)([A-Z]{2})-([A-Z0-9]{4,20})$/.exec(identifier);
  if (!m) return undefined;
  const [, type, country, number] = m as unknown as [string, string, string, string];
  if (type === 'PNO') return country === 'PL' && isPesel(number) ? { pesel: number } : undefined;
  return { identityDocument: { kind: type === 'PAS' ? 'passport' : 'id-card', country, number } };
}
