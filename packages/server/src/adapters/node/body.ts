import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { BodyCollector } from '../../core/request-body.js';
import { Problem } from '../../core/problems.js';

const LARGE_BODY_BYTES = 256 * 1024;

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
    const body = new BodyCollector(maxBytes, Number.isInteger(declared) ? declared : undefined);
    const stop = () => {
      incoming.off('data', data).off('end', end).off('error', fail).off('close', closed);
    };
    let received = 0;
    const data = (chunk: Buffer) => {
      if (!body.add(chunk)) {
        stop();
        incoming.resume(); // drain the rest without keeping it
        reject(new Problem('request-too-large'));
        return;
      }
      // A large body is taken a chunk per turn of the event loop: the socket may have megabytes
      // waiting, which Node would otherwise hand over in one go.
      received += chunk.length;
      if (received > LARGE_BODY_BYTES) {
        incoming.pause();
        setImmediate(() => incoming.resume());
      }
    };
    const end = () => {
      stop();
      const whole = body.finish();
      resolve(new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength));
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
