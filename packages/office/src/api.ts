/** @module The console's requests to the API: same origin, the session's cookie and CSRF token, problems as errors. */
import { currentLang } from '@ebok/widgets/shared';

/** What the API answered instead of success: its problem's `detail` (in the asked language) or title. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** A request the API found invalid: each thing wrong, by its JSON pointer into what was sent. */
    readonly errors: readonly ProblemError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One thing wrong with a request, as a problem's `errors` lists it. */
export interface ProblemError {
  readonly pointer: string;
  readonly message: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ pointer?: unknown; message?: unknown }>;
}

/** The ApiError for an answer that is not a success (its body already read as JSON, or not). */
function problemError(status: number, statusText: string, problem: ProblemBody, path: string): ApiError {
  // The session ended (idle, or signed out elsewhere): the shell offers to sign in again.
  if (status === 401 && path !== '/v1/session') dispatchEvent(new Event(SESSION_ENDED));
  const errors = (Array.isArray(problem.errors) ? problem.errors : [])
    .filter((e) => typeof e.pointer === 'string' && typeof e.message === 'string')
    .map((e) => ({ pointer: e.pointer as string, message: e.message as string }));
  return new ApiError(status, problem.type ?? '', problem.detail || problem.title || statusText, errors);
}

let csrfToken: string | undefined;

/** The event (on window) when the API says the session is no longer there. */
export const SESSION_ENDED = 'ebok-office-session-ended';

/** The session's CSRF token, sent with every request that changes something. */
export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** A JSON request to the API; a problem (or a network failure) is thrown as an ApiError. */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.ok) return (await res.json()) as T;
  let problem: ProblemBody = {};
  try {
    problem = (await res.json()) as ProblemBody;
  } catch {
    // not a problem document
  }
  throw problemError(res.status, res.statusText, problem, path);
}

/**
 * A multipart upload to the API with its progress (fetch reports none): `onProgress` gets the
 * share sent, 0 to 1; the answer's JSON, or a problem thrown as an ApiError.
 */
export function upload<T>(path: string, body: FormData, onProgress: (sent: number) => void): Promise<T> {
  return new Promise((ok, fail) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLang());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('error', () => fail(new ApiError(0, 'network', '')));
    xhr.addEventListener('abort', () => fail(new ApiError(0, 'network', '')));
    xhr.addEventListener('load', () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        ok(parsed as T);
      } else fail(problemError(xhr.status, xhr.statusText, (parsed ?? {}) as ProblemBody, path));
    });
    xhr.send(body);
  });
}
