import { ATTEMPT_WINDOWS_KEPT_MS } from '../../core/attempts.js';
import { toArrayBuffer } from '@ebok/forms-core/pki';
import type { PkiStore } from '../../core/ports.js';
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

/** Activation codes, issued certificates, revocations and CRL numbers on D1 (as sqlitePki on Node). */
export function d1Pki(db: D1Database): PkiStore {
  return {
    async insertActivation(r, keys) {
      // One batch is one transaction: the code and the keys its person is found by.
      await db.batch([
        db
          .prepare(
            'INSERT INTO enrolments (code_hash, given_names, surname, identifier, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
          )
          .bind(r.codeHash, r.givenNames, r.surname, r.identifier, r.createdAt, r.expiresAt),
        ...keys.map((key) =>
          db.prepare('INSERT OR IGNORE INTO person_keys (key, identifier) VALUES (?1, ?2)').bind(key, r.identifier),
        ),
      ]);
    },

    async getActivation(codeHash) {
      const row = await db
        .prepare('SELECT * FROM enrolments WHERE code_hash = ?1')
        .bind(codeHash)
        .first<EnrolmentRow>();
      return row ? activationOf(row) : undefined;
    },

    async consumeActivation(codeHash, now, r) {
      const iso = now.toISOString();
      // One batch is one transaction; the certificate goes in only if this batch used the code.
      const [used] = await db.batch([
        db
          .prepare('UPDATE enrolments SET used_at = ?1 WHERE code_hash = ?2 AND used_at IS NULL AND expires_at >= ?1')
          .bind(iso, codeHash),
        db
          .prepare(
            'INSERT INTO certificates (serial, pesel, identifier, subject, not_before, not_after, der, issued_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE changes() = 1',
          )
          .bind(r.serial, r.pesel, r.identifier, r.subject, r.notBefore, r.notAfter, toArrayBuffer(r.der), r.issuedAt),
      ]);
      return used!.meta.changes === 1;
    },

    async failedAttempts(buckets, windowStart) {
      const rows = await db.batch(
        buckets.map((b) =>
          db
            .prepare('SELECT failures FROM activation_attempts WHERE bucket = ?1 AND window_start = ?2')
            .bind(b, windowStart),
        ),
      );
      return rows.map((r) => (r.results[0] as { failures: number } | undefined)?.failures ?? 0);
    },

    async recordFailedAttempt(buckets, windowStart) {
      await db.batch([
        db
          .prepare('DELETE FROM activation_attempts WHERE window_start < ?1')
          .bind(windowStart - ATTEMPT_WINDOWS_KEPT_MS),
        ...buckets.map((b) =>
          db
            .prepare(
              'INSERT INTO activation_attempts (bucket, window_start, failures) VALUES (?1, ?2, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1',
            )
            .bind(b, windowStart),
        ),
      ]);
    },

    async revokeCertificate(serial, reason, now) {
      const { meta } = await db
        .prepare(
          'UPDATE certificates SET revoked_at = ?1, revocation_reason = ?2 WHERE serial = ?3 AND revoked_at IS NULL',
        )
        .bind(now.toISOString(), reason, serial)
        .run();
      if (meta.changes === 1) return 'ok';
      const found = await db
        .prepare('SELECT 1 AS found FROM certificates WHERE serial = ?1')
        .bind(serial)
        .first('found');
      return found ? 'already-revoked' : 'not-found';
    },

    async isRevoked(serial) {
      const row = await db
        .prepare('SELECT 1 AS revoked FROM certificates WHERE serial = ?1 AND revoked_at IS NOT NULL')
        .bind(serial)
        .first('revoked');
      return !!row;
    },

    async revokedCertificates() {
      const { results } = await db
        .prepare(
          'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
        )
        .all<RevokedRow>();
      return results.map(toRevoked);
    },

    async nextCrlNumber() {
      const n = await db
        .prepare('UPDATE crl_state SET crl_number = crl_number + 1 WHERE id = 1 RETURNING crl_number')
        .first<number>('crl_number');
      if (n === null) throw new Error('crl_state is missing: apply the D1 migrations');
      return n;
    },

    async findPeople(q) {
      const found = peopleQuery(q);
      const { results: people } = await db
        .prepare(found.sql)
        .bind(...found.params)
        .all<PersonRow>();
      const ids = people.map((p) => p.identifier);
      if (ids.length === 0) return [];
      const certs = certificatesOfQuery(ids);
      const codes = activationsOfQuery(ids);
      const [c, a] = await db.batch([
        db.prepare(certs.sql).bind(...certs.params),
        db.prepare(codes.sql).bind(...codes.params),
      ]);
      return toPeople(people, c!.results as CertificateStatusRow[], a!.results as ActivationStatusRow[]);
    },

    async expiringCertificates(q) {
      const { sql, params } = expiringQuery(q);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<ExpiringRow>();
      return results.map(toExpiring);
    },
  };
}
