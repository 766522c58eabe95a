import { isPesel } from '../formats/pesel.js';
import {
  type IdentityDocument,
  isIdentityDocument,
  parseSemanticsIdentifier,
  semanticsIdentifier,
} from '../formats/identity.js';
import { OID } from './oids.js';
import type { x509 } from './x509.js';

/**
 * Who a resident certificate names: as the clerk checked it on the ID, not as the request says.
 * A PESEL, or for a person without one the identity document the clerk saw (never both).
 */
export interface ResidentIdentity {
  readonly givenNames: string;
  readonly surname: string;
  readonly pesel?: string;
  readonly identityDocument?: IdentityDocument;
}

/** The ETSI EN 319 412-1 semantics identifier for a PESEL: `PNOPL-<PESEL>`. */
export const PESEL_SERIAL_PREFIX = 'PNOPL-';

export function checkIdentity(identity: ResidentIdentity): void {
  const bad = (field: string): never => {
    throw new TypeError(`invalid resident identity: ${field}`);
  };
  if (typeof identity.givenNames !== 'string' || !identity.givenNames.trim() || identity.givenNames.length > 64)
    bad('givenNames');
  if (typeof identity.surname !== 'string' || !identity.surname.trim() || identity.surname.length > 64) bad('surname');
  if (identity.pesel !== undefined && identity.identityDocument !== undefined)
    bad('a PESEL or an identity document, not both');
  if (identity.pesel !== undefined) {
    if (typeof identity.pesel !== 'string' || !isPesel(identity.pesel)) bad('pesel');
  } else if (!isIdentityDocument(identity.identityDocument)) bad('identityDocument');
}

/** The semantics identifier of a checked identity: `PNOPL-<PESEL>`, `PAS<CC>-<number>` or `IDC<CC>-<number>`. */
export function identityIdentifier(identity: ResidentIdentity): string {
  checkIdentity(identity);
  return semanticsIdentifier(identity)!;
}

/** The subject of a resident certificate: C=PL, given names, surname, serialNumber (the identifier), CN. */
export function residentSubject(identity: ResidentIdentity): x509.JsonName {
  const serialNumber = identityIdentifier(identity);
  const givenNames = identity.givenNames.trim();
  const surname = identity.surname.trim();
  return [
    { [OID.countryName]: ['PL'] },
    { [OID.givenName]: [givenNames] },
    { [OID.surname]: [surname] },
    { [OID.serialNumber]: [serialNumber] },
    { [OID.commonName]: [`${givenNames} ${surname}`] },
  ];
}

/** Reads the resident identity back from a certificate subject; undefined if it is not one. */
export function identityFromSubject(name: x509.Name): ResidentIdentity | undefined {
  const first = (oid: string): string | undefined => name.getField(oid)[0];
  const serial = first(OID.serialNumber);
  const givenNames = first(OID.givenName);
  const surname = first(OID.surname);
  if (!serial || !givenNames || !surname) return undefined;
  const id = parseSemanticsIdentifier(serial);
  return id && { givenNames, surname, ...id };
}
