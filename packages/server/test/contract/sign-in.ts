/**
 * Staff sign-in as a browser does it, without a browser: the authorization-code flow from the
 * server's /office/sign-in through the OpenID provider's login form and back to the callback,
 * with a cookie jar per origin and every redirect followed by hand.
 */
export interface SignedIn {
  /** The Cookie header the console's requests carry. */
  readonly cookie: string;
  readonly csrfToken: string;
  readonly session: {
    kind: string;
    roles: string[];
    subject: string;
    name: string;
    expiresAt: string;
    idleExpiresAt: string;
  };
}

/** A cookie jar by origin (paths ignored: the names used here do not collide). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();
  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }
  header(url: string): string {
    return [...(this.jars.get(new URL(url).origin) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }
}

/** One request with the jar's cookies, the answer's cookies kept. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(url, response);
  return response;
}

/**
 * Signs in as `login` (any password) from `start` (the server's /office/sign-in?…): follows the
 * redirects, fills in the provider's login form, and stops at the page the callback answers with.
 * Returns the last response and where it came from.
 */
export async function signInFlow(
  jar: CookieJar,
  start: string,
  login: string,
): Promise<{ url: string; response: Response }> {
  let url = start;
  let response = await browse(jar, url);
  for (let hop = 0; hop < 12; hop++) {
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url).href;
      response = await browse(jar, url);
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 200 && type.startsWith('text/html') && !new URL(url).pathname.startsWith('/office/')) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) return { url, response: new Response(html, response) }; // an error page
      const fields = new URLSearchParams();
      for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
        fields.set(m[1]!, m[2]!);
      fields.set('login', login);
      fields.set('password', 'any');
      url = new URL(action.replace(/&amp;/g, '&'), url).href;
      response = await browse(jar, url, {
        method: 'POST',
        body: fields,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      continue;
    }
    return { url, response };
  }
  throw new Error('the sign-in did not end');
}

/** Signs in at the server as `login` and reads the session (its CSRF token) from GET /v1/session. */
export async function signIn(baseUrl: string, login: string): Promise<SignedIn> {
  const jar = new CookieJar();
  const { response } = await signInFlow(jar, `${baseUrl}/office/sign-in`, login);
  if (response.status !== 200) throw new Error(`sign-in as ${login}: ${response.status} ${await response.text()}`);
  const cookie = `__Host-ebok-session=${jar.get(baseUrl, '__Host-ebok-session')}`;
  const session = (await (
    await fetch(`${baseUrl}/v1/session`, { headers: { cookie } })
  ).json()) as SignedIn['session'] & {
    csrfToken: string;
  };
  return { cookie, csrfToken: session.csrfToken, session };
}
