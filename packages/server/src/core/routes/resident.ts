/**
 * @module Residents' own view of their applications: a challenge, signed with the resident's city
 * certificate, answers with the applications that certificate's holder signed and where each
 * stands, or with one of them again (its signed document, signature and receipt). No account: the
 * certificate says who asks, and the server answers for that person only.
 */
import { Hono, type Context } from 'hono';
import type { ApiBodies, ResidentApplications, ResidentChallenge, ResidentDocuments } from '@ebok/schemas/api';
import { parseCanonicalJson, verifyDetached } from '@ebok/forms-core/signing';
import { sha256, toBase64, toHex } from '@ebok/forms-core/pki';
import { attemptWindow, type AttemptWindow } from '../attempts.js';
import type { AppEnv, RouteContext } from '../http.js';
import { exceedsJsonDepth } from '../json-limits.js';
import { readPartsInTurns } from '../multipart.js';
import { negotiateLanguage, Problem, PROBLEMS } from '../problems.js';
import { applicationBody, documentsBody, MAX_RESIDENT_APPLICATIONS, signerKey } from '../resident.js';
import { json } from '../respond.js';
import { checkBody } from '../validate.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Room for a multipart body's boundaries and part headers around its two parts. */
const MULTIPART_OVERHEAD_BYTES = 2048;

/** Why a city certificate that verified cannot ask: it expired or was revoked (the desk issues another). */
const REFUSED = {
  'certificate-revoked': {
    pl: 'Ten certyfikat został unieważniony, więc nie można nim sprawdzić wniosków. Nowy certyfikat wyda punkt obsługi mieszkańców urzędu (zabierz dokument tożsamości).',
    en: 'This certificate has been revoked, so it cannot be used to see your applications. The office’s customer service desk issues a new one (bring an identity document).',
    uk: 'Цей сертифікат відкликано, тому ним не можна переглянути заяви. Новий сертифікат видає пункт обслуговування мешканців установи (візьміть документ, що посвідчує особу).',
  },
  'certificate-expired': {
    pl: 'Ten certyfikat wygasł, więc nie można nim sprawdzić wniosków. Nowy certyfikat wyda punkt obsługi mieszkańców urzędu (zabierz dokument tożsamości).',
    en: 'This certificate has expired, so it cannot be used to see your applications. The office’s customer service desk issues a new one (bring an identity document).',
    uk: 'Строк дії цього сертифіката минув, тому ним не можна переглянути заяви. Новий сертифікат видає пункт обслуговування мешканців установи (візьміть документ, що посвідчує особу).',
  },
} as const;

/** A challenge: 32 random bytes, base64url without padding. */
function newChallenge(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** What using a challenge up read: its expiry first, for the core to judge. */
interface ChallengeUsed {
  readonly expiresAt: Date;
}

const challengeHash = async (challenge: string): Promise<string> => toHex(await sha256(encoder.encode(challenge)));

/** Challenges for residents, and the applications (or one application's files) a signed one shows its signer. */
export function residentRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps, trustAnchors } = ctx;
  const { config, storage } = deps;
  const settings = config.resident;
  const { limits } = config;
  // Counted apart from activation codes: challenges made, and questions refused.
  const window = (c: Context<AppEnv>): Promise<AttemptWindow> => attemptWindow(c, deps, settings.attempts, 'resident:');

  app.post('/v1/resident/challenges', async (c) => {
    const attempts = await window(c);
    await attempts.record();
    const challenge = newChallenge();
    const expiresAt = new Date(attempts.now.getTime() + settings.challengeSeconds * 1000);
    await storage.residents.createChallenge(await challengeHash(challenge), attempts.now, expiresAt);
    return json(c, { challenge, expiresAt: expiresAt.toISOString() } satisfies ResidentChallenge, 201);
  });

  /** A signed question's answer; a question refused counts in the window, past which nothing of one is read. */
  const answered =
    <T>(answer: (c: Context<AppEnv>, now: Date) => Promise<T>) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      const attempts = await window(c);
      try {
        return json(c, await answer(c, attempts.now));
      } catch (e) {
        if (e instanceof Problem && PROBLEMS[e.type][0] < 500) await attempts.record();
        throw e;
      }
    };

  /**
   * A signed question checked, in order: sizes and shape, the document (RFC 8785 JSON of the
   * schema `name`), the signature by a city certificate in force, its time; then the challenge
   * used up by `use`, which reads what the answer needs in the same step, whatever that shows.
   * A challenge never given, used already or late is refused; otherwise the question and what
   * `use` read.
   */
  const signedQuestion = async <K extends 'ResidentQuery' | 'ResidentDocumentsQuery', U extends ChallengeUsed>(
    c: Context<AppEnv>,
    now: Date,
    name: K,
    use: (question: ApiBodies[K], challengeHash: string, key: string) => Promise<U | undefined>,
  ): Promise<{ readonly question: ApiBodies[K]; readonly used: U }> => {
    const lang = negotiateLanguage(c.req.header('accept-language'));
    const body = await ctx.readBody(c, settings.documentBytes + limits.signatureBytes + MULTIPART_OVERHEAD_BYTES);
    const parts = await readPartsInTurns(c.req.header('content-type'), body, body.length, 2);
    const document = parts.find((p) => p.name === 'document');
    const signature = parts.find((p) => p.name === 'signature');
    if (parts.length !== 2 || !document || !signature)
      throw new Problem('multipart-shape', 'exactly two parts are required: "document" and "signature"');
    if (document.bytes.length > settings.documentBytes)
      throw new Problem('request-too-large', `the document part is larger than ${settings.documentBytes} bytes`);
    if (signature.bytes.length > limits.signatureBytes)
      throw new Problem('request-too-large', `the signature part is larger than ${limits.signatureBytes} bytes`);

    let text: string;
    try {
      text = utf8.decode(document.bytes);
    } catch {
      throw new Problem('not-canonical', 'the document is not UTF-8');
    }
    if (exceedsJsonDepth(text, limits.jsonDepth))
      throw new Problem('json-too-deep', `more than ${limits.jsonDepth} levels`);
    let parsed: { value: unknown } | undefined;
    try {
      parsed = parseCanonicalJson(text);
    } catch {
      parsed = undefined;
    }
    if (!parsed) throw new Problem('not-canonical');
    const question = checkBody(name, parsed.value, lang, 'invalid-document');

    const verified = await verifyDetached(document.bytes, signature.bytes, {
      trustAnchors,
      now,
      cache: deps.certificateCache,
      isRevoked: (serial) => storage.pki.isRevoked(serial),
      purpose: 'resident',
      maxClockSkewMs: limits.clockSkewSeconds * 1000,
      limits: { maxCertificates: limits.cmsCertificates, maxSigners: 1 },
    });
    if (!verified.ok) {
      if (verified.error === 'certificate-revoked' || verified.error === 'certificate-expired')
        throw new Problem('resident-certificate-refused', REFUSED[verified.error], { reason: verified.error });
      const certificate = [
        'unknown-issuer',
        'certificate-not-yet-valid',
        'key-usage',
        'certificate-purpose',
        'trust-anchor-invalid',
      ].includes(verified.error);
      throw new Problem(certificate ? 'certificate-invalid' : 'signature-invalid', undefined, {
        reason: verified.error,
        reasonDetail: verified.detail,
      });
    }
    const identifier = verified.signer.identifier;
    if (!identifier)
      throw new Problem('certificate-invalid', 'the certificate names no person', { reason: 'certificate-purpose' });

    // Signed now: not ahead of the clock, and not before a challenge still valid could have been given.
    const signedAt = Date.parse(question.signedAt);
    const skew = limits.clockSkewSeconds * 1000;
    if (signedAt > now.getTime() + skew || signedAt < now.getTime() - settings.challengeSeconds * 1000 - skew)
      throw new Problem('challenge-invalid', '"signedAt" is not the time it was signed', { reason: 'signed-at' });

    // Used up whatever it shows: a challenge answers once, and late not at all.
    const used = await use(question, await challengeHash(question.challenge), signerKey(identifier));
    if (!used) throw new Problem('challenge-invalid', undefined, { reason: 'unknown' });
    if (used.expiresAt.getTime() <= now.getTime())
      throw new Problem('challenge-invalid', undefined, { reason: 'expired' });
    return { question, used };
  };

  app.post(
    '/v1/resident/applications',
    answered(async (c, now): Promise<ResidentApplications> => {
      const { used } = await signedQuestion(c, now, 'ResidentQuery', (_, hash, key) =>
        storage.residents.useChallenge(hash, key, MAX_RESIDENT_APPLICATIONS),
      );
      return used.applications.map(applicationBody);
    }),
  );

  // One application again, for the person who signed it; another's number and a number not in
  // the register get the same answer, so the question tells nothing of either.
  app.post(
    '/v1/resident/documents',
    answered(async (c, now): Promise<ResidentDocuments> => {
      const { question, used } = await signedQuestion(c, now, 'ResidentDocumentsQuery', (q, hash, key) =>
        storage.residents.useChallengeFor(hash, key, q.registryNumber),
      );
      const stored = used.keyed ? await storage.register.getDocument(question.registryNumber) : undefined;
      if (!stored) throw new Problem('not-found');
      return documentsBody(stored, deps.blobs);
    }),
  );
  return app;
}
