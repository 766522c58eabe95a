import type { Logger } from '../../core/platform.js';

const flushers = new Set<() => void>();
let exitHook = false;

/**
 * Structured JSON logs, one object a line, on standard output. Lines logged in one turn of the
 * event loop go out in one write (a busy server logs a line per submission); warnings and errors
 * go out at once, and whatever is waiting is written before the process exits.
 */
export function jsonLogger(write: (text: string) => void = (t) => process.stdout.write(t)): Logger {
  let waiting: string[] = [];
  const flush = () => {
    if (waiting.length === 0) return;
    const text = waiting.join('');
    waiting = [];
    flushers.delete(flush);
    write(text);
  };
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => flushers.forEach((f) => f()));
  }
  const log =
    (level: string, urgent: boolean) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (waiting.length === 0 && !urgent) {
        flushers.add(flush);
        setImmediate(flush);
      }
      waiting.push(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
      if (urgent) flush();
    };
  return { info: log('info', false), warn: log('warn', true), error: log('error', true) };
}
