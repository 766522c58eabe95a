import { messageFor } from './messages.js';
import { escapePointerSegment, pointerPattern } from './pointer.js';
import type { Text, ValidationIssue, ValidatorSpec } from './types.js';

/** The shape of an ajv error that the validators produce (ajv's ErrorObject, reduced). */
export interface RawSchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly schemaPath?: string;
}

// Keywords whose failure only says that a sub-schema failed; the sub-schema's own errors explain it.
const WRAPPER_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', '$ref']);

const FALLBACK: Text = {
  pl: 'Nieprawidłowa wartość.',
  en: 'Invalid value.',
  uk: 'Неправильне значення.',
};

function issuePointer(error: RawSchemaError): string {
  const p = error.params;
  const child =
    error.keyword === 'required' || error.keyword === 'dependentRequired'
      ? p['missingProperty']
      : error.keyword === 'additionalProperties'
        ? p['additionalProperty']
        : error.keyword === 'unevaluatedProperties'
          ? p['unevaluatedProperty']
          : undefined;
  return typeof child === 'string' ? `${error.instancePath}/${escapePointerSegment(child)}` : error.instancePath;
}

/**
 * Turns raw schema errors into issues: the field's pointer, a stable code and a message in
 * pl/en/uk, using a schema's own `x-ebok-error` message where it gave one. Duplicates go.
 */
export function toIssues(
  errors: readonly RawSchemaError[] | null | undefined,
  customMessages: ValidatorSpec['messages'] = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) continue;
    const pointer = issuePointer(error);
    const code =
      error.keyword === 'format'
        ? `format.${String(error.params['format'])}`
        : // A `false` schema (a field not allowed here): ajv names it "false schema".
          error.keyword === 'false schema'
          ? 'false'
          : error.keyword;
    const key = `${pointer} ${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const candidates = customMessages[`${pointerPattern(error.instancePath)} ${error.keyword}`];
    const custom =
      candidates &&
      (candidates.find((c) => c.at !== undefined && error.schemaPath?.endsWith(`${c.at}/${error.keyword}`)) ??
        candidates[0]);
    // A box that must be ticked (`"const": true`) is a consent: its code stays `const`, its message its own.
    const consent = code === 'const' && error.params['allowedValue'] === true;
    const message = custom?.text ?? messageFor(consent ? 'consent' : code, error.params) ?? FALLBACK;
    issues.push({ pointer, code, message, params: error.params });
  }
  return issues;
}
