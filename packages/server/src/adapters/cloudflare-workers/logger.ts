import type { Logger } from '../../core/platform.js';

/** Structured JSON logs, one object a line, on the console (Workers Logs and `wrangler tail` keep them). */
export function jsonLogger(write: (line: string) => void = (l) => console.log(l.trimEnd())): Logger {
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
