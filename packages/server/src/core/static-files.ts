/** @module The headers the static files beside the API are served with: widget bundles for any site, example pages under a strict policy. */
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
 * Headers for the static files both runtimes serve beside the API: the widget bundles are public
 * and loaded cross-origin as module scripts by any site that embeds a form; the example pages
 * run under a strict Content-Security-Policy.
 */
export function staticFileHeaders(path: string): Record<string, string> {
  return path.startsWith('/widgets/')
    ? { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
    : { 'content-security-policy': EXAMPLES_CSP };
}
