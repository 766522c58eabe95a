/**
 * What `ebok-forms new` writes where a person must still write something. A text that starts
 * with it compiles (so a new procedure can be tried in a form at once) but does not pass
 * `ebok-forms check`.
 */
export const TODO_MARKER = 'TODO';

export const isTodo = (v: unknown): boolean => typeof v === 'string' && v.trimStart().startsWith(TODO_MARKER);
