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
 * Reads a whole multipart/form-data body (already bounded by the request size limit) into its
 * parts, in order, with @remix-run/multipart-parser: runtime-neutral and several times faster
 * than `Request.formData()`. Bad shape and oversized parts become problems, never exceptions.
 */
export async function readParts(request: Request, maxPartBytes: number, maxParts = 64): Promise<Part[]> {
  const boundary = getMultipartBoundary(request.headers.get('content-type') ?? '');
  if (!boundary) throw new Problem('unsupported-media-type', 'expected multipart/form-data with a boundary');
  const body = new Uint8Array(await request.arrayBuffer());
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
