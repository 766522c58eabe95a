/** What generated code imports, and what clients use to work with form models and results. */
export * from './types.js';
export { evaluateCondition, jsonEqual } from './condition.js';
export { toIssues, type RawSchemaError } from './errors.js';
export { FORMAT_MESSAGES, KEYWORD_MESSAGES, OTHER_MESSAGES, messageFor } from './messages.js';
export { escapePointerSegment, pointerPattern, valuesAt } from './pointer.js';
export { checkAttachments, isAttachmentRequired } from './attachments.js';
export { createValidator, type ProcedureValidator, type RawValidateFunction } from './validator.js';
export { validatorFormats, KNOWN_FORMATS } from './validator-formats.js';
export { default as ucs2length } from './ucs2length.js';
export { default as equal } from './equal.js';
export { addTexts, forEachText } from './texts.js';
