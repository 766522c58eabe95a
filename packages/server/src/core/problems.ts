/** @module Problem details (RFC 9457): every error the API answers with, its status and its text in pl, en and uk. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem as ProblemBody } from '@ebok/schemas/api';
import { respond } from './respond.js';

export type Lang = 'pl' | 'en' | 'uk';
type Text = Readonly<Record<Lang, string>>;

/** The problem types the schema of a problem (schemas/api/problem.schema.json) lists, without their prefix. */
type SchemaProblemType = ProblemBody['type'] extends `urn:ebok:problem:${infer T}` ? T : never;

/**
 * Every problem the API reports: a stable type, an HTTP status and a title in three languages;
 * exactly the types the schema of a problem lists.
 */
export const PROBLEMS = {
  'not-found': [404, { pl: 'Nie znaleziono.', en: 'Not found.', uk: 'Не знайдено.' }],
  'method-not-allowed': [405, { pl: 'Niedozwolona metoda.', en: 'Method not allowed.', uk: 'Метод не дозволено.' }],
  unauthorized: [
    401,
    { pl: 'Wymagane uwierzytelnienie.', en: 'Authentication is required.', uk: 'Потрібна автентифікація.' },
  ],
  forbidden: [403, { pl: 'Brak uprawnień.', en: 'You are not allowed to do this.', uk: 'Немає дозволу.' }],
  csrf: [
    403,
    {
      pl: 'Żądanie nie pochodzi z konsoli urzędu (brak tokenu CSRF sesji lub inne pochodzenie).',
      en: 'The request does not come from the office console (no session CSRF token, or another origin).',
      uk: 'Запит надійшов не з консолі установи (немає CSRF-токена сесії або інше походження).',
    },
  ],
  'sign-in-failed': [
    400,
    {
      pl: 'Logowanie nie powiodło się. Zacznij je od nowa.',
      en: 'Signing in failed. Start again.',
      uk: 'Не вдалося увійти. Почніть знову.',
    },
  ],
  'sign-in-unavailable': [
    503,
    {
      pl: 'Logowanie pracowników jest niedostępne: dostawca tożsamości urzędu nie jest skonfigurowany lub nie odpowiada.',
      en: "Staff sign-in is unavailable: the office's identity provider is not configured or does not answer.",
      uk: 'Вхід працівників недоступний: постачальник ідентичності установи не налаштований або не відповідає.',
    },
  ],
  'request-too-large': [413, { pl: 'Żądanie jest za duże.', en: 'The request is too large.', uk: 'Запит завеликий.' }],
  'attachment-too-large': [
    413,
    { pl: 'Załącznik jest za duży.', en: 'An attachment is too large.', uk: 'Додаток завеликий.' },
  ],
  'unsupported-media-type': [
    415,
    { pl: 'Nieobsługiwany typ treści.', en: 'Unsupported content type.', uk: 'Непідтримуваний тип вмісту.' },
  ],
  'bad-request': [400, { pl: 'Nieprawidłowe żądanie.', en: 'Bad request.', uk: 'Неправильний запит.' }],
  'multipart-shape': [
    400,
    {
      pl: 'Nieprawidłowa budowa formularza wieloczęściowego.',
      en: 'The multipart form is not shaped as required.',
      uk: 'Неправильна структура багаточастинної форми.',
    },
  ],
  'not-canonical': [
    400,
    {
      pl: 'Dokument nie jest kanonicznym JSON (RFC 8785).',
      en: 'The document is not canonical JSON (RFC 8785).',
      uk: 'Документ не є канонічним JSON (RFC 8785).',
    },
  ],
  'invalid-document': [
    400,
    {
      pl: 'Dokument nie ma wymaganej budowy.',
      en: 'The document does not have the required shape.',
      uk: 'Документ не має потрібної структури.',
    },
  ],
  'unknown-procedure': [
    422,
    {
      pl: 'Nieznana procedura lub wersja schematu.',
      en: 'Unknown procedure or schema version.',
      uk: 'Невідома процедура або версія схеми.',
    },
  ],
  'signature-invalid': [
    422,
    { pl: 'Podpis jest nieprawidłowy.', en: 'The signature is not valid.', uk: 'Підпис недійсний.' },
  ],
  'certificate-invalid': [
    422,
    {
      pl: 'Certyfikat podpisu nie jest ważny.',
      en: 'The signing certificate is not valid.',
      uk: 'Сертифікат підпису недійсний.',
    },
  ],
  'certificate-revoked': [
    422,
    {
      pl: 'Certyfikat podpisu został unieważniony.',
      en: 'The signing certificate has been revoked.',
      uk: 'Сертифікат підпису відкликано.',
    },
  ],
  'validation-failed': [
    422,
    { pl: 'Wniosek zawiera błędy.', en: 'The application has errors.', uk: 'Заява містить помилки.' },
  ],
  'attachment-mismatch': [
    422,
    {
      pl: 'Załączniki nie zgadzają się z podpisanym dokumentem.',
      en: 'The attachments do not match the signed document.',
      uk: 'Додатки не відповідають підписаному документу.',
    },
  ],
  replay: [
    409,
    {
      pl: 'Ten dokument (nonce) już został użyty.',
      en: 'This document nonce has already been used.',
      uk: 'Цей документ (nonce) вже використано.',
    },
  ],
  'idempotency-conflict': [
    409,
    {
      pl: 'Ten klucz Idempotency-Key użyto dla innego dokumentu.',
      en: 'This Idempotency-Key was used for another document.',
      uk: 'Цей Idempotency-Key використано для іншого документа.',
    },
  ],
  'signer-mismatch': [
    422,
    {
      pl: 'Wniosek podpisała inna osoba niż ta, która go składa. Podpisać musi osoba wskazana we wniosku (pełnomocnik, rodzic lub wnioskodawca).',
      en: 'The application was signed by someone other than the person filing it. It must be signed by the person the form names (the proxy, parent or applicant).',
      uk: 'Заяву підписала інша особа, ніж та, що її подає. Підписати має особа, зазначена в заяві (довірена особа, батьки або заявник).',
    },
  ],
  'signature-kind-not-accepted': [
    422,
    {
      pl: 'Tego wniosku nie można podpisać w ten sposób. Podpisz go jednym ze sposobów, które urząd przyjmuje dla tej sprawy.',
      en: 'This application cannot be signed this way. Sign it in one of the ways the office accepts for this matter.',
      uk: 'Цю заяву не можна підписати в такий спосіб. Підпишіть її одним зі способів, які установа приймає для цієї справи.',
    },
  ],
  'json-too-deep': [
    400,
    {
      pl: 'JSON jest zagnieżdżony zbyt głęboko.',
      en: 'The JSON is nested too deeply.',
      uk: 'JSON має завелику вкладеність.',
    },
  ],
  'too-many-attempts': [
    429,
    {
      pl: 'Zbyt wiele nieudanych prób. Spróbuj ponownie później.',
      en: 'Too many failed attempts. Try again later.',
      uk: 'Забагато невдалих спроб. Спробуйте пізніше.',
    },
  ],
  'activation-code-invalid': [
    422,
    {
      pl: 'Kod aktywacyjny jest nieprawidłowy, wygasł lub został już użyty.',
      en: 'The activation code is wrong, expired or already used.',
      uk: 'Код активації неправильний, прострочений або вже використаний.',
    },
  ],
  'certificate-request-invalid': [
    422,
    {
      pl: 'Żądanie certyfikatu jest nieprawidłowe.',
      en: 'The certificate request is not valid.',
      uk: 'Запит на сертифікат недійсний.',
    },
  ],
  'already-revoked': [
    409,
    { pl: 'Certyfikat już unieważniono.', en: 'The certificate is already revoked.', uk: 'Сертифікат уже відкликано.' },
  ],
  'case-conflict': [
    409,
    {
      pl: 'Sprawa na to nie pozwala.',
      en: 'The case does not allow this.',
      uk: 'Справа цього не дозволяє.',
    },
  ],
  'challenge-invalid': [
    422,
    {
      pl: 'To pytanie o wnioski jest nieważne: wygasło, zostało już użyte albo podpisano je w innym czasie. Zapytaj ponownie.',
      en: 'This question about your applications is not valid: it has expired, been used already, or was signed at another time. Ask again.',
      uk: 'Цей запит про заяви недійсний: він прострочений, уже використаний або підписаний в інший час. Запитайте ще раз.',
    },
  ],
  'resident-certificate-refused': [
    403,
    {
      pl: 'Tym certyfikatem nie można już sprawdzić wniosków: wygasł albo został unieważniony. Nowy certyfikat wyda punkt obsługi mieszkańców urzędu (zabierz dokument tożsamości).',
      en: 'This certificate can no longer be used to see your applications: it has expired or been revoked. The office’s customer service desk issues a new one (bring an identity document).',
      uk: 'Цим сертифікатом більше не можна переглянути заяви: його строк дії минув або його відкликано. Новий сертифікат видає пункт обслуговування мешканців установи (візьміть документ, що посвідчує особу).',
    },
  ],
  'hand-off-not-failed': [
    409,
    {
      pl: 'To przekazanie nie jest nieudane: zostało już dostarczone albo ponowione.',
      en: 'This hand-off has not failed: it was delivered or retried already.',
      uk: 'Ця передача не є невдалою: її вже доставлено або повторено.',
    },
  ],
  'lease-lost': [
    409,
    {
      pl: 'Dzierżawa wiadomości wygasła.',
      en: 'The message lease has expired.',
      uk: 'Оренда повідомлення закінчилася.',
    },
  ],
  'internal-error': [
    500,
    {
      pl: 'Błąd serwera. Spróbuj ponownie.',
      en: 'Server error. Please try again.',
      uk: 'Помилка сервера. Спробуйте ще раз.',
    },
  ],
  'revocation-unavailable': [
    503,
    {
      pl: 'Nie można teraz sprawdzić, czy certyfikat podpisu nie został unieważniony. Podpis może być prawidłowy: spróbuj złożyć wniosek ponownie za kilka minut.',
      en: 'Whether the signing certificate has been revoked cannot be checked now. The signature may well be valid: try filing again in a few minutes.',
      uk: 'Зараз неможливо перевірити, чи не відкликано сертифікат підпису. Підпис може бути дійсним: спробуйте подати заяву ще раз за кілька хвилин.',
    },
  ],
  unavailable: [
    503,
    {
      pl: 'Serwer się zamyka. Spróbuj ponownie za chwilę.',
      en: 'The server is shutting down. Try again shortly.',
      uk: 'Сервер вимикається. Спробуйте трохи згодом.',
    },
  ],
  'database-unavailable': [
    503,
    {
      pl: 'Baza danych urzędu chwilowo nie odpowiada. Nic nie zostało zapisane; spróbuj ponownie za chwilę.',
      en: "The office's database is not answering for the moment. Nothing was saved; try again shortly.",
      uk: 'База даних установи тимчасово не відповідає. Нічого не збережено; спробуйте трохи згодом.',
    },
  ],
} as const satisfies Record<SchemaProblemType, readonly [number, Text]>;

export type ProblemType = keyof typeof PROBLEMS;

/** Thrown anywhere in a handler; the error handler turns it into problem+json. */
export class Problem extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail?: Partial<Text> | string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers the problem needs, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(type);
  }
}

/** The language for messages: the best of pl, en, uk in Accept-Language; Polish by default. */
export function negotiateLanguage(header: string | undefined): Lang {
  if (!header) return 'pl';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => (x.lang === 'pl' || x.lang === 'en' || x.lang === 'uk') && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as Lang | undefined) ?? 'pl';
}

export const problemTypeUri = (type: ProblemType): ProblemBody['type'] => `urn:ebok:problem:${type}`;

export function problemResponse(c: Context, problem: Problem): Response {
  const lang = negotiateLanguage(c.req.header('accept-language'));
  const [status, title] = PROBLEMS[problem.type];
  const detail = typeof problem.detail === 'string' ? problem.detail : (problem.detail?.[lang] ?? title[lang]);
  const body = {
    type: problemTypeUri(problem.type),
    title: title[lang],
    status,
    detail,
    ...(c.get('requestId') ? { instance: `urn:ebok:request:${c.get('requestId') as string}` } : {}),
    ...problem.extra,
  };
  return respond(c, JSON.stringify(body), status as ContentfulStatusCode, {
    ...problem.headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': lang,
  });
}
