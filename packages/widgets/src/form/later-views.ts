/** Code that comes after the form's own: loaded once for every form on the page, when first needed. */
export interface LaterCode<T> {
  /** The code, once it has come. */
  readonly value: T | undefined;
  /** It is on its way. */
  readonly loading: boolean;
  /** Loads it unless it is in or on its way; a load that failed (a lost connection) is tried again. */
  load(): Promise<T>;
}

/** `load` as code that comes later; exported for its tests. */
export function later<T>(load: () => Promise<T>): LaterCode<T> {
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
 * "Check your answers" reads the answers back with this code (check-page.ts shows the page): it
 * comes when a resident reaches the last step, so it is there by the time they continue.
 */
export const checkViews = later(() => import('./answers.js'));

/**
 * The signing step, sending and the receipt: their code comes when a resident goes on to sign,
 * with the signing code that loads then too, or when a receipt is shown; not before.
 */
export const signViews = later(() =>
  Promise.all([import('./sign-step.js'), import('./receipt.js')]).then(([sign, receipt]) => ({
    renderSign: sign.renderSign,
    renderReceipt: receipt.renderReceipt,
  })),
);
