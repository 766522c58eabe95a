import { Problem } from './problems.js';

export interface Part {
  readonly name: string;
  readonly mediaType: string | undefined;
  readonly isFile: boolean;
  readonly bytes: Uint8Array;
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
const CRLF_CRLF = ascii('\r\n\r\n');
const MAX_HEADER_BYTES = 8 * 1024;
const headerText = new TextDecoder('utf-8', { fatal: true });

/** Whether `hay` holds `needle` at `at`. */
function holds(hay: Uint8Array, at: number, needle: Uint8Array): boolean {
  if (at + needle.length > hay.length) return false;
  for (let j = 0; j < needle.length; j++) if (hay[at + j] !== needle[j]) return false;
  return true;
}

/** The first index of `needle` in `hay` from `from` on, or -1. */
function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = hay.indexOf(needle[0]!, from); i !== -1; i = hay.indexOf(needle[0]!, i + 1)) {
    if (holds(hay, i, needle)) return i;
  }
  return -1;
}

/** The boundary of a `multipart/form-data` content type (RFC 2046: 1 to 70 characters). */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(?:;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"\r\n]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

const shape = (detail: string): never => {
  throw new Problem('multipart-shape', detail);
};

const param = (key: string): RegExp => new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s"]*))`, 'i');
const NAME = param('name');
const FILENAME = param('filename\\*?');

/** A parameter of a header value (`name="x"` or `name=x`), unquoted; undefined when absent. */
function parameter(value: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/** A part's headers: its name (required), whether it is a file, its media type. */
function partHeaders(raw: Uint8Array): Omit<Part, 'bytes'> {
  let text: string;
  try {
    text = headerText.decode(raw);
  } catch {
    return shape('part headers must be UTF-8');
  }
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) shape('a part header is not "name: value"');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') {
      if (disposition !== undefined) shape('a part has two Content-Disposition headers');
      disposition = value;
    } else if (name === 'content-type') {
      if (contentType !== undefined) shape('a part has two Content-Type headers');
      contentType = value;
    }
  }
  if (!disposition || !/^form-data\s*(?:;|$)/i.test(disposition))
    shape('every part needs Content-Disposition: form-data');
  const name = parameter(disposition!, NAME);
  if (!name) return shape('every part needs a name');
  const filename = parameter(disposition!, FILENAME);
  const mediaType = contentType?.split(';', 1)[0]!.trim().toLowerCase() || undefined;
  return { name, mediaType, isFile: filename !== undefined || mediaType === 'application/octet-stream' };
}

/**
 * Splits a whole multipart/form-data body (already bounded by the request size limit) into its
 * parts, in order (RFC 7578). The parts' bytes are views of the body, not copies. Bad shape and
 * oversized parts become problems, never exceptions: the body must open with its boundary, every
 * boundary line ends in CRLF, every part has headers with a name, and the closing boundary comes.
 */
export function readParts(
  contentType: string | undefined,
  body: Uint8Array,
  maxPartBytes: number,
  maxParts = 64,
): Part[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new Problem('unsupported-media-type', 'expected multipart/form-data with a boundary');
  const opening = ascii(`--${boundary}`);
  const delimiter = ascii(`\r\n--${boundary}`);
  if (!holds(body, 0, opening)) shape('the body does not start with its boundary');
  const parts: Part[] = [];
  let at = opening.length;
  for (;;) {
    // After a boundary: "--" closes the body (what follows is ignored), else padding and CRLF.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) shape('a boundary line must end with CRLF');
    at += 2;
    if (parts.length === maxParts) shape(`more than ${maxParts} parts`);
    if (body[at] === 0x0d && body[at + 1] === 0x0a) shape('every part needs a name'); // no headers
    const headersEnd = indexOf(body, CRLF_CRLF, at);
    if (headersEnd === -1 || headersEnd - at > MAX_HEADER_BYTES) shape("a part's headers do not end, or are too long");
    const { name, mediaType, isFile } = partHeaders(body.subarray(at, headersEnd));
    at = headersEnd + 4;
    const end = indexOf(body, delimiter, at);
    if (end === -1) shape('the body ends before its closing boundary');
    if (end - at > maxPartBytes)
      throw new Problem('attachment-too-large', `a part is larger than ${maxPartBytes} bytes`);
    parts.push({ name, mediaType, isFile, bytes: body.subarray(at, end) });
    at = end + delimiter.length;
  }
  if (parts.length === 0) shape('the multipart body has no parts');
  return parts;
}

/** Reads a request body, refusing it as soon as it passes `maxBytes` (declared or counted). */
export async function readRequestBody(c: { req: { raw: Request } }, maxBytes: number): Promise<Uint8Array> {
  const request = c.req.raw;
  if (Number(request.headers.get('content-length')) > maxBytes) throw new Problem('request-too-large');
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Problem('request-too-large');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
