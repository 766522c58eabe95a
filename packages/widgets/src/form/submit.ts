import { msg } from '@lit/localize';
import type { Lang } from '@ebok/forms-core/runtime/base';
import type { Problem as ApiProblem, SubmissionReceipt } from '@ebok/schemas/api';
import type { AttachedFile, FileSubmission, SignedSubmission } from './drafts.js';

/** The office could not be reached: what the error summary says, whichever way the application was signed. */
export const unreachable = (): { readonly pointer: string; readonly message: () => string } => ({
  pointer: '',
  message: () =>
    msg(
      'Nie udało się połączyć z urzędem. Wniosek jest zapisany w tej przeglądarce; spróbuj wysłać go ponownie za chwilę. Nie zostanie zarejestrowany dwa razy.',
      { id: 'journey.unreachable' },
    ),
});

/**
 * The intake server's answer to a registered submission (201, or 200 for a retry), as its schema
 * says (`schemas/api/submission-receipt.schema.json`).
 */
export type { SubmissionReceipt };

/**
 * An RFC 9457 problem as the server sends it (`schemas/api/problem.schema.json`), or as this
 * widget reads an answer that is not one (a proxy's error page): then `about:blank`, the HTTP
 * status and its text, and no detail.
 */
export type Problem = Pick<
  ApiProblem,
  'title' | 'status' | 'errors' | 'reason' | 'pointer' | 'accepted' | 'signedFile'
> & {
  /** One of the server's (`urn:ebok:problem:…`), or `about:blank`. */
  readonly type: string;
  readonly detail?: string;
};

/**
 * Why a submission did not go through: `rejected` (the office read it and said no: the problem
 * says why; sending it again will not help) or `unreachable` (no answer, or a server error: the
 * application is kept and can be sent again, with the same Idempotency-Key).
 */
export class SubmissionError extends Error {
  override name = 'SubmissionError';
  constructor(
    readonly kind: 'rejected' | 'unreachable',
    readonly problem?: Problem,
  ) {
    super(problem?.detail ?? problem?.title ?? kind);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A document filed with the files signed outside ebok: one, or one for each person who must sign. */
export type FiledSubmission = FileSubmission & { readonly signedFiles: readonly File[] };

/**
 * Sends a signed document (with its CMS signature, or the files signed outside ebok, each as a
 * `signed-file` part) and its attachments as `POST /v1/submissions` (multipart), retrying
 * a lost connection or a server error a few times with the same Idempotency-Key: the server
 * then returns the first receipt, never a second register number.
 */
export async function sendSubmission(options: {
  readonly endpoint: string;
  readonly signed: SignedSubmission | FiledSubmission;
  readonly attachments: Readonly<Record<string, AttachedFile>>;
  readonly lang: Lang;
  readonly tries?: number;
  readonly retryDelayMs?: number;
}): Promise<SubmissionReceipt> {
  const { endpoint, signed, attachments, lang } = options;
  const tries = options.tries ?? 3;
  let lastProblem: Problem | undefined;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const body = new FormData();
    body.append('document', new Blob([signed.document], { type: 'application/json' }), 'document.json');
    if ('signature' in signed)
      body.append(
        'signature',
        new Blob([signed.signature as BlobPart], { type: 'application/pkcs7-signature' }),
        'document.p7s',
      );
    else for (const file of signed.signedFiles) body.append('signed-file', file, file.name);
    for (const [name, { file }] of Object.entries(attachments)) body.append(name, file, file.name);
    let response: Response;
    try {
      response = await fetch(`${endpoint}/v1/submissions`, {
        method: 'POST',
        body,
        headers: { 'idempotency-key': signed.idempotencyKey, 'accept-language': lang },
        credentials: 'omit',
      });
    } catch {
      if (attempt < tries) await sleep((options.retryDelayMs ?? 1000) * attempt);
      continue;
    }
    if (response.ok) return (await response.json()) as SubmissionReceipt;
    const problem = await readProblem(response);
    if (response.status < 500 && response.status !== 429 && response.status !== 408) {
      throw new SubmissionError('rejected', problem);
    }
    lastProblem = problem;
    if (attempt < tries) await sleep((options.retryDelayMs ?? 1000) * attempt);
  }
  throw new SubmissionError('unreachable', lastProblem);
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<ApiProblem>;
    return {
      type: String(body.type ?? 'about:blank'),
      title: String(body.title ?? response.statusText),
      status: response.status,
      ...(body.detail ? { detail: String(body.detail) } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      ...(typeof body.pointer === 'string' ? { pointer: body.pointer } : {}),
      ...(Array.isArray(body.accepted) ? { accepted: body.accepted.filter((k) => typeof k === 'string') } : {}),
      ...(typeof body.signedFile === 'number' ? { signedFile: body.signedFile } : {}),
    };
  } catch {
    return { type: 'about:blank', title: response.statusText, status: response.status };
  }
}
