import { addTexts, type BrowserFormModel, type Lang, type ProcedureValidator } from '@ebok/forms-core/runtime/base';

/** Loads a procedure's texts in one more language: the form model's and the validator's own messages. */
export type TextsLoader = () => Promise<{ default: readonly string[]; messages?: readonly string[] }>;

const loads = new WeakMap<BrowserFormModel, Map<Lang, Promise<void>>>();

/**
 * Adds the model's and the validator's texts in `lang` if they came without them, once for every
 * form of the procedure on the page. Resolves when they are in; undefined when there is nothing to load.
 */
export function loadTexts(
  model: BrowserFormModel,
  validator: ProcedureValidator,
  lang: Lang,
  load: TextsLoader | undefined,
): Promise<void> | undefined {
  if ((model.procedure.title as Partial<Record<Lang, string>>)[lang] !== undefined || !load) return undefined;
  let pending = loads.get(model)?.get(lang);
  if (!pending) {
    pending = load().then((m) => {
      if (!addTexts(model, lang, m.default)) throw new Error(`the ${lang} texts do not fit the form model`);
      if (m.messages && !addTexts(validator.spec.messages, lang, m.messages))
        throw new Error(`the ${lang} texts do not fit the validator's messages`);
    });
    if (!loads.has(model)) loads.set(model, new Map());
    loads.get(model)!.set(lang, pending);
  }
  return pending;
}
