import { messageFor } from '@ebok/forms-core/runtime/base';
import { t } from '../localization.js';

/**
 * A built-in message from forms-core's tables (`required`, `maxLength`, `format.pesel`,
 * `attachment.too-large` …) in the active language, so a control says exactly what the
 * validator and the server would say.
 */
export function coreMessage(code: string, params?: Readonly<Record<string, unknown>>): string {
  return t(messageFor(code, params));
}
