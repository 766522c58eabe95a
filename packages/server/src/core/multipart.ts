import {
  getMultipartBoundary,
  MaxFileSizeExceededError,
  MultipartParseError,
  parseMultipart,
} from '@remix-run/multipart-parser';
import { Problem } from './problems.js';

export interface Part {
  readonly name: string;
  readonly mediaType: string | undefined;
  readonly isFile: boolean;
  readonly bytes: Uint8Array;
}

/**
 * Splits a whole multipart/form-data body (already bounded by the request size limit) into its
 * parts, in order, with @remix-run/multipart-parser: runtime-neutral and several times faster
 * than `Request.formData()`. Bad shape and oversized parts become problems, never exceptions.
 */
export function readParts(
  contentType: string | undefined,
  body: Uint8Array,
  maxPartBytes: number,
  maxParts = 64,
): Part[] {
  const boundary = getMultipartBoundary(contentType ?? '');
  if (!boundary) throw new Problem('unsupported-media-type', 'expected multipart/form-data with a boundary');
  const parts: Part[] = [];
  try {
    for (const part of parseMultipart(body, { boundary, maxFileSize: maxPartBytes, maxParts })) {
      const name = part.name;
      if (!name) throw new Problem('multipart-shape', 'every part needs a name');
      parts.push({ name, mediaType: part.mediaType, isFile: part.isFile, bytes: part.bytes });
    }
  } catch (e) {
    if (e instanceof Problem) throw e;
    if (e instanceof MaxFileSizeExceededError)
      throw new Problem('attachment-too-large', `a part is larger than ${maxPartBytes} bytes`);
    if (e instanceof MultipartParseError) throw new Problem('multipart-shape', e.message);
    throw e;
  }
  if (parts.length === 0) throw new Problem('multipart-shape', 'the multipart body has no parts');
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
