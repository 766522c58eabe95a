import { later, type LaterCode } from './later-views.js';
import { addTexts, type BrowserFormModel, type Lang, type ProcedureValidator } from '@ebok/forms-core/runtime/base';

/** Loads a procedure's texts in one more language: the form model's and the validator's own messages. */
export type TextsLoader = () => Promise<{ default: readonly string[]; messages?: readonly string[] }>;

const loads = new WeakMap<BrowserFormModel, Map<Lang, LaterCode<void>>>();

/**
 * Adds the model's and the validator's texts in `lang` if they came without them, once for every
 * form of the procedure on the page; a load that failed (a lost connection) is tried again on the
 * next call. Resolves when they are in; undefined when there is nothing to load.
 */
export function loadTexts(
  model: BrowserFormModel,
  validator: ProcedureValidator,
  lang: Lang,
  load: TextsLoader | undefined,
): Promise<void> | undefined {
  if ((model.procedure.title as Partial<Record<Lang, string>>)[lang] !== undefined || !load) return undefined;
  if (!loads.has(model)) loads.set(model, new Map());
  const byLang = loads.get(model)!;
  let texts = byLang.get(lang);
  if (!texts) {
    texts = later(() =>
      load().then((m) => {
        if (!addTexts(model, lang, m.default)) throw new Error(`the ${lang} texts do not fit the form model`);
        if (m.messages && !addTexts(validator.spec.messages, lang, m.messages))
          throw new Error(`the ${lang} texts do not fit the validator's messages`);
      }),
    );
    byLang.set(lang, texts);
  }
  return texts.load();
}
