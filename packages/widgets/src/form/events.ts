import type { SubmissionReceipt } from './submit.js';

/** The application was registered: `detail` is the server's receipt (register number, time, department). */
export class EbokSubmittedEvent extends CustomEvent<SubmissionReceipt> {
  static readonly type = 'ebok-submitted';
  constructor(receipt: SubmissionReceipt) {
    super(EbokSubmittedEvent.type, { detail: receipt, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ebok-submitted': EbokSubmittedEvent;
  }
}
