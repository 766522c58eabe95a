import type { ReactiveController } from 'lit';
import {
  escapePointerSegment,
  type BrowserFormModel,
  type Json,
  type ProcedureValidator,
  type StepModel,
} from '@ebok/forms-core/runtime/base';
import { t } from '../localization.js';
import { setAt, submittable, visibleFields, type JsonObject } from './data.js';
import {
  attachmentRefs,
  DraftController,
  type AttachedFile,
  type Draft,
  type DraftHost,
  type FileSubmission,
  type SignedSubmission,
} from './drafts.js';
import { EbokEvent, EbokSubmittedEvent, type EbokPage } from './events.js';
import { laterPages, usableCredential, type CredentialSummary } from './later-views.js';
import type { SubmissionReceipt } from './submit.js';

/** Where a resident is in the journey. */
export type Phase = EbokPage;

/** An error shown in the summary and next to its field: from the validator (three languages) or the server. */
export interface ShownError {
  readonly pointer: string;
  readonly message: () => string;
}

/** The element a journey runs in (a procedure's form): it renders the journey's pages. */
export interface JourneyHost extends DraftHost, EventTarget {
  readonly renderRoot: ParentNode;
  /** `first-step`: the journey opens on its first step, as the page around it says what the start page would. */
  readonly start?: string;
}

/**
 * The procedure a journey goes through: its form model and the validator of its answers (what a
 * generated procedure element sets).
 */
export interface ProcedureDefinition {
  readonly model: BrowserFormModel;
  readonly validator: ProcedureValidator;
}

/**
 * A resident's journey through one procedure, as a controller of the form that renders it: where
 * they are, their answers and attachments, the errors shown, the certificate and the signature, and
 * the receipt. Pages read the part of it they show and change it only through its methods, each of
 * which renders the form again. Where the focus goes after that is the journey's too, as is the
 * code a page loads later (later-views.ts); its draft is kept by a DraftController (drafts.ts).
 */
export class JourneyController implements ReactiveController {
  readonly model: BrowserFormModel;
  readonly validator: ProcedureValidator;
  phase: Phase = 'start';
  /** The step shown, or the one a draft goes on from. */
  step = 0;
  data: JsonObject = {};
  attachments: Readonly<Record<string, AttachedFile>> = {};
  errors: readonly ShownError[] = [];
  /**
   * The document as signed, until an answer changes: a retry sends the very same bytes. Or, to
   * be signed outside ebok, the document fixed and the signed file once given.
   */
  signed: SignedSubmission | FileSubmission | undefined;
  credential: CredentialSummary | undefined;
  /** Signing or sending is under way. */
  busy = false;
  /** What screen readers are told (the form's live region). */
  status = '';
  receipt: SubmissionReceipt | undefined;
  /** When the draft the resident may go on with was saved. */
  draftSavedAt: string | undefined;
  /** The resident came from "check your answers" to change an answer, and goes straight back there. */
  returnToCheck = false;
  /** The resident has changed an answer since the form came on the page, and not sent it yet. */
  dirty = false;

  readonly #host: JourneyHost;
  readonly #drafts: DraftController;
  /** What takes the focus once the form has rendered (a selector). */
  #focus: string | undefined;
  /** The page gave the answers: they win over a draft, whether it was restored a moment before or not yet. */
  #filled = false;
  /** The phase the last render loaded code for. */
  #shown: Phase | undefined;
  /** The page the last `ebok-step` told of. */
  #told: string | undefined;
  /** The step a draft goes on from. */
  #draftStep = 0;
  readonly #later = laterPages(
    () => this.#host.requestUpdate(),
    () => {
      if (this.phase !== 'step') this.#focus = '.load-failed';
    },
  );

  /** A journey through the procedure of `model`, whose answers `validator` checks, rendered by `host`. */
  constructor(host: JourneyHost, { model, validator }: ProcedureDefinition) {
    this.#host = host;
    this.model = model;
    this.validator = validator;
    host.addController(this);
    this.#drafts = new DraftController(host, this);
  }

  /** The form's shadow root, where the pages' fields are. */
  get root(): ParentNode {
    return this.#host.renderRoot;
  }

  /** Whether the journey opens on a start page (not when the page around it says what it would). */
  get startPage(): boolean {
    return this.#host.start !== 'first-step';
  }

  hostUpdate(): void {
    if (this.phase === 'start' && !this.startPage) this.phase = 'step';
    const { phase } = this;
    this.#later.show({
      phase,
      lastStep: phase === 'step' && this.step === this.model.steps.length - 1,
      anew: phase !== this.#shown,
    });
    this.#shown = phase;
  }

  hostUpdated(): void {
    const { phase, step, model } = this;
    const page = phase === 'step' ? `${phase} ${step}` : phase;
    // Told once the page's heading is in: a page whose code is still coming has none yet.
    const title = this.root.querySelector('h2')?.textContent?.trim();
    if (page !== this.#told && title) {
      this.#told = page;
      const count = model.steps.length;
      this.#emit(
        'ebok-step',
        phase === 'step'
          ? { page: phase, step: model.steps[step]!.id, index: step, count, title }
          : { page: phase, count, title },
      );
    }
    if (this.#focus) {
      const target = this.root.querySelector<HTMLElement>(this.#focus);
      // A view still loading takes the focus once it is in.
      if (!target && this.#later.loading) return;
      this.#focus = undefined;
      target?.focus();
    }
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  /** Tells the page around the form (events.ts). */
  #emit<K extends 'ebok-step' | 'ebok-invalid' | 'ebok-draft-restored' | 'ebok-dirty'>(
    type: K,
    detail: GlobalEventHandlersEventMap[K]['detail'],
  ): void {
    this.#host.dispatchEvent(new EbokEvent(type, detail));
  }

  /** Renders again, and saves the draft shortly. */
  #changed(): void {
    this.#drafts.scheduleSave();
    this.#update();
  }

  /** Moves the focus to `selector` once the form has rendered. */
  focusAfterRender(selector: string): void {
    this.#focus = selector;
  }

  // ---- the answers ----

  /** Answers given by the page (the form's `value`). */
  fill(data: JsonObject): void {
    this.data = data;
    this.signed = undefined;
    this.#filled = true;
    if (this.phase === 'start' || this.draftSavedAt) {
      this.step = 0;
      this.draftSavedAt = undefined;
    }
    this.#changed();
  }

  /** Goes on from a draft kept in this browser, unless the page gave answers or the resident has begun. */
  restore(draft: Draft): void {
    if (this.#filled || Object.keys(this.data).length > 0) return;
    this.data = draft.data;
    this.attachments = draft.attachments;
    this.signed = draft.signed;
    this.draftSavedAt = draft.savedAt;
    this.#draftStep = Math.min(draft.step, this.model.steps.length - 1);
    this.#emit('ebok-draft-restored', { savedAt: draft.savedAt, step: this.model.steps[this.#draftStep]!.id });
    this.#update();
  }

  setAnswer(pointer: string, value: Json | undefined): void {
    this.data = setAt(this.data, pointer, value);
    this.#answered(pointer);
  }

  setAttachment(name: string, attached: AttachedFile | undefined): void {
    const next = { ...this.attachments };
    if (attached) next[name] = attached;
    else delete next[name];
    this.attachments = next;
    this.#answered(`/attachments/${name}`);
  }

  #answered(pointer: string): void {
    // An answer changes what is signed: a signature made before no longer applies.
    this.signed = undefined;
    this.errors = this.errors.filter((e) => e.pointer !== pointer);
    if (!this.dirty) this.#emit('ebok-dirty', { dirty: (this.dirty = true) });
    this.#changed();
  }

  errorFor(pointer: string): string {
    return this.errors.find((e) => e.pointer === pointer)?.message() ?? '';
  }

  /**
   * Shows `errors` in the summary, which takes the focus. `refused`: the office refused the signed
   * document, so the answers may be corrected and signed again.
   */
  showErrors(errors: readonly ShownError[], refused?: boolean): void {
    if (refused) this.signed = undefined;
    this.errors = errors;
    this.#focus = '.error-summary';
    this.#update();
  }

  /** The validator's errors that belong to a step's fields and attachments, in the order they appear. */
  #errorsOf(step: StepModel): ShownError[] {
    const { model, data } = this;
    const result = this.validator.validate(submittable(model.fields, data), attachmentRefs(this.attachments));
    const prefixes = [
      ...step.fields.map((name) => `/${escapePointerSegment(name)}`),
      ...step.attachments.map((name) => `/attachments/${name}`),
    ];
    const order = new Map<string, number>();
    let i = 0;
    for (const { pointer } of visibleFields(model.fields, data)) order.set(pointer, i++);
    for (const spec of model.procedure.attachments) order.set(`/attachments/${spec.name}`, i++);
    const seen = new Set<string>();
    // One per field.
    return result.errors
      .filter(
        ({ pointer }) =>
          prefixes.some((p) => pointer === p || pointer.startsWith(`${p}/`)) && !seen.has(pointer) && seen.add(pointer),
      )
      .sort((a, b) => (order.get(a.pointer) ?? i) - (order.get(b.pointer) ?? i))
      .map((issue) => ({ pointer: issue.pointer, message: () => t(issue.message) }));
  }

  // ---- where the resident is ----

  /** Goes to a page: its heading takes the focus, or `focus` (a selector; '' leaves it to the caller). */
  goTo(phase: Phase, step = this.step, focus = 'h2'): void {
    this.phase = phase;
    this.step = step;
    this.draftSavedAt = undefined;
    this.errors = [];
    this.status = '';
    this.#focus = focus;
    this.#changed();
    if (phase === 'sign') void this.loadCredential();
  }

  /** From the start page, or the offer of a draft above the first step: anew, or on with the draft. */
  start(fresh: boolean): void {
    if (fresh) {
      this.data = {};
      this.attachments = {};
      this.signed = undefined;
      void this.#drafts.remove();
    }
    this.goTo('step', fresh || !this.draftSavedAt ? 0 : this.#draftStep);
  }

  /** Goes on from a step whose answers are valid, or shows its errors. */
  continueFrom(step: StepModel): void {
    const errors = this.#errorsOf(step);
    if (errors.length > 0) {
      this.showErrors(errors);
      this.#emit('ebok-invalid', { step: step.id, index: this.step, fields: errors.map((e) => e.pointer) });
    } else if (this.returnToCheck || this.step === this.model.steps.length - 1) {
      this.returnToCheck = false;
      this.goTo('check');
    } else this.goTo('step', this.step + 1);
  }

  /**
   * Back to a step to change an answer, and from there straight back to "check your answers";
   * `focus` as in goTo. Resolves once the step has rendered.
   */
  change(step: number, focus?: string): Promise<unknown> {
    this.returnToCheck = true;
    this.goTo('step', step, focus);
    return this.#host.updateComplete;
  }

  back(): void {
    const { phase, step } = this;
    if (phase === 'step') this.goTo(step ? 'step' : 'start', step ? step - 1 : 0);
    else if (phase === 'check') this.goTo('step', this.model.steps.length - 1);
    else if (phase === 'sign') this.goTo('check');
  }

  // ---- code that comes later ----

  /** Whether the shown page's code could not come (a lost connection). */
  get loadFailed(): boolean {
    return this.#later.failed;
  }

  /** Tries the page's code again; the focus goes where it would have gone had it come the first time. */
  retryLoad(): void {
    this.#focus = this.phase === 'receipt' ? '.panel' : 'h2';
    this.#later.retry();
  }

  // ---- signing and sending ----

  /** The resident's certificate in this browser, if it can still sign. */
  async loadCredential(): Promise<void> {
    this.useCredential(await usableCredential());
  }

  useCredential(credential: CredentialSummary | undefined): void {
    this.credential = credential;
    this.#update();
  }

  /** Signing or sending begins (the errors shown before go) or ends. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    if (busy) this.errors = [];
    this.#update();
  }

  /** Tells screen readers what is happening. */
  announce(status: string): void {
    this.status = status;
    this.#update();
  }

  /**
   * Keeps the signed document (or the one fixed for signing outside), with the draft at once: a
   * reload sends the same one.
   */
  sign(signed: SignedSubmission | FileSubmission): Promise<void> {
    this.signed = signed;
    return this.#drafts.save();
  }

  /** The office registered the application: the draft goes, and the receipt shows. */
  async sent(receipt: SubmissionReceipt): Promise<void> {
    await this.#drafts.remove();
    this.showReceipt(receipt);
    this.#host.dispatchEvent(new EbokSubmittedEvent(receipt));
    if (this.dirty) this.#emit('ebok-dirty', { dirty: (this.dirty = false) });
  }

  showReceipt(receipt: SubmissionReceipt): void {
    this.receipt = receipt;
    this.phase = 'receipt';
    this.errors = [];
    this.status = '';
    this.#focus = '.panel';
    this.#update();
  }
}
