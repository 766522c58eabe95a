import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { EbokElement } from '../internal/ebok-element.js';

/** What a control's own checks found: the ValidityState flags and a message for residents. */
export interface ControlValidity {
  readonly flags: ValidityStateFlags;
  readonly message: string;
}

const VALID: ControlValidity = { flags: {}, message: '' };

/**
 * The base of every ebok field control: a form-associated custom element (ElementInternals), so
 * a control works inside any `<form>` (value, validity, reset, restore, disabled) as well as in
 * ebok's own journey. Label, hint and error are rendered in the control's shadow root and linked
 * to its inner input with `for` and `aria-describedby`, so screen readers announce them together.
 *
 * Subclasses render the input (`renderControl`), say how the value looks in a form submission
 * (`formValue`) and check it (`checkValue`).
 *
 * @cssprop --ebok-color-text - Text colour.
 * @cssprop --ebok-color-error - Colour of error messages and invalid borders.
 * @cssprop --ebok-color-focus - Colour of the focus ring.
 * @cssprop --ebok-font-family - Font of the control.
 * @csspart label - The label.
 * @csspart hint - The hint under the label.
 * @csspart error - The error message.
 * @csspart control - The input itself.
 */
export abstract class FormControl<V> extends EbokElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties = {
    name: { reflect: true },
    label: {},
    hint: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    error: {},
    value: { attribute: false },
    touched: { state: true },
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

  protected readonly internals: ElementInternals;
  private defaultValue: V | undefined;

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
  }

  /** The value a new control starts with and a form reset returns to. */
  protected abstract emptyValue(): V;
  /** The value as a `<form>` submits it. */
  protected abstract formValue(value: V): string | File | FormData | null;
  /** Reads back what `formValue` produced, for the browser's form state restore. */
  protected abstract restoreValue(state: string | File | FormData): V;
  /** The control's own checks of a value (required, format, limits). */
  protected abstract checkValue(value: V): ControlValidity;
  /** The input, select or group that gets focus and the validity anchor. */
  protected abstract focusTarget(): HTMLElement | null;
  /** Renders the input; `describedBy` must go into its `aria-describedby`. */
  protected abstract renderControl(describedBy: string): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.value === undefined) this.value = this.emptyValue();
    if (this.defaultValue === undefined) this.defaultValue = this.value;
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
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  /** Marks the control as visited (its error shows) and reports its validity. */
  reportValidity(): boolean {
    this.touched = true;
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    this.value = this.defaultValue ?? this.emptyValue();
    this.touched = false;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (state !== null) this.value = this.restoreValue(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  /** The message shown under the label: an error given from outside, else our own once visited. */
  protected get shownError(): string {
    if (this.error) return this.error;
    return this.touched ? this.internals.validationMessage : '';
  }

  /** Called by subclasses when the resident changed the value: updates it and fires `input`. */
  protected setValueFromUser(value: V, commit: boolean): void {
    this.value = value;
    if (commit) {
      this.touched = true;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  protected override willUpdate(changed: PropertyValues<FormControl<V>>): void {
    if (changed.has('value')) {
      this.internals.setFormValue(this.value === undefined ? null : this.formValue(this.value));
    }
    // Before rendering, so the message shown is the one for this value.
    this.applyValidity();
  }

  protected override firstUpdated(): void {
    // Again, now that the inner input exists to anchor the browser's validation bubble.
    this.applyValidity();
  }

  private applyValidity(): void {
    const own = this.value === undefined ? VALID : this.checkValue(this.value);
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

  override render(): TemplateResult {
    const error = this.shownError;
    const describedBy = [this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    return html`
      <div class="field ${error ? 'invalid' : ''}">
        ${this.renderLabel()} ${this.hint ? html`<div id="hint" class="hint" part="hint">${this.hint}</div>` : nothing}
        <div id="error" class="error" part="error" ?hidden=${!error}>
          ${error ? html`<span class="visually-hidden">${msg('Błąd:', { id: 'control.error-prefix' })}</span> ${error}` : nothing}
        </div>
        ${this.renderControl(describedBy)}
      </div>
    `;
  }

  /** The label for the inner input (`id="control"`); groups render a legend instead. */
  protected renderLabel(): TemplateResult {
    return html`<label for="control" class="label" part="label"
      >${this.label}${this.required ? nothing : html` <span class="optional">${msg('(opcjonalnie)', { id: 'control.optional' })}</span>`}</label
    >`;
  }
}
