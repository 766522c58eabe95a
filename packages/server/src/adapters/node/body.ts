import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { Problem } from '../../core/problems.js';

/**
 * Reads a request body straight from Node's IncomingMessage, counting bytes against the limit:
 * @hono/node-server would otherwise turn it into a web ReadableStream first, which costs more
 * than the rest of a small request. Falls back to the standard Request when not on Node.
 */
export async function readIncomingBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead) return new Uint8Array(await c.req.arrayBuffer());
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) throw new Problem('request-too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      incoming.resume(); // drain the rest without keeping it
      throw new Problem('request-too-large');
    }
    chunks.push(chunk);
  }
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
