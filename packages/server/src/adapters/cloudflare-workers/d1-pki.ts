import { toArrayBuffer } from '@ebok/forms-core/pki';
import type { CertificateRecord, RevokedCertificate } from '../../core/platform.js';

/** Activation codes, issued certificates, revocations and CRL numbers on D1 (as SqlitePki on Node). */
export class D1Pki {
  constructor(protected readonly db: D1Database) {}

  // ---- activation codes and certificates ----

  async insertActivation(r: {
    codeHash: string;
    givenNames: string;
    surname: string;
    pesel: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .prepare(
        'INSERT INTO enrolments (code_hash, given_names, surname, pesel, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
      )
      .bind(r.codeHash, r.givenNames, r.surname, r.pesel, r.createdAt, r.expiresAt)
      .run();
  }

  async consumeActivation(
    codeHash: string,
    now: Date,
  ): Promise<
    { status: 'ok'; givenNames: string; surname: string; pesel: string } | { status: 'unknown' | 'expired' | 'used' }
  > {
    const iso = now.toISOString();
    const row = await this.db
      .prepare(
        'UPDATE enrolments SET used_at = ?1 WHERE code_hash = ?2 AND used_at IS NULL AND expires_at >= ?1 RETURNING given_names, surname, pesel',
      )
      .bind(iso, codeHash)
      .first<{ given_names: string; surname: string; pesel: string }>();
    if (row) return { status: 'ok', givenNames: row.given_names, surname: row.surname, pesel: row.pesel };
    const other = await this.db
      .prepare('SELECT used_at FROM enrolments WHERE code_hash = ?1')
      .bind(codeHash)
      .first<{ used_at: string | null }>();
    return { status: !other ? 'unknown' : other.used_at ? 'used' : 'expired' };
  }

  async insertCertificate(r: CertificateRecord): Promise<void> {
    await this.db
      .prepare(
        'INSERT INTO certificates (serial, pesel, subject, not_before, not_after, der, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
      )
      .bind(r.serial, r.pesel, r.subject, r.notBefore, r.notAfter, toArrayBuffer(r.der), r.issuedAt)
      .run();
  }

  async revokeCertificate(serial: string, reason: string, now: Date): Promise<'ok' | 'not-found' | 'already-revoked'> {
    const { meta } = await this.db
      .prepare(
        'UPDATE certificates SET revoked_at = ?1, revocation_reason = ?2 WHERE serial = ?3 AND revoked_at IS NULL',
      )
      .bind(now.toISOString(), reason, serial)
      .run();
    if (meta.changes === 1) return 'ok';
    const found = await this.db
      .prepare('SELECT 1 AS found FROM certificates WHERE serial = ?1')
      .bind(serial)
      .first('found');
    return found ? 'already-revoked' : 'not-found';
  }

  async isRevoked(serial: string): Promise<boolean> {
    const row = await this.db
      .prepare('SELECT 1 AS revoked FROM certificates WHERE serial = ?1 AND revoked_at IS NOT NULL')
      .bind(serial)
      .first('revoked');
    return !!row;
  }

  async revokedCertificates(): Promise<RevokedCertificate[]> {
    const { results } = await this.db
      .prepare(
        'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at',
      )
      .all<{ serial: string; revoked_at: string; revocation_reason: string }>();
    return results.map((r) => ({ serial: r.serial, revokedAt: r.revoked_at, reason: r.revocation_reason }));
  }

  async nextCrlNumber(): Promise<number> {
    const n = await this.db
      .prepare('UPDATE crl_state SET crl_number = crl_number + 1 WHERE id = 1 RETURNING crl_number')
      .first<number>('crl_number');
    if (n === null) throw new Error('crl_state is missing: apply the D1 migrations');
    return n;
  }
}
