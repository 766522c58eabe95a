import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { BrowserFormModel, Lang, ProcedureValidator } from '@ebok/forms-core/runtime/base';
import { EbokElement } from '../internal/ebok-element.js';
import { currentLang, requestedLang, t, useLang } from '../localization.js';
import { renderCheck } from './check-page.js';
import { submittable, type JsonObject } from './data.js';
import { JourneyController, type ProcedureDefinition } from './journey.js';
import { signViews } from './later-views.js';
import { renderLoadFailed } from './load-failed.js';
import { journeyStyles } from './procedure-form.styles.js';
import { renderStartPage } from './start-page.js';
import { renderStep } from './step-page.js';
import type { SubmissionReceipt } from './submit.js';
import { loadTexts, type TextsLoader } from './texts.js';

/**
 * The resident's journey through one procedure: a start page, one step per topic with
 * validation as they go, "check your answers", signing, sending and the receipt. Each generated
 * element (`<ebok-usc-odpis-aktu>` …) is this class with its procedure's model and validator.
 * A certificate that is not the person the answers name as the signer does not sign: the signing
 * step says so, and links to the answer to correct, before the office would refuse it.
 *
 * Answers are kept in the browser (IndexedDB) until the application is registered, so a reload
 * or a lost connection loses nothing; a failed send is retried with the same Idempotency-Key.
 *
 * @attr endpoint - The intake server's URL; by default the origin the widgets were loaded from.
 * @attr lang - pl, en or uk; by default the nearest `lang` of the page.
 * @attr qualified-signature-url - A page on how to sign with a qualified signature, linked when a
 *   resident signs with a file (read from this element or the `<ebok-form>` around it).
 * @attr personal-signature-url - A page on how to sign with podpis osobisty (the e-ID card), linked the same way.
 * @attr applications-url - The page with `<ebok-applications>`: the receipt links to it to follow the application
 *   (read the same way).
 * @attr start - `first-step`: open on the first step, without the start page, for a page that itself says what the
 *   application is for, the fee and what to prepare. A draft is then offered above the first step; the fee and how
 *   to sign are on "check your answers" either way.
 * @event {EbokStepEvent} ebok-step - The form shows another page: `detail.page` (`start`, `step`, `check`, `sign`,
 *   `receipt`), on a step its `step` id and `index` (from 0), `count` (the steps), the page's `title` as shown.
 * @event {EbokInvalidEvent} ebok-invalid - Continuing from a step found answers to correct: `detail.step`, `index`,
 *   `fields` (their JSON Pointers; never the values).
 * @event {EbokDraftRestoredEvent} ebok-draft-restored - The answers kept in this browser were taken back:
 *   `detail.savedAt`, `step` (where the draft goes on from).
 * @event {EbokDirtyEvent} ebok-dirty - `detail.dirty`: `true` when the resident first changes an answer, `false`
 *   when the application is registered.
 * @event {EbokSubmittedEvent} ebok-submitted - The application was registered; `detail` is the server's receipt.
 * @cssprop --ebok-color-text - Text colour.
 * @cssprop --ebok-color-background - Background colour.
 * @cssprop --ebok-color-link - Links and link-like buttons.
 * @cssprop --ebok-color-button - Background of the main buttons.
 * @cssprop --ebok-color-button-text - Text of the main buttons.
 * @cssprop --ebok-color-error - Errors and the error summary.
 * @cssprop --ebok-color-focus - The focus ring.
 * @cssprop --ebok-color-panel - The confirmation panel on the receipt.
 * @cssprop --ebok-font-family - The font.
 * @cssprop --ebok-max-width - The widest the form grows.
 */
export class ProcedureForm<T = unknown> extends EbokElement {
  static readonly model: BrowserFormModel;
  static readonly validator: ProcedureValidator;
  /**
   * The model's English and Ukrainian texts (and those of the validator's own messages), loaded
   * when a resident switches language.
   */
  static readonly texts: Readonly<Partial<Record<Lang, TextsLoader>>> = {};
  static override styles = journeyStyles;

  static override properties = {
    endpoint: {},
    lang: { reflect: true },
    start: {},
  };

  declare endpoint: string;
  declare lang: string;
  /** `first-step`: the journey opens on its first step, without the start page. */
  declare start: string;

  // The generated element's static model and validator.
  readonly #journey = new JourneyController(this, this.constructor as unknown as ProcedureDefinition);

  constructor() {
    super();
    this.endpoint = '';
  }

  /** The answers as they would be submitted now (hidden and empty fields left out). */
  get value(): T {
    return submittable(this.#journey.model.fields, this.#journey.data) as T;
  }

  /** Fills the form (e.g. with what an office already knows); kept as a draft like typed answers. */
  set value(value: T) {
    this.#journey.fill((value && typeof value === 'object' ? { ...(value as JsonObject) } : {}) as JsonObject);
  }

  /**
   * Shows the receipt page for a receipt the intake server issued (`201` of `POST /v1/submissions`
   * or `GET /v1/receipts/{registryNumber}`), e.g. to show again one a resident kept. The downloads
   * offer the receipt and its signature; the application's own files only after sending from here.
   */
  showReceipt(receipt: SubmissionReceipt): void {
    this.#journey.showReceipt(receipt);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLang(requestedLang(this));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') && this.lang) void useLang(requestedLang(this));
    // The model's and the validator's texts in the resident's language, if the form came without them.
    const { model, validator } = this.#journey;
    const lang = currentLang();
    loadTexts(model, validator, lang, (this.constructor as typeof ProcedureForm).texts[lang])?.then(
      () => this.requestUpdate(),
      (e: unknown) => console.error('ebok:', e),
    );
  }

  override render(): TemplateResult {
    const journey = this.#journey;
    const { procedure } = journey.model;
    return html`
      <section aria-labelledby="title">
        <span class="caption" id="title-caption">${t(procedure.title)}</span>
        ${
          journey.phase === 'start'
            ? renderStartPage(procedure, journey.draftSavedAt, (fresh) => journey.start(fresh))
            : journey.phase === 'step'
              ? renderStep(journey)
              : journey.phase === 'check'
                ? renderCheck(journey)
                : journey.phase === 'sign'
                  ? (signViews.value?.renderSign(journey, this.endpoint) ??
                    renderLoadFailed(journey, () => journey.back()))
                  : (signViews.value?.renderReceipt(journey.receipt!, journey.signed, procedure, this.renderRoot) ??
                    renderLoadFailed(journey))
        }
        <div class="visually-hidden" role="status" aria-live="polite">${journey.status}</div>
      </section>
    `;
  }
}
