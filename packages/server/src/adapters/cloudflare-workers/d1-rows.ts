/** D1 hands BLOB columns back as arrays of numbers (or buffers, depending on the runtime version). */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  throw new TypeError('not a BLOB value');
}

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error && /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(e.message);
