/** @module multipart/form-data read part by part within limits, as the submission and chancellery routes take it. */
import { BOUNDARY_CHAR, HeaderValue, isIn, strictUtf8, TCHAR } from './header-value.js';
import { Problem } from './problems.js';

export interface Part {
  readonly name: string;
  /** The part's filename: `filename*` (RFC 8187) when it is given, else `filename`. */
  readonly filename: string | undefined;
  readonly mediaType: string | undefined;
  readonly isFile: boolean;
  readonly bytes: Uint8Array;
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
const MAX_HEADER_BYTES = 8 * 1024;
/** Browsers send two header lines a part; more than this many is not a form. */
const MAX_HEADER_LINES = 32;

/** Whether `hay` holds `needle` at `at`. */
function holds(hay: Uint8Array, at: number, needle: Uint8Array): boolean {
  if (at + needle.length > hay.length) return false;
  for (let j = 0; j < needle.length; j++) if (hay[at + j] !== needle[j]) return false;
  return true;
}

/** A delimiter (`CRLF--boundary`) with its Horspool shift table. */
interface Delimiter {
  readonly bytes: Uint8Array;
  readonly shift: Uint8Array;
}

/** One shift table for every parse: a parse runs to its end without yielding, and this saves an allocation. */
const SHIFT = new Uint8Array(256);

function delimiterOf(boundary: string): Delimiter {
  const bytes = ascii(`\r\n--${boundary}`);
  const last = bytes.length - 1;
  SHIFT.fill(bytes.length); // at most 74: a boundary is at most 70 characters
  for (let i = 0; i < last; i++) SHIFT[bytes[i]!] = last - i;
  return { bytes, shift: SHIFT };
}

/**
 * The first index of the delimiter in `hay` from `from` on, or -1. Horspool's shifts skip most of
 * the content; a window is compared only when it opens with CR, which the delimiter holds nowhere
 * else, so the matched stretches never overlap and no content (a boundary of one repeated
 * character, say) makes the search read a byte more than a few times.
 */
function findDelimiter(hay: Uint8Array, { bytes, shift }: Delimiter, from: number): number {
  const last = bytes.length - 1;
  const tail = bytes[last]!;
  for (let i = from; i + last < hay.length; i += shift[hay[i + last]!]!) {
    if (hay[i] !== 0x0d || hay[i + last] !== tail) continue;
    let j = 1;
    while (j < last && hay[i + j] === bytes[j]) j++;
    if (j === last) return i;
  }
  return -1;
}

/** The index of the first CRLF CRLF from `from` that ends by `to`, or -1. */
function findHeadersEnd(hay: Uint8Array, from: number, to: number): number {
  for (let i = hay.indexOf(0x0d, from); i !== -1 && i + 4 <= to; i = hay.indexOf(0x0d, i + 1)) {
    if (hay[i + 1] === 0x0a && hay[i + 2] === 0x0d && hay[i + 3] === 0x0a) return i;
  }
  return -1;
}

const shape = (detail: string): never => {
  throw new Problem('multipart-shape', detail);
};

/**
 * The boundary of a `multipart/form-data` content type: 1 to 70 characters of RFC 2046's set, a
 * token or a quoted string; undefined when there is none or the content type is malformed.
 */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  let boundary: string | undefined;
  try {
    const value = new HeaderValue(contentType, 'Content-Type');
    if (value.mediaType() !== 'multipart/form-data') return undefined;
    boundary = value.parameters().get('boundary');
  } catch (e) {
    if (e instanceof Problem) return undefined;
    throw e;
  }
  if (!boundary || boundary.length > 70 || boundary.endsWith(' ')) return undefined;
  for (let i = 0; i < boundary.length; i++) {
    const c = boundary.charCodeAt(i);
    if (c !== 0x20 && !isIn(BOUNDARY_CHAR, c)) return undefined;
  }
  return boundary;
}

/** A part's headers: its name (required), filename, whether it is a file, its media type. */
function partHeaders(raw: Uint8Array): Omit<Part, 'bytes'> {
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return shape('part headers must be UTF-8');
  }
  let disposition: string | undefined;
  let contentType: string | undefined;
  const lines = text.split('\r\n');
  if (lines.length > MAX_HEADER_LINES) shape(`a part has more than ${MAX_HEADER_LINES} header lines`);
  for (const line of lines) {
    // RFC 9112 §5: a field name is a token with the colon right after it; no folded lines.
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) shape('a part header is folded over two lines');
    const colon = line.indexOf(':');
    if (colon <= 0) shape('a part header is not "name: value"');
    for (let i = 0; i < colon; i++) if (!isIn(TCHAR, line.charCodeAt(i))) shape('a part header is not "name: value"');
    for (let i = colon + 1; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09) || c === 0x7f) shape('a part header holds a control character');
    }
    const name = line.slice(0, colon).toLowerCase();
    if (name === 'content-disposition') {
      if (disposition !== undefined) shape('a part has two Content-Disposition headers');
      disposition = line.slice(colon + 1);
    } else if (name === 'content-type') {
      if (contentType !== undefined) shape('a part has two Content-Type headers');
      contentType = line.slice(colon + 1);
    }
  }
  if (disposition === undefined) return shape('every part needs Content-Disposition: form-data');
  const dispositionValue = new HeaderValue(disposition, 'Content-Disposition');
  if (dispositionValue.leadingToken() !== 'form-data') shape('every part needs Content-Disposition: form-data');
  const params = dispositionValue.parameters();
  const name = params.get('name');
  if (!name) return shape('every part needs a name');
  const filename = params.get('filename*') ?? params.get('filename');
  let mediaType: string | undefined;
  if (contentType !== undefined) {
    const contentTypeValue = new HeaderValue(contentType, 'Content-Type');
    mediaType = contentTypeValue.mediaType();
    contentTypeValue.parameters(); // read only to refuse a malformed one
  }
  return { name, filename, mediaType, isFile: filename !== undefined || mediaType === 'application/octet-stream' };
}

/**
 * Splits a whole multipart/form-data body (already bounded by the request size limit) into its
 * parts, in order (RFC 7578). The parts' bytes are views of the body, not copies. Bad shape and
 * oversized parts become problems, never exceptions: the body must open with its boundary, every
 * boundary line ends in CRLF, every part has headers with a name, the boundary appears in no
 * part (its headers included), and the closing boundary comes, with no boundary after it.
 */
export function readParts(
  contentType: string | undefined,
  body: Uint8Array,
  maxPartBytes: number,
  maxParts = 64,
): Part[] {
  const boundary = boundaryOf(contentType);
  const delimiter = delimiterOf(boundary);
  return splitParts(body, boundary, delimiter, (from) => findDelimiter(body, delimiter, from), maxPartBytes, maxParts);
}

/** How much of a body one turn of the event loop searches for delimiters. */
const SLICE_BYTES = 1024 * 1024;

/**
 * `readParts` for bodies of any size without holding the event loop: a body over a megabyte is
 * searched for its delimiters a megabyte per turn, then split at them.
 */
export async function readPartsInTurns(
  contentType: string | undefined,
  body: Uint8Array,
  maxPartBytes: number,
  maxParts = 64,
): Promise<Part[]> {
  if (body.length <= SLICE_BYTES) return readParts(contentType, body, maxPartBytes, maxParts);
  const boundary = boundaryOf(contentType);
  // A shift table of its own: another request's search may run between two of this one's turns.
  const shared = delimiterOf(boundary);
  const delimiter: Delimiter = { bytes: shared.bytes, shift: Uint8Array.from(shared.shift) };
  const length = delimiter.bytes.length;
  // Delimiters never overlap (the boundary holds no CR), so each search goes on after the last.
  // More than a form's parts need are not looked for: the split refuses the form at that count.
  const found: number[] = [];
  for (let from = 0, sliceEnd = SLICE_BYTES; found.length <= maxParts + 1;) {
    const at = findDelimiter(body.subarray(0, Math.min(body.length, sliceEnd + length - 1)), delimiter, from);
    if (at !== -1) {
      found.push(at);
      from = at + length;
      continue;
    }
    if (sliceEnd >= body.length) break;
    from = Math.max(from, sliceEnd);
    sliceEnd += SLICE_BYTES;
    await new Promise((next) => setTimeout(next, 0));
  }
  const first = (from: number): number => {
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < found.length ? found[lo]! : -1;
  };
  return splitParts(body, boundary, delimiter, first, maxPartBytes, maxParts);
}

function boundaryOf(contentType: string | undefined): string {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new Problem('unsupported-media-type', 'expected multipart/form-data with a boundary');
  return boundary;
}

function splitParts(
  body: Uint8Array,
  boundary: string,
  delimiter: Delimiter,
  find: (from: number) => number,
  maxPartBytes: number,
  maxParts: number,
): Part[] {
  const opening = ascii(`--${boundary}`);
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
    // The part runs to the next delimiter, looked for from the CRLF that ended the boundary line:
    // the boundary may open no line of the part, its headers and its first content line included.
    const end = find(at - 2);
    const headersEnd = findHeadersEnd(body, at, Math.min(end === -1 ? body.length : end, at + MAX_HEADER_BYTES + 4));
    if (headersEnd === -1) shape("a part's headers do not end, or are too long");
    const { name, filename, mediaType, isFile } = partHeaders(body.subarray(at, headersEnd));
    if (end === -1) shape('the body ends before its closing boundary');
    at = headersEnd + 4;
    if (end - at > maxPartBytes)
      throw new Problem('attachment-too-large', `a part is larger than ${maxPartBytes} bytes`);
    parts.push({ name, filename, mediaType, isFile, bytes: body.subarray(at, end) });
    at = end + delimiter.bytes.length;
  }
  if (parts.length === 0) shape('the multipart body has no parts');
  // The epilogue is ignored, but some readers (busboy) go on reading parts in it: none may start.
  if (find(at + 2) !== -1) shape('a boundary follows the closing boundary');
  return parts;
}
