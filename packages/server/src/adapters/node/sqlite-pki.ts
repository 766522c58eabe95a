import {
  activationOf,
  type ActivationRow,
  type CertificateRecord,
  type EnrolmentRow,
  type RevokedCertificate,
} from '../../core/platform.js';
import { SqliteQueues } from './sqlite-queues.js';

/** Activation codes (single use, atomic) and the certificates the CA issued and revoked. */
export class SqlitePki extends SqliteQueues {
  // Asked on every verification of a signature: prepared once.
  private readonly revokedStatement = this.db.prepare(
    'SELECT 1 FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL',
  );

  async insertActivation(r: ActivationRow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO enrolments (code_hash, given_names, surname, identifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(r.codeHash, r.givenNames, r.surname, r.identifier, r.createdAt, r.expiresAt);
  }

  async getActivation(codeHash: string): Promise<(ActivationRow & { usedAt: string | null }) | undefined> {
    const row = this.db.prepare('SELECT * FROM enrolments WHERE code_hash = ?').get(codeHash) as
      EnrolmentRow | undefined;
    return row && activationOf(row);
  }

  async consumeActivation(codeHash: string, now: Date, r: CertificateRecord): Promise<boolean> {
    const iso = now.toISOString();
    return this.db.transaction((): boolean => {
      const used = this.db
        .prepare('UPDATE enrolments SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ?')
        .run(iso, codeHash, iso);
      if (used.changes !== 1) return false;
      this.db
        .prepare(
          'INSERT INTO certificates (serial, pesel, identifier, subject, not_before, not_after, der, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(r.serial, r.pesel, r.identifier, r.subject, r.notBefore, r.notAfter, r.der, r.issuedAt);
      return true;
    })();
  }

  async failedAttempts(buckets: readonly string[], windowStart: number): Promise<number[]> {
    const read = this.db.prepare('SELECT failures FROM activation_attempts WHERE bucket = ? AND window_start = ?');
    return buckets.map((b) => (read.get(b, windowStart) as { failures: number } | undefined)?.failures ?? 0);
  }

  async recordFailedAttempt(buckets: readonly string[], windowStart: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM activation_attempts WHERE window_start < ?').run(windowStart);
      const add = this.db.prepare(
        'INSERT INTO activation_attempts (bucket, window_start, failures) VALUES (?, ?, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1',
      );
      for (const b of buckets) add.run(b, windowStart);
    })();
  }

  async revokeCertificate(serial: string, reason: string, now: Date): Promise<'ok' | 'not-found' | 'already-revoked'> {
    const row = this.db.prepare('SELECT revoked_at FROM certificates WHERE serial = ?').get(serial) as
      { revoked_at: string | null } | undefined;
    if (!row) return 'not-found';
    if (row.revoked_at) return 'already-revoked';
    this.db
      .prepare('UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL')
      .run(now.toISOString(), reason, serial);
    return 'ok';
  }

  async isRevoked(serial: string): Promise<boolean> {
    return !!this.revokedStatement.get(serial);
  }

  async revokedCertificates(): Promise<RevokedCertificate[]> {
    const rows = this.db
      .prepare(
        'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
      )
      .all() as Array<{ serial: string; revoked_at: string; revocation_reason: string }>;
    return rows.map((r) => ({ serial: r.serial, revokedAt: r.revoked_at, reason: r.revocation_reason }));
  }

  async nextCrlNumber(): Promise<number> {
    return (
      this.db.prepare('UPDATE crl_state SET crl_number = crl_number + 1 WHERE id = 1 RETURNING crl_number').get() as {
        crl_number: number;
      }
    ).crl_number;
  }
}
