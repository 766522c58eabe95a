import { formats as validatorFormats, formatWarnings } from '../formats/index.js';
import { checkAttachments } from './attachments.js';
import { toIssues, type RawSchemaError } from './errors.js';
import { messageFor } from './messages.js';
import { valuesAt } from './pointer.js';
import type { AttachmentRef, ValidationIssue, ValidationResult, ValidatorSpec } from './types.js';

/** An ajv validate function, compiled in memory or standalone: only its call shape matters. */
export interface RawValidateFunction {
  (data: unknown): boolean;
  errors?: readonly RawSchemaError[] | null;
}

/** A generated standalone validator of one schema (an API body): a type guard, with its last errors. */
export interface SchemaValidator<T> {
  (data: unknown): data is T;
  errors?: readonly RawSchemaError[] | null;
}

export interface ProcedureValidator<T = unknown> {
  readonly id: string;
  readonly version: string;
  readonly spec: ValidatorSpec;
  /** Validates the form data; with attachments, also checks them against the procedure. */
  validate(data: unknown, attachments?: readonly AttachmentRef[]): ValidationResult<T>;
  /** Only the attachment checks (known, allowed type and size, required ones present). */
  validateAttachments(data: unknown, attachments: readonly AttachmentRef[]): ValidationIssue[];
  /** Only the warnings (never block a submission). */
  warnings(data: unknown): ValidationIssue[];
}

function collectWarnings(spec: ValidatorSpec, data: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const { path, format } of spec.warnings) {
    const warning = formatWarnings[format];
    if (!warning) continue;
    for (const { pointer, value } of valuesAt(data, path)) {
      // A value that fails the format itself already has an error; warn only about valid ones.
      if (typeof value === 'string' && validatorFormats[format]?.(value) === true && !warning.check(value)) {
        out.push({ pointer, code: warning.code, message: messageFor(warning.code)! });
      }
    }
  }
  return out;
}

/**
 * Wraps an ajv validate function (the generated standalone one in production, an in-memory one
 * in the compiler's tests) with what the schema alone cannot say: readable issues in three
 * languages, attachment checks and warnings.
 */
export function createValidator<T = unknown>(raw: RawValidateFunction, spec: ValidatorSpec): ProcedureValidator<T> {
  const validateAttachments = (data: unknown, attachments: readonly AttachmentRef[]): ValidationIssue[] =>
    checkAttachments(spec.attachments, data, attachments);
  const warnings = (data: unknown): ValidationIssue[] => collectWarnings(spec, data);
  return {
    id: spec.id,
    version: spec.version,
    spec,
    validate(data, attachments) {
      const ok = raw(data);
      const errors = ok ? [] : toIssues(raw.errors, spec.messages);
      if (attachments) errors.push(...validateAttachments(data, attachments));
      const valid = errors.length === 0;
      return valid
        ? { valid, errors, warnings: warnings(data), data: data as T }
        : { valid, errors, warnings: warnings(data) };
    },
    validateAttachments,
    warnings,
  };
}
