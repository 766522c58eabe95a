/** @module The console's requests to the API: same origin, the session's cookie and CSRF token, problems as errors. */
import { currentLang } from '@ebok/widgets/shared';

/** What the API answered instead of success: its problem's `detail` (in the asked language) or title. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
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
  let problem: { type?: string; title?: string; detail?: string } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    // not a problem document
  }
  // The session ended (idle, or signed out elsewhere): the shell offers to sign in again.
  if (res.status === 401 && path !== '/v1/session') dispatchEvent(new Event(SESSION_ENDED));
  throw new ApiError(res.status, problem.type ?? '', problem.detail || problem.title || res.statusText);
}
