/**
 * @module The mail outbox's sender on Node: messages go by SMTP to the office's relay
 * (EBOK_SMTP_URL, e.g. `smtp://relay.city.local:25` or `smtps://user:password@relay:465`) through
 * nodemailer; a round runs when a case's event wrote some (`wake`), when an admin retried one, and
 * every EBOK_MAIL_POLL_SECONDS for those due again. One round at a time in a process; instances
 * sharing a database never send one message twice at once (the outbox's claims, see sql-mail.ts).
 */
import nodemailer from 'nodemailer';
import { ConfigError } from '../../core/config.js';
import { mailRound, type MailSettings, type MailTransport } from '../../core/mail.js';
import type { Clock, Logger } from '../../core/platform.js';
import type { MailStore } from '../../core/ports.js';

/** EBOK_SMTP_URL: the relay, as an smtp: or smtps: URL (user and password in it where the relay asks). */
export function readSmtpUrl(raw: string | undefined): string {
  if (!raw)
    throw new ConfigError('e-mail to residents (EBOK_MAIL_FROM) needs the relay to send it by: set EBOK_SMTP_URL');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('EBOK_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new ConfigError('EBOK_SMTP_URL must be an smtp:// or smtps:// URL');
  return raw;
}

/** A transport to the relay: resolves once it accepted the message (250), rejects with its answer otherwise. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return async (m) => {
    await transporter.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: m.messageId,
      headers: { 'Content-Language': m.language, 'Auto-Submitted': 'auto-generated' },
    });
  };
}

export interface Mailer {
  /** Runs a round soon (messages were written, or put back). */
  wake(): void;
  /** Ends the rounds: waits for the one running. */
  stop(): Promise<void>;
}

/** Sends the outbox: a round on `wake`, and one every `pollMs` for the messages due again. */
export function startMailer(options: {
  readonly store: MailStore;
  readonly transport: MailTransport;
  readonly settings: MailSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pollMs: number;
}): Mailer {
  const { store, transport, settings, clock, logger } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const round = async (): Promise<void> => {
    do {
      again = false;
      // A full batch may leave more due: go on at once.
      if (await mailRound(store, transport, settings, clock, logger)) again = true;
    } while (again && !stopped);
  };
  const wake = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round().finally(() => (running = undefined));
  };
  const timer = setInterval(wake, options.pollMs);
  timer.unref();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
