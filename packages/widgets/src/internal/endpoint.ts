/**
 * Where the intake API is when an element has no `endpoint` attribute: the origin the widgets
 * were loaded from, since a city serves both from its intake server.
 */
export const DEFAULT_ENDPOINT = new URL(import.meta.url).origin;

/** The API base for an element: its `endpoint` attribute without a trailing slash, or the default. */
export function endpointOf(attribute: string | null | undefined): string {
  return (attribute?.trim() || DEFAULT_ENDPOINT).replace(/\/+$/, '');
}
