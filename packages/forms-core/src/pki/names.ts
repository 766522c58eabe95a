import { isPesel } from '../formats/pesel.js';
import { OID } from './oids.js';
import type { x509 } from './x509.js';

/** Who a resident certificate names: as the clerk checked it on the ID, not as the request says. */
export interface ResidentIdentity {
  readonly givenNames: string;
  readonly surname: string;
  readonly pesel: string;
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
  if (typeof identity.pesel !== 'string' || !isPesel(identity.pesel)) bad('pesel');
}

/** The subject of a resident certificate: C=PL, given names, surname, serialNumber PNOPL-<PESEL>, CN. */
export function residentSubject(identity: ResidentIdentity): x509.JsonName {
  checkIdentity(identity);
  const givenNames = identity.givenNames.trim();
  const surname = identity.surname.trim();
  return [
    { [OID.countryName]: ['PL'] },
    { [OID.givenName]: [givenNames] },
    { [OID.surname]: [surname] },
    { [OID.serialNumber]: [`${PESEL_SERIAL_PREFIX}${identity.pesel}`] },
    { [OID.commonName]: [`${givenNames} ${surname}`] },
  ];
}

/** Reads the resident identity back from a certificate subject; undefined if it is not one. */
export function identityFromSubject(name: x509.Name): ResidentIdentity | undefined {
  const first = (oid: string): string | undefined => name.getField(oid)[0];
  const serial = first(OID.serialNumber);
  const givenNames = first(OID.givenName);
  const surname = first(OID.surname);
  if (!serial?.startsWith(PESEL_SERIAL_PREFIX) || !givenNames || !surname) return undefined;
  const pesel = serial.slice(PESEL_SERIAL_PREFIX.length);
  return isPesel(pesel) ? { givenNames, surname, pesel } : undefined;
}
