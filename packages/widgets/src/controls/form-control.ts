import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { EbokElement } from '../internal/ebok-element.js';
import { controlStyles } from './controls.styles.js';
import { coreMessage } from './messages.js';

/** What a control's own checks found: the ValidityState flags and a message for residents. */
export interface ControlValidity {
  readonly flags: ValidityStateFlags;
  readonly message: string;
}

export const VALID: ControlValidity = { flags: {}, message: '' };

/**
 * The base of every ebok field control: a form-associated custom element (ElementInternals), so
 * a control works inside any `<form>` (value, validity, reset, restore, disabled) as well as in
 * ebok's own journey. Label, hint and error are rendered in the control's shadow root and linked
 * to its inner input with `for` and `aria-describedby`, so screen readers announce them together.
 *
 * Subclasses render the input (`renderControl`), say how the value looks in a form submission
 * (`formValue`) and check it (`checkValue`).
 *
 * @event input - The resident changed the value (bubbles, composed).
 * @event change - The resident committed a new value (bubbles, composed).
 * @cssprop --ebok-color-text - Text colour.
 * @cssprop --ebok-color-hint - Colour of hints and status messages.
 * @cssprop --ebok-color-error - Colour of error messages and invalid borders.
 * @cssprop --ebok-color-warning - Colour of the mark beside a warning.
 * @cssprop --ebok-color-focus - Colour of the focus ring.
 * @cssprop --ebok-color-accent - Colour of checkboxes, radios and buttons.
 * @cssprop --ebok-color-border - Colour of input borders.
 * @cssprop --ebok-color-background - Background of inputs and buttons.
 * @cssprop --ebok-font-family - Font of the control.
 * @cssprop --ebok-font-size - Font size of the control.
 * @cssprop --ebok-radius - Corner radius of inputs and buttons.
 * @cssprop --ebok-space - Space below the control.
 * @cssprop --ebok-input-width - Width of text inputs and selects.
 * @csspart label - The label.
 * @csspart hint - The hint under the label.
 * @csspart error - The error message.
 * @csspart control - The input itself.
 */
export abstract class FormControl<V> extends EbokElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = controlStyles;

  static override properties = {
    name: { reflect: true },
    label: {},
    hint: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    error: {},
    value: { attribute: false },
    touched: { state: true },
    formDisabled: { state: true },
  };

  /** The name under which the value is submitted with a `<form>`. */
  declare name: string;
  /** The visible label, already in the resident's language. */
  declare label: string;
  /** Help under the label. */
  declare hint: string;
  declare required: boolean;
  declare disabled: boolean;
  /** An error found elsewhere (the schema validator, the server): shown, and makes the control invalid. */
  declare error: string;
  declare value: V;
  declare protected touched: boolean;
  /** Disabled by a `<fieldset disabled>` around it, which leaves `disabled` as the author set it. */
  declare private formDisabled: boolean;
  /** The resident changed the value since the control was last visited. */
  #edited = false;

  protected readonly internals: ElementInternals;
  #defaultValue: V | undefined;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.name = '';
    this.label = '';
    this.hint = '';
    this.required = false;
    this.disabled = false;
    this.error = '';
    this.touched = false;
    this.formDisabled = false;
  }

  /** The value a new control starts with and a form reset returns to. */
  protected abstract emptyValue(): V;
  /** The value as a `<form>` submits it. */
  protected abstract formValue(value: V): string | File | FormData | null;
  /** Reads back what `formValue` produced, for the browser's form state restore. */
  protected abstract restoreValue(state: string | File | FormData): V;
  /** The control's own checks of a value (required, format, limits). */
  protected abstract checkValue(value: V): ControlValidity;
  /** The input, select or group that gets focus and the validity anchor: `#control` unless overridden. */
  protected focusTarget(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('#control') ?? null;
  }
  /**
   * Renders the input, `id="control"` so the label names it; `describedBy` must go into its
   * `aria-describedby` (groups have it on their fieldset already).
   */
  protected abstract renderControl(describedBy: string): TemplateResult;

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // The inner input's own `input` event is composed and would leave the shadow root as a
    // second event from the host; the host fires its own, once the value is updated.
    root.addEventListener('input', (e) => e.stopPropagation());
    // Leaving an edited control shows its error, even when the edit changed nothing in the end
    // (typed and deleted: no `change`), as the browser's :user-invalid does.
    root.addEventListener('focusout', (e) => {
      if (this.#edited && !root.contains((e as FocusEvent).relatedTarget as Node | null)) {
        this.#edited = false;
        this.touched = true;
      }
    });
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.value === undefined) this.value = this.emptyValue();
    if (this.#defaultValue === undefined) this.#defaultValue = this.value;
  }

  // ---- the form-associated element API ----
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  /** Focuses the inner input (the checked radio, the first box …), not the host. */
  override focus(options?: FocusOptions): void {
    const target = this.focusTarget();
    if (target) target.focus(options);
    else super.focus(options);
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  /** Marks the control as visited (its error shows) and reports its validity. */
  reportValidity(): boolean {
    this.touched = true;
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    this.value = this.#defaultValue ?? this.emptyValue();
    this.touched = false;
    this.#edited = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (state !== null) this.value = this.restoreValue(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Whether the inner inputs are disabled: by `disabled` or by a disabled fieldset. */
  protected get inactive(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** The message shown under the label: an error given from outside, else our own once visited. */
  protected get shownError(): string {
    if (this.error) return this.error;
    return this.touched ? this.internals.validationMessage : '';
  }

  /**
   * Called by subclasses when the resident changed the value: updates it and fires `input`;
   * on `commit` (the native `change`), marks the control visited and fires `change` too.
   */
  protected setValueFromUser(value: V, commit: boolean): void {
    const changed = value !== this.value && JSON.stringify(value) !== JSON.stringify(this.value);
    this.value = value;
    this.#edited = true;
    if (changed) this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (commit) {
      this.touched = true;
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
  }

  /** The message for a required control left empty, from forms-core's table. */
  protected requiredCheck(empty: boolean): ControlValidity {
    return this.required && empty ? { flags: { valueMissing: true }, message: coreMessage('required') } : VALID;
  }

  protected override willUpdate(changed: PropertyValues<FormControl<V>>): void {
    // A journey may bind a missing answer as undefined; a control that has an empty value uses it.
    if (this.value === undefined) this.value = this.emptyValue();
    if (changed.has('value')) {
      this.internals.setFormValue(this.value === undefined ? null : this.formValue(this.value));
    }
    // Before rendering, so the message shown is the one for this value.
    this.#applyValidity();
  }

  protected override firstUpdated(): void {
    // Again, now that the inner input exists to anchor the browser's validation bubble.
    this.#applyValidity();
  }

  #applyValidity(): void {
    const own = this.checkValue(this.value);
    const anchor = this.focusTarget() ?? undefined;
    if (this.error) {
      this.internals.setValidity({ ...own.flags, customError: true }, this.error, anchor);
    } else if (Object.values(own.flags).some(Boolean)) {
      this.internals.setValidity(own.flags, own.message, anchor);
    } else {
      this.internals.setValidity({});
    }
    const invalid = !this.internals.validity.valid && (this.touched || Boolean(this.error));
    try {
      if (invalid) this.internals.states.add('user-invalid');
      else this.internals.states.delete('user-invalid');
    } catch {
      // Browsers before CustomStateSet: aria-invalid on the input still tells.
    }
  }

  /** True when the control shows an error: for `aria-invalid` on the inner input. */
  protected get showsError(): boolean {
    return Boolean(this.shownError);
  }

  /**
   * How the control is named: a `<label>` before the input, a `<legend>` for groups of inputs
   * (radios, boxes, the address), or `inline` when `renderControl` puts the label beside its box.
   */
  protected get labelKind(): 'label' | 'legend' | 'inline' {
    return 'label';
  }

  override render(): TemplateResult {
    const error = this.shownError;
    const describedBy = [this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    const optional = this.required
      ? nothing
      : html` <span class="optional">${msg('(opcjonalnie)', { id: 'control.optional' })}</span>`;
    const body = html`${this.hint ? html`<div id="hint" class="hint" part="hint">${this.hint}</div>` : nothing}
      <div id="error" class="error" part="error" ?hidden=${!error}>
        ${error ? html`<span class="visually-hidden">${msg('Błąd:', { id: 'control.error-prefix' })}</span> ${error}` : nothing}
      </div>
      ${this.renderControl(describedBy)}`;
    const kind = this.labelKind;
    return kind === 'legend'
      ? html`<fieldset class="field" aria-describedby=${describedBy || nothing}>
          <legend class="label" part="label">${this.label}${optional}</legend>
          ${body}
        </fieldset>`
      : html`<div class="field">
          ${
            kind === 'label'
              ? html`<label for="control" class="label" part="label">${this.label}${optional}</label>`
              : nothing
          }${body}
        </div>`;
  }
}
