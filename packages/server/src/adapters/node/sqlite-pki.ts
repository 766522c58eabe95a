import { ATTEMPT_WINDOWS_KEPT_MS } from '../../core/attempts.js';
import type Database from 'better-sqlite3';
import type { ActivationRow, CertificateRecord, PkiStore } from '../../core/ports.js';
import { activationOf, type EnrolmentRow, type RevokedRow, toRevoked } from '../../core/sql-rows.js';
import {
  activationsOfQuery,
  certificatesOfQuery,
  expiringQuery,
  peopleQuery,
  toExpiring,
  toPeople,
  type ActivationStatusRow,
  type CertificateStatusRow,
  type ExpiringRow,
  type PersonRow,
} from '../../core/sql-people.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** Activation codes (single use, atomic) and the certificates the CA issued and revoked, on SQLite. */
export function sqlitePki({ db }: SqliteDatabase): PkiStore {
  const insertActivation = db.prepare(
    'INSERT INTO enrolments (code_hash, given_names, surname, identifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertKey = db.prepare('INSERT OR IGNORE INTO person_keys (key, identifier) VALUES (?, ?)');
  const activation = db.prepare('SELECT * FROM enrolments WHERE code_hash = ?');
  const useCode = db.prepare(
    'UPDATE enrolments SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ?',
  );
  const insertCertificate = db.prepare(
    'INSERT INTO certificates (serial, pesel, identifier, subject, not_before, not_after, der, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const failures = db.prepare('SELECT failures FROM activation_attempts WHERE bucket = ? AND window_start = ?');
  const forgetAttempts = db.prepare('DELETE FROM activation_attempts WHERE window_start < ?');
  const addAttempt = db.prepare(
    'INSERT INTO activation_attempts (bucket, window_start, failures) VALUES (?, ?, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1',
  );
  const revocationOf = db.prepare('SELECT revoked_at FROM certificates WHERE serial = ?');
  const revoke = db.prepare(
    'UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL',
  );
  const revoked = db.prepare('SELECT 1 FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL');
  const revokedAll = db.prepare(
    'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
  );
  const nextCrlNumber = db.prepare(
    'UPDATE crl_state SET crl_number = crl_number + 1 WHERE id = 1 RETURNING crl_number',
  );

  // The certificate goes in only if this transaction used the code.
  const consume = db.transaction((codeHash: string, iso: string, r: CertificateRecord): boolean => {
    if (useCode.run(iso, codeHash, iso).changes !== 1) return false;
    insertCertificate.run(r.serial, r.pesel, r.identifier, r.subject, r.notBefore, r.notAfter, r.der, r.issuedAt);
    return true;
  });
  const insert = db.transaction((r: ActivationRow, keys: readonly string[]) => {
    insertActivation.run(r.codeHash, r.givenNames, r.surname, r.identifier, r.createdAt, r.expiresAt);
    for (const key of keys) insertKey.run(key, r.identifier);
  });
  const recordFailure = db.transaction((buckets: readonly string[], windowStart: number) => {
    forgetAttempts.run(windowStart - ATTEMPT_WINDOWS_KEPT_MS);
    for (const b of buckets) addAttempt.run(b, windowStart);
  });

  // The desk's questions differ in their number of keys and people: each shape prepared once.
  const prepared = new Map<string, Database.Statement>();
  const all = <T>({ sql, params }: { sql: string; params: Array<string | number> }): T[] => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s.all(...params) as T[];
  };

  return {
    insertActivation: async (r, keys) => insert(r, keys),
    async getActivation(codeHash) {
      const row = activation.get(codeHash) as EnrolmentRow | undefined;
      return row && activationOf(row);
    },
    consumeActivation: async (codeHash, now, certificate) => consume(codeHash, now.toISOString(), certificate),
    async failedAttempts(buckets, windowStart) {
      return buckets.map((b) => (failures.get(b, windowStart) as { failures: number } | undefined)?.failures ?? 0);
    },
    recordFailedAttempt: async (buckets, windowStart) => recordFailure(buckets, windowStart),
    async revokeCertificate(serial, reason, now) {
      const row = revocationOf.get(serial) as { revoked_at: string | null } | undefined;
      if (!row) return 'not-found';
      if (row.revoked_at) return 'already-revoked';
      revoke.run(now.toISOString(), reason, serial);
      return 'ok';
    },
    // Asked on every verification of a signature.
    isRevoked: async (serial) => !!revoked.get(serial),
    async revokedCertificates() {
      return (revokedAll.all() as RevokedRow[]).map(toRevoked);
    },
    async nextCrlNumber() {
      return (nextCrlNumber.get() as { crl_number: number }).crl_number;
    },
    async findPeople(q) {
      const people = all<PersonRow>(peopleQuery(q));
      const ids = people.map((p) => p.identifier);
      if (ids.length === 0) return [];
      return toPeople(
        people,
        all<CertificateStatusRow>(certificatesOfQuery(ids)),
        all<ActivationStatusRow>(activationsOfQuery(ids)),
      );
    },
    async expiringCertificates(q) {
      return all<ExpiringRow>(expiringQuery(q)).map(toExpiring);
    },
  };
}
