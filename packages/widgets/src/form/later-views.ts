import type { CertificateHolder } from '../certificate/signer-check.js';

/** The certificate a resident signs with, as the signing step shows it. */
export interface CredentialSummary {
  readonly summary: CertificateHolder & { readonly notAfter: Date };
}

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

/**
 * The resident's certificate in this browser, if it can still sign, loaded with the signing code
 * at the signing step; the enrolment's code starts coming too, as the step shows it when there is
 * none.
 */
export async function usableCredential(): Promise<CredentialSummary | undefined> {
  void import('../certificate/ebok-certificate.js');
  const signing = await import('../signing/index.js');
  const loaded = await signing.loadCredential().catch(() => undefined);
  return loaded && loaded.summary.notAfter.getTime() > Date.now() ? { summary: loaded.summary } : undefined;
}

/**
 * One form's pages and the code they load later: each page loads what it needs when it is shown
 * (the last step loads "check your answers" ahead, and goes on without it). A page whose code
 * cannot come (a lost connection) says so until the resident asks to try again or goes to
 * another page, which loads it again.
 */
export interface LaterPages {
  /** Whether the shown page's code could not come. */
  readonly failed: boolean;
  /** Whether code is on its way (a view still loading takes the focus once it is in). */
  readonly loading: boolean;
  /** Loads what `page` needs; `anew` when the resident has just come to it. */
  show(page: { readonly phase: string; readonly lastStep: boolean; readonly anew: boolean }): void;
  /** Tries the code that could not come again, as the page renders next. */
  retry(): void;
}

/** A form's later pages; `onFailure` runs when the shown page's code could not come, before it renders again. */
export function laterPages(rerender: () => void, onFailure: () => void): LaterPages {
  let failed: LaterCode<unknown> | undefined;
  const need = (code: LaterCode<unknown>): void => {
    if (!code.value && code !== failed)
      code.load().then(rerender, (e: unknown) => {
        console.error('ebok:', e);
        failed = code;
        onFailure();
        rerender();
      });
  };
  return {
    get failed() {
      return failed !== undefined;
    },
    get loading() {
      return checkViews.loading || signViews.loading;
    },
    show: ({ phase, lastStep, anew }) => {
      if (anew) failed = undefined;
      if (lastStep || phase === 'check') need(checkViews);
      if (phase === 'sign' || phase === 'receipt') need(signViews);
    },
    retry: () => {
      failed = undefined;
      rerender();
    },
  };
}
