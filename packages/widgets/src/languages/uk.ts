// Ukrainian for every widget on the page, loaded when a resident switches to it: the widgets' own
// texts and forms-core's validation messages, in one request.
import { addMessages } from '@ebok/forms-core/runtime/base';
import { UK_MESSAGES } from '@ebok/forms-core/runtime/messages/uk';

addMessages('uk', UK_MESSAGES);

export { templates } from '../generated/locales/uk.js';
