/** @module JSON bodies within their limits: nesting checked in one pass over the text before it is parsed. */
import { Problem } from './problems.js';

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`: one pass over the text,
 * skipping strings, that allocates nothing. It runs before `JSON.parse`, whose time and memory
 * a deeply nested body would otherwise decide. (Text that is not JSON passes; the parser
 * refuses it next.)
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON request body already bounded in bytes: UTF-8, nesting, then an object. */
export function parseJsonBody(bytes: Uint8Array, maxDepth: number): Record<string, unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Problem('bad-request', 'the body is not UTF-8');
  }
  if (exceedsJsonDepth(text, maxDepth)) throw new Problem('json-too-deep', `more than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Problem('bad-request', 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Problem('bad-request', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}
