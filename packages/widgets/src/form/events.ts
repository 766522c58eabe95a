import type { SubmissionReceipt } from './submit.js';

/**
 * An event of a form for the page around it: it bubbles and crosses shadow roots, so a listener on
 * `<ebok-form>`, on the procedure's element or on the document hears it (its `target` there is the
 * `<ebok-form>`, whose `procedure` tells several forms apart). A detail never holds what the
 * resident typed: only ids, positions, JSON Pointers and the form's own texts.
 */
export class EbokEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

/** The application was registered: `detail` is the server's receipt (register number, time, department). */
export class EbokSubmittedEvent extends EbokEvent<SubmissionReceipt> {
  static readonly type = 'ebok-submitted';
  constructor(receipt: SubmissionReceipt) {
    super(EbokSubmittedEvent.type, receipt);
  }
}

/** A page of the journey: the start page, a step, "check your answers", signing, the receipt. */
export type EbokPage = 'start' | 'step' | 'check' | 'sign' | 'receipt';

/** `ebok-step`: the form shows another page. */
export interface EbokStepDetail {
  readonly page: EbokPage;
  /** On a step: the step's id in the procedure. */
  readonly step?: string;
  /** On a step: its position, from 0. */
  readonly index?: number;
  /** How many steps the procedure has. */
  readonly count: number;
  /** The page's heading as shown, in the current language (a step's title on a step). */
  readonly title: string;
}

/** `ebok-invalid`: continuing from a step found answers to correct. */
export interface EbokInvalidDetail {
  readonly step: string;
  readonly index: number;
  /** JSON Pointers of the answers to correct (`/applicant/pesel`, `/attachments/photo`), in the order shown. */
  readonly fields: readonly string[];
}

/** `ebok-draft-restored`: the form took the answers kept in this browser; it offers to go on or start anew. */
export interface EbokDraftRestoredDetail {
  /** When the draft was saved (ISO 8601). */
  readonly savedAt: string;
  /** The step the draft goes on from. */
  readonly step: string;
}

/** `ebok-dirty`: the resident changed an answer for the first time (`true`), or the application was registered (`false`). */
export interface EbokDirtyDetail {
  readonly dirty: boolean;
}

export type EbokStepEvent = EbokEvent<EbokStepDetail>;
export type EbokInvalidEvent = EbokEvent<EbokInvalidDetail>;
export type EbokDraftRestoredEvent = EbokEvent<EbokDraftRestoredDetail>;
export type EbokDirtyEvent = EbokEvent<EbokDirtyDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ebok-submitted': EbokSubmittedEvent;
    'ebok-step': EbokStepEvent;
    'ebok-invalid': EbokInvalidEvent;
    'ebok-draft-restored': EbokDraftRestoredEvent;
    'ebok-dirty': EbokDirtyEvent;
  }
}
