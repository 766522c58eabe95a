/**
 * @module The mail outbox in the SQL every database backend shares (migration 0017): messages
 * written with their case's event, claimed by one sender at a time, then sent, due again, or dead.
 */
import type { MailMessage, NewMail } from './ports.js';

type Statement = { sql: string; params: Array<string | number | null> };

/** The outbox rows of an event's messages; a message already written for that event and item is not written again. */
export const newMailStatements = (mail: readonly NewMail[], now: Date): Statement[] =>
  mail.map((m) => ({
    sql: `INSERT INTO mail_outbox (registry_number, department, case_number, event_seq, recipient, language, subject, body,
      created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_number, event_seq, registry_number) DO NOTHING`,
    params: [
      m.registryNumber,
      m.department,
      m.caseNumber,
      m.eventSeq,
      m.recipient,
      m.language,
      m.subject,
      m.body,
      now.getTime(),
      now.getTime(),
    ],
  }));

/** Claims the due messages nobody holds, in one statement: concurrent claims never share one. */
export const claimStatement = (now: Date, leaseMs: number, limit: number): Statement => ({
  sql: `UPDATE mail_outbox SET lease_until = ?, attempts = attempts + 1
    WHERE id IN (SELECT id FROM mail_outbox WHERE state = 'pending' AND next_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY next_at LIMIT ?)
    AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?)
    RETURNING id, registry_number, case_number, recipient, language, subject, body, attempts`,
  params: [now.getTime() + leaseMs, now.getTime(), now.getTime(), limit, now.getTime()],
});

export interface MailRow {
  readonly id: number;
  readonly registry_number: string;
  readonly case_number: string;
  readonly recipient: string;
  readonly language: string;
  readonly subject: string;
  readonly body: string;
  readonly attempts: number;
}

export const toMailMessage = (r: MailRow): MailMessage => ({
  id: r.id,
  registryNumber: r.registry_number,
  caseNumber: r.case_number,
  recipient: r.recipient,
  language: r.language,
  subject: r.subject,
  body: r.body,
  attempts: r.attempts,
});

/** Sent: the address is forgotten. */
export const sentStatement = (id: number, now: Date): Statement => ({
  sql: `UPDATE mail_outbox SET state = 'sent', sent_at = ?, finished_at = ?, recipient = NULL, lease_until = NULL,
    last_error = NULL WHERE id = ? AND state = 'pending'`,
  params: [now.toISOString(), now.toISOString(), id],
});

/** Not accepted: due again at `retryAt`, or dead. */
export const failedStatement = (id: number, error: string, retryAt: Date | null, now: Date): Statement =>
  retryAt
    ? {
        sql: "UPDATE mail_outbox SET next_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND state = 'pending'",
        params: [retryAt.getTime(), error, id],
      }
    : {
        sql: `UPDATE mail_outbox SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?
          WHERE id = ? AND state = 'pending'`,
        params: [now.toISOString(), error, id],
      };
