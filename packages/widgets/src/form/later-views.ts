/** Code that comes after the form's own: loaded once for every form on the page, when first needed. */
export interface LaterCode<T> {
  /** The code, once it has come. */
  readonly value: T | undefined;
  /** It is on its way. */
  readonly loading: boolean;
  /** Loads it unless it is in or on its way; a load that failed (a lost connection) is tried again. */
  load(): Promise<T>;
}

function later<T>(load: () => Promise<T>): LaterCode<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get value() {
      return value;
    },
    get loading() {
      return !value && loading !== undefined;
    },
    load: () =>
      (loading ??= load().then(
        (v) => (value = v),
        (e: unknown) => {
          loading = undefined;
          throw e;
        },
      )),
  };
}

/**
 * The views after the last step: "check your answers", signing and sending, and the receipt.
 * Their code comes when a resident reaches the last step (or a receipt is shown), not with the form.
 */
export const laterViews = later(() =>
  Promise.all([import('./answers.js'), import('./sign-step.js'), import('./receipt.js')]).then(
    ([answers, sign, receipt]) => ({
      renderAnswers: answers.renderAnswers,
      renderSign: sign.renderSign,
      renderReceipt: receipt.renderReceipt,
    }),
  ),
);
