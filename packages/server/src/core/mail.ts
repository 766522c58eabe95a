/**
 * @module E-mail to residents, decided once for every backend and runtime: which change of a case
 * is told (an event the officer flagged "inform"), to whom (the address the application gave,
 * where its procedure's `contactEmail` points), in which language (the form's), and what it says
 * (what changed, the register number, where to look; nothing else of the resident or the case).
 * Messages wait in the mail outbox, committed with the case's event; the sender here claims the
 * due ones, hands each to the runtime's transport (SMTP on Node, an HTTP relay on Workers), marks
 * it sent only once the relay accepted it, and otherwise tries again later, until it is dead and
 * an admin retries it.
 */
import type { Clock, Logger } from './platform.js';
import type { ProcedureRegistry } from './procedures.js';
import type { Lang } from './problems.js';
import type { CaseEvent, CaseEventType, CaseFile, MailStore, NewMail, RegisterStore } from './ports.js';

/** E-mail to residents (EBOK_MAIL_*): none is written unless these are set. */
export interface MailSettings {
  /** The sender's address (EBOK_MAIL_FROM), e.g. `Urząd Miasta <wnioski@example.gov.pl>`. */
  readonly from: string;
  /** The page where residents see their applications (EBOK_APPLICATIONS_URL): the message points there. */
  readonly applicationsUrl: string;
  /** The wait before the second try; each further one waits twice as long, at most 6 hours. */
  readonly retrySeconds: number;
  /** Tries before a message is dead (an admin may retry it). */
  readonly attempts: number;
}

/** A message as the transport sends it. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly language: Lang;
  /**
   * The same for every try of one message: a relay or a mailbox that sees it twice (a sender
   * stopped after the relay accepted it, before it was marked sent) can tell it is one message.
   */
  readonly messageId: string;
}

/** Sends one message; resolves once the relay accepted it, rejects with why not. */
export type MailTransport = (mail: OutgoingMail) => Promise<void>;

/** The most items of one case that are written to (a case's own party, not everyone's letters). */
const MAX_ITEMS_WRITTEN_TO = 10;

/** How long a claimed message is the claimer's: past it, another sender may try (a sender that stopped). */
export const MAIL_LEASE_MS = 120_000;

/** Messages one round of the sender claims. */
const MAIL_BATCH = 20;

/** The longest wait between tries. */
const MAX_RETRY_MS = 6 * 3600_000;

type Texts = Readonly<Record<Lang, string>>;

/** What changed, as the message says it; `{until}` is the new date of an extension. */
const CHANGES: Readonly<Record<CaseEventType, { subject: Texts; change: Texts }>> = {
  'waiting-for-resident': {
    subject: { pl: 'urząd czeka na Ciebie', en: 'the office is waiting for you', uk: 'установа чекає на вас' },
    change: {
      pl: 'urząd czeka na Ciebie: potrzebuje od Ciebie informacji lub dokumentu',
      en: 'the office is waiting for you: it needs information or a document from you',
      uk: 'установа чекає на вас: їй потрібна від вас інформація або документ',
    },
  },
  suspended: {
    subject: { pl: 'postępowanie zawieszone', en: 'proceedings suspended', uk: 'провадження зупинено' },
    change: {
      pl: 'postępowanie zostało zawieszone',
      en: 'the proceedings have been suspended',
      uk: 'провадження зупинено',
    },
  },
  resumed: {
    subject: { pl: 'postępowanie podjęte', en: 'proceedings resumed', uk: 'провадження відновлено' },
    change: {
      pl: 'postępowanie zostało podjęte i sprawa toczy się dalej',
      en: 'the proceedings have resumed and your case goes on',
      uk: 'провадження відновлено, і справа розглядається далі',
    },
  },
  extended: {
    subject: { pl: 'nowy termin załatwienia', en: 'a new date for your case', uk: 'новий строк розгляду' },
    change: {
      pl: 'termin załatwienia sprawy został przedłużony do {until}',
      en: 'the date by which your case will be settled has been moved to {until}',
      uk: 'строк розгляду справи продовжено до {until}',
    },
  },
  decided: {
    subject: { pl: 'sprawa rozstrzygnięta', en: 'your case has been decided', uk: 'у справі ухвалено рішення' },
    change: {
      pl: 'w sprawie zapadło rozstrzygnięcie',
      en: 'a decision has been made in your case',
      uk: 'у справі ухвалено рішення',
    },
  },
  closed: {
    subject: { pl: 'sprawa zakończona', en: 'your case is closed', uk: 'справу завершено' },
    change: { pl: 'sprawa została zakończona', en: 'your case has been closed', uk: 'справу завершено' },
  },
};

const FRAME: Readonly<
  Record<Lang, { subject: string; greeting: string; news: string; look: string; automatic: string }>
> = {
  pl: {
    subject: 'Twój wniosek {number}: {what}',
    greeting: 'Dzień dobry,',
    news: 'w sprawie Twojego wniosku o numerze {number}: {change}.',
    look: 'Szczegóły zobaczysz na stronie {url} (Moje wnioski), z tym samym certyfikatem, którym podpisano wniosek.',
    automatic: 'Ta wiadomość została wysłana automatycznie; prosimy na nią nie odpowiadać.',
  },
  en: {
    subject: 'Your application {number}: {what}',
    greeting: 'Hello,',
    news: 'about your application number {number}: {change}.',
    look: 'See the details at {url} (My applications), with the same certificate the application was signed with.',
    automatic: 'This message was sent automatically; please do not reply to it.',
  },
  uk: {
    subject: 'Ваша заява {number}: {what}',
    greeting: 'Добрий день,',
    news: 'щодо вашої заяви з номером {number}: {change}.',
    look: 'Подробиці дивіться на сторінці {url} («Мої заяви») з тим самим сертифікатом, яким підписано заяву.',
    automatic: 'Це повідомлення надіслано автоматично; будь ласка, не відповідайте на нього.',
  },
};

const LOCALES: Readonly<Record<Lang, string>> = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' };

const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** A day (YYYY-MM-DD) as the language writes it: `15 stycznia 2027`, `15 January 2027`. */
const longDay = (day: string, lang: Lang): string =>
  new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** The message of a change: its subject and text, in the resident's language. */
export function composeMail(
  lang: Lang,
  m: { registryNumber: string; event: Pick<CaseEvent, 'type' | 'until'>; applicationsUrl: string; office: string },
): { subject: string; body: string } {
  const texts = CHANGES[m.event.type];
  const frame = FRAME[lang];
  const until = m.event.until ? longDay(m.event.until, lang) : '';
  const change = fill(texts.change[lang], { until });
  return {
    subject: fill(frame.subject, { number: m.registryNumber, what: texts.subject[lang] }),
    body: [
      frame.greeting,
      '',
      fill(frame.news, { number: m.registryNumber, change }),
      '',
      fill(frame.look, { url: m.applicationsUrl }),
      '',
      frame.automatic,
      m.office,
      '',
    ].join('\n'),
  };
}

/** An address fit to send to: one mailbox, no line breaks or angle brackets, within RFC 5321's length. */
const ADDRESS =
  /^[^\s@<>()",;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The value at a JSON pointer of the data (`/applicant/email`, `/owners/0/email`). */
function at(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The resident's e-mail address in a filed document (the RFC 8785 JSON envelope, its `data`):
 * the first of the procedure's `contactEmail` pointers that holds a sendable address.
 */
export function contactAddress(document: Uint8Array, pointers: readonly string[] | undefined): string | undefined {
  if (!pointers?.length) return undefined;
  let data: unknown;
  try {
    data = (JSON.parse(new TextDecoder().decode(document)) as { data?: unknown }).data;
  } catch {
    return undefined;
  }
  for (const p of pointers) {
    const value = at(data, p);
    if (typeof value === 'string' && value.length <= 254 && ADDRESS.test(value)) return value;
  }
  return undefined;
}

const isLang = (v: string | null): v is Lang => v === 'pl' || v === 'en' || v === 'uk';

/**
 * The messages a case's new event makes: none unless the officer flagged it "inform" and e-mail
 * is configured; else one for each web application in the case whose data gives an address
 * (each address once), in the language its form was filled in.
 */
export async function mailForEvent(
  deps: {
    readonly mail: MailSettings | undefined;
    readonly office: string;
    readonly register: Pick<RegisterStore, 'getDocument'>;
    readonly procedures: Pick<ProcedureRegistry, 'find'>;
  },
  file: CaseFile,
  event: CaseEvent,
): Promise<NewMail[]> {
  if (!deps.mail || !event.inform) return [];
  const out: NewMail[] = [];
  const addresses = new Set<string>();
  for (const registryNumber of file.documents.slice(0, MAX_ITEMS_WRITTEN_TO)) {
    const stored = await deps.register.getDocument(registryNumber);
    const procedure = stored?.entry.procedure;
    if (!stored || stored.entry.channel !== 'web' || !procedure) continue;
    const recipient = contactAddress(
      stored.document,
      deps.procedures.find(procedure.id, procedure.version)?.contactEmail,
    );
    if (!recipient || addresses.has(recipient.toLowerCase())) continue;
    addresses.add(recipient.toLowerCase());
    const language = isLang(stored.language) ? stored.language : 'pl';
    out.push({
      registryNumber,
      department: file.case.department,
      caseNumber: file.case.caseNumber,
      eventSeq: event.seq,
      recipient,
      language,
      ...composeMail(language, {
        registryNumber,
        event,
        applicationsUrl: deps.mail.applicationsUrl,
        office: deps.office,
      }),
    });
  }
  return out;
}

/** When the next try is due after `attempts` tries: the first wait, doubled each time, at most 6 hours. */
export function nextTry(attempts: number, settings: Pick<MailSettings, 'retrySeconds'>, now: Date): Date {
  const wait = Math.min(settings.retrySeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
  return new Date(now.getTime() + wait);
}

/** The host part of the sender's address, for message ids. */
const senderDomain = (from: string): string => /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';

/**
 * One round of the sender: claims the messages due, sends each through the transport, and marks
 * it sent, or tries it later, or dead after its last try. Returns how many went out and failed.
 */
export async function sendDueMail(
  store: MailStore,
  transport: MailTransport,
  settings: MailSettings,
  now: () => Date,
): Promise<{ sent: number; failed: number }> {
  const claimed = await store.claim(now(), MAIL_LEASE_MS, MAIL_BATCH);
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      await transport({
        from: settings.from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        language: isLang(m.language) ? m.language : 'pl',
        messageId: `<ebok.${m.id}.${m.caseNumber.replace(/[^A-Za-z0-9.-]/g, '-')}@${senderDomain(settings.from)}>`,
      });
      await store.sent(m.id, now());
      sent++;
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      await store.failed(
        m.id,
        error,
        m.attempts >= settings.attempts ? null : nextTry(m.attempts, settings, now()),
        now(),
      );
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * One round of the runtime's sender (Node's timer, a Worker's waitUntil or cron), its outcome
 * logged: true when it claimed a full batch, so that more may be due at once.
 */
export async function mailRound(
  store: MailStore,
  transport: MailTransport,
  settings: MailSettings,
  clock: Clock,
  logger: Logger,
): Promise<boolean> {
  try {
    const { sent, failed } = await sendDueMail(store, transport, settings, () => clock.now());
    if (failed > 0) logger.warn('e-mail to residents not accepted by the relay; tried again later', { sent, failed });
    return sent + failed >= MAIL_BATCH;
  } catch (e) {
    logger.error('the mail outbox could not be read', { error: e instanceof Error ? e.message : String(e) });
    return false;
  }
}
