import type { Catalogue, Problem, ResidentApplications, ResidentChallenge, ResidentDocuments } from '@ebok/schemas/api';
import type { Lang, Text } from '@ebok/forms-core/runtime/base';

/** The office answered, and said no (`detail` is in the resident's language); anything else thrown means it was not reached. */
export class QuestionRefused extends Error {
  override name = 'QuestionRefused';
  constructor(readonly problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? 'refused');
  }
}

const refused = async (response: Response): Promise<QuestionRefused> =>
  new QuestionRefused((await response.json().catch(() => ({}))) as Partial<Problem>);

/**
 * A question signed as the server wants it: a fresh challenge, and the challenge with the time
 * (and `fields`) signed (canonical JSON, detached CMS) by the certificate in this browser, posted
 * to `path`. The answer's body; no certificate here: undefined.
 */
async function ask<T>(
  endpoint: string,
  lang: Lang,
  path: string,
  fields: Record<string, string>,
): Promise<T | undefined> {
  const signing = await import('../signing/index.js');
  const loaded = await signing.loadCredential();
  if (!loaded) return undefined;
  const headers = { 'accept-language': lang };
  const issued = await fetch(`${endpoint}/v1/resident/challenges`, { method: 'POST', headers });
  if (!issued.ok) throw await refused(issued);
  const { challenge } = (await issued.json()) as ResidentChallenge;
  const question = await signing.signJson(
    { challenge, signedAt: new Date().toISOString(), ...fields },
    loaded.credential,
  );
  const body = new FormData();
  body.append('document', new Blob([question.text], { type: 'application/json' }), 'question.json');
  body.append(
    'signature',
    new Blob([question.signature as BlobPart], { type: 'application/pkcs7-signature' }),
    'question.p7s',
  );
  const answer = await fetch(`${endpoint}${path}`, { method: 'POST', headers, body });
  if (!answer.ok) throw await refused(answer);
  return (await answer.json()) as T;
}

/** The resident's applications, as the certificate in this browser asks them; no certificate here: undefined. */
export const askApplications = (endpoint: string, lang: Lang): Promise<ResidentApplications | undefined> =>
  ask(endpoint, lang, '/v1/resident/applications', {});

/** One of the resident's applications again (its signed files and receipt); no certificate here: undefined. */
export const askDocuments = (
  endpoint: string,
  lang: Lang,
  registryNumber: string,
): Promise<ResidentDocuments | undefined> => ask(endpoint, lang, '/v1/resident/documents', { registryNumber });

/** The procedures' titles by id, for naming an application; empty if the catalogue cannot be read. */
export async function procedureTitles(endpoint: string): Promise<Readonly<Record<string, Text>>> {
  try {
    const response = await fetch(`${endpoint}/v1/procedures`);
    if (!response.ok) return {};
    return Object.fromEntries(((await response.json()) as Catalogue).map((p) => [p.id, p.title as Text]));
  } catch {
    return {};
  }
}
