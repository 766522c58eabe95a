// English for every widget on the page, loaded when a resident switches to it: the widgets' own
// texts and forms-core's validation messages, in one request.
import { addMessages } from '@ebok/forms-core/runtime/base';
import { EN_MESSAGES } from '@ebok/forms-core/runtime/messages/en';

addMessages('en', EN_MESSAGES);

export { templates } from '../generated/locales/en.js';
