import type { CertificateRecord, RevokedCertificate } from '../../core/platform.js';
import { SqliteQueues } from './sqlite-queues.js';

/** Activation codes (single use, atomic) and the certificates the CA issued and revoked. */
export class SqlitePki extends SqliteQueues {
  // Asked on every verification of a signature: prepared once.
  private readonly revokedStatement = this.db.prepare(
    'SELECT 1 FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL',
  );

  async insertActivation(r: {
    codeHash: string;
    givenNames: string;
    surname: string;
    pesel: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO enrolments (code_hash, given_names, surname, pesel, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(r.codeHash, r.givenNames, r.surname, r.pesel, r.createdAt, r.expiresAt);
  }

  async consumeActivation(
    codeHash: string,
    now: Date,
  ): Promise<
    { status: 'ok'; givenNames: string; surname: string; pesel: string } | { status: 'unknown' | 'expired' | 'used' }
  > {
    const iso = now.toISOString();
    const row = this.db
      .prepare(
        'UPDATE enrolments SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at >= ? RETURNING given_names, surname, pesel',
      )
      .get(iso, codeHash, iso) as { given_names: string; surname: string; pesel: string } | undefined;
    if (row) return { status: 'ok', givenNames: row.given_names, surname: row.surname, pesel: row.pesel };
    const other = this.db.prepare('SELECT used_at FROM enrolments WHERE code_hash = ?').get(codeHash) as
      { used_at: string | null } | undefined;
    return { status: !other ? 'unknown' : other.used_at ? 'used' : 'expired' };
  }

  async insertCertificate(r: CertificateRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO certificates (serial, pesel, subject, not_before, not_after, der, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.serial, r.pesel, r.subject, r.notBefore, r.notAfter, r.der, r.issuedAt);
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
