/** @module The headers the static files beside the API are served with: widget bundles for any site, the office console and example pages under strict policies. */
/** The policy the example pages are served with: what a strict BIP page may have (no inline script, no eval). */
export const EXAMPLES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The office console's policy: its own scripts and styles only (Lit's styles are constructed
 * style sheets, no inline ones), requests to this origin, and no page may frame it.
 */
export const OFFICE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether a path of the console is one of its files (`/office/office.js`), not one of its pages
 * (a case's page ends in its znak, `/office/cases/WGN.6640.1.2026`).
 */
export const isOfficeFile = (path: string): boolean =>
  /^\/office\/[^?#]*\.(js|css|html|json|map|ico|png|svg|txt)$/.test(path);

/** Text made safe inside HTML, in an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The console's page with the office's name in it (the console shows it in its header). */
export function officePage(template: string, office: string): string {
  const name = escapeHtml(office);
  return template.replace('<meta name="ebok-office" content="" />', `<meta name="ebok-office" content="${name}" />`);
}

/** The headers of the console's page (every address under /office/ that is not a file or the sign-in's). */
export const OFFICE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': OFFICE_CSP,
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Headers for the static files both runtimes serve beside the API: the widget bundles are public
 * and loaded cross-origin as module scripts by any site that embeds a form; the example pages
 * run under a strict Content-Security-Policy.
 */
export function staticFileHeaders(path: string): Record<string, string> {
  if (path.startsWith('/widgets/'))
    return { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };
  if (path.startsWith('/office/'))
    return { 'content-security-policy': OFFICE_CSP, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  return { 'content-security-policy': EXAMPLES_CSP };
}
