/**
 * What generated code imports, and what clients use to work with form models and results: the
 * runtime with its messages in every language (pl, en, uk).
 */
import { addMessages } from './messages.js';
import { EN_MESSAGES } from './messages/en.js';
import { UK_MESSAGES } from './messages/uk.js';

export * from './base.js';
export { FORMAT_MESSAGES, KEYWORD_MESSAGES, OTHER_MESSAGES } from './messages/all.js';

addMessages('en', EN_MESSAGES);
addMessages('uk', UK_MESSAGES);
