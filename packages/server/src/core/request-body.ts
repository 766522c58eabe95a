/** @module Request bodies read as they arrive and refused past their limit, before they grow memory. */
import { Problem } from './problems.js';

/**
 * A request body gathered as it arrives, refused past its limit. Small bodies (nearly every
 * one) stay as the chunks they came in; past `SPREAD_BYTES` the body moves into one buffer of
 * its final size (as declared, or the limit), into which each later chunk is copied on arrival.
 * Copying a large body at its end would hold the event loop for as long as the machine takes to
 * map and fill that much fresh memory (tens of milliseconds for megabytes on a small VM); done
 * chunk by chunk, the same work is spread over the turns in which the chunks come.
 */
export class BodyCollector {
  private chunks: Uint8Array[] = [];
  private target: Uint8Array | undefined;
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    /** The Content-Length, when the request has one (already checked against the limit). */
    private readonly declared?: number,
  ) {}

  /** Adds a chunk; false once the body is over its limit (nothing more should be read). */
  add(chunk: Uint8Array): boolean {
    const at = this.size;
    this.size += chunk.length;
    if (this.size > this.maxBytes) return false;
    if (this.target) {
      if (this.size > this.target.length) this.grow();
      this.target.set(chunk, at);
    } else {
      this.chunks.push(chunk);
      if (this.size > SPREAD_BYTES) {
        this.target = new Uint8Array(Math.max(this.size, Math.min(this.declared ?? this.maxBytes, this.maxBytes)));
        let offset = 0;
        for (const c of this.chunks) {
          this.target.set(c, offset);
          offset += c.length;
        }
        this.chunks = [];
      }
    }
    return true;
  }

  /** The whole body, as one view. */
  finish(): Uint8Array {
    if (this.target) return this.target.subarray(0, this.size);
    if (this.chunks.length === 1) return this.chunks[0]!;
    const body = new Uint8Array(this.size);
    let offset = 0;
    for (const c of this.chunks) {
      body.set(c, offset);
      offset += c.length;
    }
    return body;
  }

  // A body longer than it declared (the HTTP layer refuses those; this is only a guard).
  private grow(): void {
    const bigger = new Uint8Array(this.maxBytes);
    bigger.set(this.target!);
    this.target = bigger;
  }
}

/** Below this, a body is kept as its chunks and joined once at the end (a copy of microseconds). */
const SPREAD_BYTES = 256 * 1024;

/** Reads a request body, refusing it as soon as it passes `maxBytes` (declared or counted). */
export async function readRequestBody(c: { req: { raw: Request } }, maxBytes: number): Promise<Uint8Array> {
  const request = c.req.raw;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new Problem('request-too-large');
  if (!request.body) return new Uint8Array(0);
  const body = new BodyCollector(maxBytes, Number.isInteger(declared) ? declared : undefined);
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.finish();
    if (!body.add(value)) {
      await reader.cancel();
      throw new Problem('request-too-large');
    }
  }
}
