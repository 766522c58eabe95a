import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { Problem } from '../../core/problems.js';

/**
 * Reads a request body straight from Node's IncomingMessage, counting bytes against the limit:
 * @hono/node-server would otherwise turn it into a web ReadableStream first, which costs more
 * than the rest of a small request (and so would an async iterator). Falls back to the standard
 * Request when not on Node.
 */
export function readIncomingBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead) return c.req.arrayBuffer().then((b) => new Uint8Array(b));
  const declared = Number(incoming.headers['content-length']);
  if (declared > maxBytes) return Promise.reject(new Problem('request-too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', data).off('end', end).off('error', fail).off('close', closed);
    };
    const data = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        incoming.resume(); // drain the rest without keeping it
        reject(new Problem('request-too-large'));
      } else chunks.push(chunk);
    };
    const end = () => {
      stop();
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    };
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    // Closed before its end: the client went away mid-body.
    const closed = () => fail(new Error('the request was closed before its body ended'));
    incoming.on('data', data).on('end', end).on('error', fail).on('close', closed);
  });
}
