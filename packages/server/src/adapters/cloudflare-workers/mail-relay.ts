/**
 * @module The mail outbox's sender on Workers, which cannot speak SMTP: each message is posted as
 * JSON to the office's HTTP relay (EBOK_MAIL_RELAY_URL, with EBOK_MAIL_RELAY_TOKEN as a bearer
 * token), which hands it to the office's mail server. A round runs after a case's event wrote
 * messages or an admin retried one (kept alive by waitUntil), and on every cron trigger for the
 * messages due again.
 */
import { ConfigError } from '../../core/config.js';
import type { MailTransport } from '../../core/mail.js';

/**
 * A transport to the relay: `POST` of `{from, to, subject, text, language, messageId}` with the
 * message id also as `Idempotency-Key`; any 2xx is acceptance, anything else (or no answer in 10 s)
 * a failure to try again.
 */
export function httpRelayTransport(url: string, token: string): MailTransport {
  return async (m) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': m.messageId,
      },
      body: JSON.stringify({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        language: m.language,
        messageId: m.messageId,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`mail relay answered ${res.status}`);
  };
}

/** EBOK_MAIL_RELAY_URL (https, or http to this machine) and its token, needed once e-mail is configured. */
export function readRelay(settings: {
  readonly EBOK_MAIL_RELAY_URL?: string;
  readonly EBOK_MAIL_RELAY_TOKEN?: string;
}): { url: string; token: string } {
  const url = settings.EBOK_MAIL_RELAY_URL;
  const token = settings.EBOK_MAIL_RELAY_TOKEN;
  if (!url || !token)
    throw new ConfigError(
      'e-mail to residents (EBOK_MAIL_FROM) on Workers needs the HTTP relay: set EBOK_MAIL_RELAY_URL and the secret EBOK_MAIL_RELAY_TOKEN',
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('EBOK_MAIL_RELAY_URL must be an https:// URL');
  }
  const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local))
    throw new ConfigError('EBOK_MAIL_RELAY_URL must be an https:// URL');
  return { url, token };
}
