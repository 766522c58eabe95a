/**
 * @module The desk's questions to the CA's records, in the SQL every database backend shares:
 * people by their identifier or the keys of their names (person_keys), each with their
 * certificates and activation codes; and the certificates in force that end soon. Every answer is
 * bounded: a question whose keys match too many people is refused rather than read whole.
 */
import type {
  ActivationStatus,
  CertificateStatus,
  ExpiringCertificate,
  ExpiringQuery,
  PeopleQuery,
  PersonRecord,
} from './ports.js';

/** The most people a question's keys may match for an answer to rank them: beyond, it must say more. */
export const PEOPLE_MATCH_CAP = 1000;
/** The most certificates, and codes, read for one page of people. */
const ROWS_CAP = 2000;

export interface PersonRow {
  identifier: string;
  given_names: string;
  surname: string;
  latest: string;
  matched: number;
}

export interface CertificateStatusRow {
  serial: string;
  identifier: string;
  not_before: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: string | null;
}

export interface ActivationStatusRow {
  identifier: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

type Sql = { sql: string; params: Array<string | number> };

/**
 * The people a query finds, newest enrolment first, each named as their latest enrolment names
 * them (by the index on identifier and time), and how many the keys matched.
 * The rarest key should come first: it drives the lookup (the longest word, as a guess).
 */
export function peopleQuery(q: PeopleQuery): Sql {
  let matched: Sql;
  if ('identifier' in q) matched = { sql: 'SELECT ? AS identifier', params: [q.identifier] };
  else {
    const [driver, ...others] = [...q.keys].sort((a, b) => b.length - a.length);
    matched = {
      sql: `SELECT k.identifier FROM person_keys k WHERE k.key = ?${others
        .map(() => ' AND EXISTS (SELECT 1 FROM person_keys o WHERE o.key = ? AND o.identifier = k.identifier)')
        .join('')} LIMIT ${PEOPLE_MATCH_CAP + 1}`,
      params: [driver ?? '', ...others],
    };
  }
  return {
    sql: `WITH matched AS (${matched.sql}),
latest AS (SELECT e.identifier, max(e.created_at) AS latest FROM enrolments e
  WHERE e.identifier IN (SELECT identifier FROM matched) GROUP BY e.identifier)
SELECT l.identifier,
  (SELECT e.given_names FROM enrolments e WHERE e.identifier = l.identifier ORDER BY e.created_at DESC LIMIT 1) AS given_names,
  (SELECT e.surname FROM enrolments e WHERE e.identifier = l.identifier ORDER BY e.created_at DESC LIMIT 1) AS surname,
  l.latest, (SELECT count(*) FROM matched) AS matched
FROM latest l ORDER BY l.latest DESC, l.identifier LIMIT ?`,
    params: [...matched.params, q.limit],
  };
}

/** The certificates of the people found, newest first. */
export function certificatesOfQuery(identifiers: readonly string[]): Sql {
  return {
    sql: `SELECT serial, identifier, not_before, not_after, issued_at, revoked_at, revocation_reason FROM certificates
WHERE identifier IN (${identifiers.map(() => '?').join(', ')}) ORDER BY issued_at DESC, serial LIMIT ${ROWS_CAP}`,
    params: [...identifiers],
  };
}

/** The activation codes of the people found (never the code: it is not kept), newest first. */
export function activationsOfQuery(identifiers: readonly string[]): Sql {
  return {
    sql: `SELECT identifier, created_at, expires_at, used_at FROM enrolments
WHERE identifier IN (${identifiers.map(() => '?').join(', ')}) ORDER BY created_at DESC LIMIT ${ROWS_CAP}`,
    params: [...identifiers],
  };
}

const toStatus = (r: CertificateStatusRow): CertificateStatus => ({
  serial: r.serial,
  identifier: r.identifier,
  notBefore: r.not_before,
  notAfter: r.not_after,
  issuedAt: r.issued_at,
  revokedAt: r.revoked_at,
  revocationReason: r.revocation_reason,
});

const toActivation = (r: ActivationStatusRow): ActivationStatus => ({
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

/** The people with their certificates and codes; 'too-many' when the keys matched past the cap. */
export function toPeople(
  people: readonly PersonRow[],
  certificates: readonly CertificateStatusRow[],
  activations: readonly ActivationStatusRow[],
): PersonRecord[] | 'too-many' {
  if ((people[0]?.matched ?? 0) > PEOPLE_MATCH_CAP) return 'too-many';
  return people.map((p) => ({
    identifier: p.identifier,
    givenNames: p.given_names,
    surname: p.surname,
    certificates: certificates.filter((c) => c.identifier === p.identifier).map(toStatus),
    activations: activations.filter((a) => a.identifier === p.identifier).map(toActivation),
  }));
}

export type ExpiringRow = CertificateStatusRow & { given_names: string | null; surname: string | null };

/** Certificates in force ending in the window, soonest first, after the cursor; by the partial index on not_after. */
export function expiringQuery(q: ExpiringQuery): Sql {
  const latest = (column: string) =>
    `(SELECT e.${column} FROM enrolments e WHERE e.identifier = c.identifier ORDER BY e.created_at DESC LIMIT 1)`;
  return {
    sql: `SELECT c.serial, c.identifier, c.not_before, c.not_after, c.issued_at, c.revoked_at, c.revocation_reason,
  ${latest('given_names')} AS given_names, ${latest('surname')} AS surname
FROM certificates c
WHERE c.revoked_at IS NULL AND c.not_after >= ? AND c.not_after < ? AND (c.not_after, c.serial) > (?, ?)
ORDER BY c.not_after, c.serial LIMIT ?`,
    params: [q.from, q.until, q.after?.notAfter ?? '', q.after?.serial ?? '', q.limit],
  };
}

export const toExpiring = (r: ExpiringRow): ExpiringCertificate => ({
  ...toStatus(r),
  givenNames: r.given_names,
  surname: r.surname,
});
