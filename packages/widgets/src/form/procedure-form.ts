import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  type Lang,
  type BrowserFormModel,
  type Json,
  type ProcedureValidator,
  type StepModel,
} from '@ebok/forms-core/runtime/base';
import { EbokElement } from '../internal/ebok-element.js';
import { currentLang, requestedLang, t, useLang } from '../localization.js';
import { setAt, submittable, type JsonObject } from './data.js';
import { keepDraft, type AttachedFile, type Draft, type SignedSubmission } from './drafts.js';
import { journeyStyles } from './procedure-form.styles.js';
import type { SubmissionReceipt } from './submit.js';
import type { CredentialSummary, SignHost } from './sign-step.js';
import { renderCheck, type CheckHost } from './check-page.js';
import { EbokSubmittedEvent } from './events.js';
import type { FieldHost } from './fields.js';
import { laterPages, signViews, usableCredential } from './later-views.js';
import { renderLoadFailed } from './load-failed.js';
import { renderStartPage } from './start-page.js';
import { renderErrorSummary, renderStep, stepErrors, type Phase, type ShownError, type StepHost } from './step-page.js';
import { loadTexts, type TextsLoader } from './texts.js';

/** What a generated procedure element sets: its form model and its validator. */
export interface ProcedureDefinition {
  readonly model: BrowserFormModel;
  readonly validator: ProcedureValidator;
}

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
 * @event ebok-submitted - The application was registered; `detail` is the server's receipt.
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
    phase: { state: true },
    step: { state: true },
    data: { state: true },
    attachments: { state: true },
    errors: { state: true },
    busy: { state: true },
    status: { state: true },
    receipt: { state: true },
    credential: { state: true },
    draftSavedAt: { state: true },
    returnToCheck: { state: true },
  };

  declare endpoint: string;
  declare lang: string;
  declare protected phase: Phase;
  declare protected step: number;
  declare protected data: JsonObject;
  declare protected attachments: Readonly<Record<string, AttachedFile>>;
  declare protected errors: readonly ShownError[];
  declare protected busy: boolean;
  declare protected status: string;
  declare protected receipt: SubmissionReceipt | undefined;
  declare protected credential: CredentialSummary | undefined;
  declare protected draftSavedAt: string | undefined;
  declare protected returnToCheck: boolean;

  #signed: SignedSubmission | undefined;
  /** The journey as its pages (step-page.ts, fields.ts, check-page.ts, sign-step.ts) see it. */
  readonly #host: FieldHost & StepHost & CheckHost & SignHost = ((form) => ({
    get endpoint() {
      return form.endpoint;
    },
    get model() {
      return form.#model;
    },
    get validator() {
      return form.definition.validator;
    },
    get renderRoot() {
      return form.renderRoot;
    },
    get updateComplete() {
      return form.updateComplete;
    },
    get phase() {
      return form.phase;
    },
    get step() {
      return form.step;
    },
    get returnToCheck() {
      return form.returnToCheck;
    },
    get data() {
      return form.data;
    },
    get attachments() {
      return form.attachments;
    },
    get credential() {
      return form.credential;
    },
    get busy() {
      return form.busy;
    },
    get errors() {
      return form.errors;
    },
    get signed() {
      return form.#signed;
    },
    set signed(signed) {
      form.#signed = signed;
    },
    errorFor: (pointer: string) => form.#errorFor(pointer),
    setAnswer: (pointer: string, value: Json | undefined) => form.#setAnswer(pointer, value),
    setAttachment: (name: string, attached: AttachedFile | undefined) => form.#setAttachment(name, attached),
    set: ({ focusAfterRender, ...state }) => {
      Object.assign(form, state);
      // Private (#): Object.assign would make a public property of that name instead.
      if (focusAfterRender) form.#focusAfterRender = focusAfterRender;
    },
    saveDraft: () => form.#draft.save(),
    loadCredential: () => form.#loadCredential(),
    sent: (receipt) => form.#sent(receipt),
    continueFrom: (step) => form.#continueFrom(step),
    change: (step, focus) => {
      form.returnToCheck = true;
      form.#go('step', step, focus);
    },
    toSign: () => form.#go('sign'),
    back: () => form.#back(),
    errorSummary: () => renderErrorSummary(form.#host),
    loadFailed: () => form.#loadFailed(),
  }))(this);
  readonly #draft = keepDraft(this.#host);
  #focusAfterRender: string | undefined;
  readonly #later = laterPages(
    () => this.requestUpdate(),
    () => {
      if (this.phase !== 'step') this.#focusAfterRender = '.load-failed';
    },
  );
  #draftLoaded = false;
  #valueGiven = false;

  constructor() {
    super();
    this.endpoint = '';
    this.phase = 'start';
    this.step = 0;
    this.data = {};
    this.attachments = {};
    this.errors = [];
    this.busy = false;
    this.status = '';
    this.returnToCheck = false;
  }

  protected get definition(): ProcedureDefinition {
    const ctor = this.constructor as unknown as ProcedureDefinition;
    return { model: ctor.model, validator: ctor.validator };
  }

  get #model(): BrowserFormModel {
    return this.definition.model;
  }

  /** The answers as they would be submitted now (hidden and empty fields left out). */
  get value(): T {
    return submittable(this.#model.fields, this.data) as T;
  }

  /** Fills the form (e.g. with what an office already knows); kept as a draft like typed answers. */
  set value(value: T) {
    this.data = (value && typeof value === 'object' ? { ...(value as JsonObject) } : {}) as JsonObject;
    this.#signed = undefined;
    // Answers given by the page win over a draft, whether it was restored a moment before or not yet.
    this.#valueGiven = true;
    if (this.phase === 'start') {
      this.step = 0;
      this.draftSavedAt = undefined;
    }
    this.#draft.scheduleSave();
  }

  /**
   * Shows the receipt page for a receipt the intake server issued (`201` of `POST /v1/submissions`
   * or `GET /v1/receipts/{registryNumber}`), e.g. to show again one a resident kept. The downloads
   * offer the receipt and its signature; the application's own files only after sending from here.
   */
  showReceipt(receipt: SubmissionReceipt): void {
    this.receipt = receipt;
    this.phase = 'receipt';
    this.errors = [];
    this.status = '';
    this.#focusAfterRender = '.panel';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLang(requestedLang(this));
    if (!this.#draftLoaded) {
      this.#draftLoaded = true;
      void this.#draft.load().then((draft) => {
        if (draft && !this.#valueGiven && Object.keys(this.data).length === 0) this.#restore(draft);
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#draft.flush();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') && this.lang) void useLang(requestedLang(this));
    // The model's and the validator's texts in the resident's language, if the form came without them.
    const { model, validator } = this.definition;
    const lang = currentLang();
    loadTexts(model, validator, lang, (this.constructor as typeof ProcedureForm).texts[lang])?.then(
      () => this.requestUpdate(),
      (e: unknown) => console.error('ebok:', e),
    );
    this.#later.show({
      phase: this.phase,
      lastStep: this.phase === 'step' && this.step === this.#model.steps.length - 1,
      anew: (changed as PropertyValues).has('phase'), // protected: not among the keys `this` types
    });
  }

  protected override updated(): void {
    if (this.#focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender);
      // A view still loading takes the focus once it is in.
      if (!target && this.#later.loading) return;
      this.#focusAfterRender = undefined;
      target?.focus();
    }
  }

  #restore(draft: Draft): void {
    this.data = draft.data;
    this.attachments = draft.attachments;
    this.#signed = draft.signed;
    this.draftSavedAt = draft.savedAt;
    this.step = Math.min(draft.step, this.#model.steps.length - 1);
  }

  // ---- navigation ----

  #go(phase: Phase, step = this.step, focus = 'h2'): void {
    this.phase = phase;
    this.step = step;
    this.errors = [];
    this.status = '';
    this.#focusAfterRender = focus;
    this.#draft.scheduleSave();
    if (phase === 'sign') void this.#loadCredential();
  }

  #start(fresh: boolean): void {
    if (fresh) {
      this.data = {};
      this.attachments = {};
      this.#signed = undefined;
      void this.#draft.remove();
    }
    this.#go('step', fresh ? 0 : this.step);
  }

  #continueFrom(step: StepModel): void {
    const errors = stepErrors(this.#host, step);
    if (errors.length > 0) {
      this.errors = errors;
      this.#focusAfterRender = '.error-summary';
      return;
    }
    if (this.returnToCheck || this.step === this.#model.steps.length - 1) {
      this.returnToCheck = false;
      this.#go('check');
    } else {
      this.#go('step', this.step + 1);
    }
  }

  #back(): void {
    if (this.phase === 'step' && this.step === 0) this.#go('start');
    else if (this.phase === 'step') this.#go('step', this.step - 1);
    else if (this.phase === 'check') this.#go('step', this.#model.steps.length - 1);
    else if (this.phase === 'sign') this.#go('check');
  }

  // ---- answers ----

  #setAnswer(pointer: string, value: Json | undefined): void {
    this.data = setAt(this.data, pointer, value);
    // An answer changes what is signed: a signature made before no longer applies.
    this.#signed = undefined;
    if (this.errors.some((e) => e.pointer === pointer)) this.errors = this.errors.filter((e) => e.pointer !== pointer);
    this.#draft.scheduleSave();
  }

  #setAttachment(name: string, attached: AttachedFile | undefined): void {
    const next = { ...this.attachments };
    if (attached) next[name] = attached;
    else delete next[name];
    this.attachments = next;
    this.#signed = undefined;
    this.errors = this.errors.filter((e) => e.pointer !== `/attachments/${name}`);
    this.#draft.scheduleSave();
  }

  #errorFor(pointer: string): string {
    return this.errors.find((e) => e.pointer === pointer)?.message() ?? '';
  }

  // ---- signing and sending ----

  async #loadCredential(): Promise<void> {
    this.credential = await usableCredential();
  }

  async #sent(receipt: SubmissionReceipt): Promise<void> {
    this.receipt = receipt;
    await this.#draft.remove();
    this.phase = 'receipt';
    this.status = '';
    this.#focusAfterRender = '.panel';
    this.dispatchEvent(new EbokSubmittedEvent(receipt));
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const { procedure } = this.#model;
    return html`
      <section aria-labelledby="title">
        <span class="caption" id="title-caption">${t(procedure.title)}</span>
        ${
          this.phase === 'start'
            ? renderStartPage(procedure, this.draftSavedAt, (fresh) => this.#start(fresh))
            : this.phase === 'step'
              ? renderStep(this.#host, this.#model.steps[this.step]!)
              : this.phase === 'check'
                ? renderCheck(this.#host)
                : this.phase === 'sign'
                  ? (signViews.value?.renderSign(this.#host) ?? this.#loadFailed(() => this.#back()))
                  : (signViews.value?.renderReceipt(this.receipt!, this.#signed, this.#model.procedure) ??
                    this.#loadFailed())
        }
        <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      </section>
    `;
  }

  /** In place of a page whose code could not be loaded: a way to try again (and `back`); nothing otherwise. */
  #loadFailed(back?: () => void): TemplateResult | typeof nothing {
    const retry = () => {
      // Where the page's focus would have gone had its code come the first time.
      this.#focusAfterRender = this.phase === 'receipt' ? '.panel' : 'h2';
      this.#later.retry();
    };
    return this.#later.failed ? renderLoadFailed(retry, back) : nothing;
  }
}
