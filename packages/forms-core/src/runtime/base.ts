/**
 * The runtime with Polish messages only, for bundles that load other languages when a resident
 * switches (`addMessages` with `@ebok/forms-core/runtime/messages/en` or `…/uk`). Everything else
 * is the same as `@ebok/forms-core/runtime`, which has every language.
 */
export * from './types.js';
export { evaluateCondition, jsonEqual } from './condition.js';
export { toIssues, type RawSchemaError } from './errors.js';
export { addMessages, messageFor, type Message, type MessageParams, type MessageTable } from './messages.js';
export { escapePointerSegment, pointerPattern, valuesAt } from './pointer.js';
export { expectedSigner, expectedSigners, type ExpectedSigner } from './signer.js';
export { acceptedSignatures, SIGNATURE_KINDS, STATUTORY_SIGNATURES } from './signatures.js';
export { checkAttachments, isAttachmentRequired } from './attachments.js';
export {
  createValidator,
  type ProcedureValidator,
  type RawValidateFunction,
  type SchemaValidator,
} from './validator.js';
export { validatorFormats, KNOWN_FORMATS } from './validator-formats.js';
export { default as ucs2length } from './ucs2length.js';
export { default as equal } from './equal.js';
export { addTexts, forEachText } from './texts.js';
