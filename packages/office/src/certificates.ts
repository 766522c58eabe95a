/** @module What the desk says of a certificate: whether it is valid now, and why one was revoked. */
import { msg, str } from '@lit/localize';
import type { CertificateStatus, RevocationRequest } from '@ebok/schemas/api';

export type RevocationReason = NonNullable<RevocationRequest['reason']>;

/** The reasons a clerk may give, the usual ones first. */
export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'keyCompromise',
  'superseded',
  'affiliationChanged',
  'cessationOfOperation',
  'unspecified',
];

/** Days within which a certificate's end is worth telling its holder about. */
export const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Where a certificate stands at `now`. */
export type Validity =
  | { readonly state: 'revoked' | 'expired' | 'not-yet' | 'valid' }
  | { readonly state: 'expiring'; readonly days: number };

export function validityOf(c: CertificateStatus, now = Date.now()): Validity {
  if (c.revoked) return { state: 'revoked' };
  const end = Date.parse(c.notAfter);
  if (end <= now) return { state: 'expired' };
  if (Date.parse(c.notBefore) > now) return { state: 'not-yet' };
  const days = Math.ceil((end - now) / DAY_MS);
  return days <= EXPIRING_DAYS ? { state: 'expiring', days } : { state: 'valid' };
}

export function validityText(v: Validity): string {
  switch (v.state) {
    case 'revoked':
      return msg('unieważniony', { id: 'office.cert.revoked' });
    case 'expired':
      return msg('wygasł', { id: 'office.cert.expired' });
    case 'not-yet':
      return msg('jeszcze nieważny', { id: 'office.cert.not-yet' });
    case 'valid':
      return msg('ważny', { id: 'office.cert.valid' });
    case 'expiring':
      return msg(str`ważny, wygasa za ${v.days} dni`, { id: 'office.cert.expiring' });
  }
}

export function reasonText(reason: string | undefined): string {
  switch (reason) {
    case 'keyCompromise':
      return msg('klucz utracony lub ujawniony', { id: 'office.reason.key-compromise' });
    case 'superseded':
      return msg('zastąpiony nowym certyfikatem', { id: 'office.reason.superseded' });
    case 'affiliationChanged':
      return msg('zmiana danych osoby', { id: 'office.reason.affiliation-changed' });
    case 'cessationOfOperation':
      return msg('nie jest już potrzebny', { id: 'office.reason.cessation' });
    default:
      return msg('bez podania przyczyny', { id: 'office.reason.unspecified' });
  }
}

/** A person as the desk names them: PESEL, or the identity document they showed. */
export function identityText(person: NonNullable<CertificateStatus['holder']>): string {
  if (person.pesel) return msg(str`PESEL ${person.pesel}`, { id: 'office.person.pesel' });
  const doc = person.identityDocument;
  if (!doc) return person.identifier;
  return `${documentKindText(doc.kind)} ${doc.country} ${doc.number}`;
}

export function documentKindText(kind: 'passport' | 'id-card'): string {
  return kind === 'passport'
    ? msg('paszport', { id: 'office.document.passport' })
    : msg('dowód osobisty', { id: 'office.document.id-card' });
}
