/**
 * @module The departments' queues and the city CA's records on PostgreSQL: leases that several
 * instances take without waiting on each other (SKIP LOCKED), acks and nacks that hold the row
 * they check, activation codes used once, certificates, revocations and the CRL's number.
 */
import { ATTEMPT_WINDOWS_KEPT_MS } from '../../core/attempts.js';
import type { ActivationRow, PkiStore, QueueResult, QueueStore } from '../../core/ports.js';
import {
  activationOf,
  type DeadLetterRow,
  type EnrolmentRow,
  type LeasedRow,
  type RevokedRow,
  toDeadLetter,
  toQueueMessages,
  toRevoked,
} from '../../core/sql-rows.js';
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
import type { PgDatabase, Sql } from './pg-database.js';

export function pgQueues(db: PgDatabase): QueueStore {
  /** The message's row, locked to the end of the transaction: nobody takes the lease in between. */
  const held = async (
    sql: Sql,
    department: string,
    id: number,
    leaseId: string,
    now: Date,
  ): Promise<QueueResult | 'held'> => {
    const [row] = await sql.rows<{ lease_id: string | null; visible_at: number; state: string }>(
      'SELECT lease_id, visible_at, state FROM queue WHERE id = ? AND department = ? FOR UPDATE',
      [id, department],
    );
    if (!row) return 'not-found';
    if (row.state !== 'ready' || row.lease_id !== leaseId || row.visible_at <= now.getTime()) return 'lease-lost';
    return 'held';
  };
  return {
    async lease(department, max, visibilitySeconds, now) {
      const t = now.getTime();
      const until = t + visibilitySeconds * 1000;
      const rows = await db.rows<LeasedRow>(
        `UPDATE queue SET lease_id = replace(gen_random_uuid()::text, '-', ''), visible_at = ?, deliveries = deliveries + 1
         WHERE id IN (SELECT id FROM queue WHERE department = ? AND state = 'ready' AND visible_at <= ? ORDER BY id LIMIT ?
           FOR UPDATE SKIP LOCKED)
         RETURNING id, lease_id, department, registry_number, enqueued_at, deliveries`,
        [until, department, t, max],
      );
      return toQueueMessages(
        rows.sort((a, b) => a.id - b.id),
        until,
      );
    },
    ack: (department, id, leaseId, now) =>
      db.transaction(async (sql) => {
        const state = await held(sql, department, id, leaseId, now);
        if (state !== 'held') return state;
        await sql.run("UPDATE queue SET state = 'acked', finished_at = ?, lease_id = NULL WHERE id = ?", [
          now.toISOString(),
          id,
        ]);
        return 'ok' as const;
      }),
    nack: (department, id, leaseId, now, delaySeconds, maxDeliveries) =>
      db.transaction(async (sql) => {
        const state = await held(sql, department, id, leaseId, now);
        if (state !== 'held') return state;
        await sql.run(
          `UPDATE queue SET lease_id = NULL, visible_at = $1,
             state = CASE WHEN deliveries >= $2 THEN 'dead' ELSE 'ready' END,
             finished_at = CASE WHEN deliveries >= $2 THEN $3 ELSE NULL END
           WHERE id = $4`,
          [now.getTime() + delaySeconds * 1000, maxDeliveries, now.toISOString(), id],
        );
        return 'ok' as const;
      }),
    async deadLetters(department) {
      return (
        await db.rows<DeadLetterRow>(
          "SELECT id, registry_number, deliveries FROM queue WHERE department = ? AND state = 'dead' ORDER BY id",
          [department],
        )
      ).map(toDeadLetter);
    },
  };
}

export function pgPki(db: PgDatabase): PkiStore {
  return {
    insertActivation: (r: ActivationRow, keys) =>
      db.transaction(async (sql) => {
        await sql.run(
          'INSERT INTO enrolments (code_hash, given_names, surname, identifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          [r.codeHash, r.givenNames, r.surname, r.identifier, r.createdAt, r.expiresAt],
        );
        for (const key of keys)
          await sql.run('INSERT INTO person_keys (key, identifier) VALUES (?, ?) ON CONFLICT DO NOTHING', [
            key,
            r.identifier,
          ]);
      }),
    async getActivation(codeHash) {
      const [row] = await db.rows<EnrolmentRow>('SELECT * FROM enrolments WHERE code_hash = ?', [codeHash]);
      return row && activationOf(row);
    },
    // The certificate goes in only if this transaction used the code.
    consumeActivation: (codeHash, now, r) =>
      db.transaction(async (sql) => {
        const iso = now.toISOString();
        const used = await sql.run(
          'UPDATE enrolments SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ?',
          [iso, codeHash, iso],
        );
        if (used !== 1) return false;
        await sql.run(
          'INSERT INTO certificates (serial, pesel, identifier, subject, not_before, not_after, der, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [r.serial, r.pesel, r.identifier, r.subject, r.notBefore, r.notAfter, r.der, r.issuedAt],
        );
        return true;
      }),
    async failedAttempts(buckets, windowStart) {
      const rows = await db.rows<{ bucket: string; failures: number }>(
        'SELECT bucket, failures FROM activation_attempts WHERE bucket = ANY($1) AND window_start = $2',
        [buckets, windowStart],
      );
      return buckets.map((b) => rows.find((r) => r.bucket === b)?.failures ?? 0);
    },
    recordFailedAttempt: (buckets, windowStart) =>
      db.transaction(async (sql) => {
        await sql.run('DELETE FROM activation_attempts WHERE window_start < ?', [
          windowStart - ATTEMPT_WINDOWS_KEPT_MS,
        ]);
        for (const b of buckets)
          await sql.run(
            `INSERT INTO activation_attempts (bucket, window_start, failures) VALUES (?, ?, 1)
             ON CONFLICT (bucket, window_start) DO UPDATE SET failures = activation_attempts.failures + 1`,
            [b, windowStart],
          );
      }),
    async revokeCertificate(serial, reason, now) {
      const [row] = await db.rows<{ revoked_at: string | null }>(
        'SELECT revoked_at FROM certificates WHERE serial = ?',
        [serial],
      );
      if (!row) return 'not-found';
      if (row.revoked_at) return 'already-revoked';
      const changed = await db.run(
        'UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL',
        [now.toISOString(), reason, serial],
      );
      return changed === 1 ? 'ok' : 'already-revoked';
    },
    isRevoked: async (serial) =>
      (await db.rows('SELECT 1 FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL', [serial])).length > 0,
    async revokedCertificates() {
      return (
        await db.rows<RevokedRow>(
          'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
        )
      ).map(toRevoked);
    },
    async nextCrlNumber() {
      return (
        await db.rows<{ crl_number: number }>(
          'UPDATE crl_state SET crl_number = crl_number + 1 WHERE id = 1 RETURNING crl_number',
        )
      )[0]!.crl_number;
    },
    async findPeople(q) {
      const people = await db.rows<PersonRow>(peopleQuery(q).sql, peopleQuery(q).params);
      const ids = people.map((p) => p.identifier);
      if (ids.length === 0) return [];
      const certificates = certificatesOfQuery(ids);
      const activations = activationsOfQuery(ids);
      return toPeople(
        people,
        await db.rows<CertificateStatusRow>(certificates.sql, certificates.params),
        await db.rows<ActivationStatusRow>(activations.sql, activations.params),
      );
    },
    async expiringCertificates(q) {
      const { sql, params } = expiringQuery(q);
      return (await db.rows<ExpiringRow>(sql, params)).map(toExpiring);
    },
  };
}
