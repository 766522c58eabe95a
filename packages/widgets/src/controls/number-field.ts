import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { define } from '../internal/ebok-element.js';
import { currentLang } from '../localization.js';
import { FormControl, VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/** The number typed, with a Polish decimal comma or a point; undefined when it is not one. */
function parseNumber(text: string): number | undefined {
  const plain = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : undefined;
}

/**
 * A number: copies, an area, an amount. A text input with a decimal keyboard rather than
 * `type=number`, so "12,5" is accepted whatever the browser's language, and nothing changes
 * the value when the resident scrolls over it.
 *
 * @tagname ebok-number-field
 * @summary `<ebok-number-field label="Liczba egzemplarzy" min="1" step="1">`
 * @csspart control - The `<input>`.
 */
export class EbokNumberField extends FormControl<number | undefined> {
  static override properties = {
    ...FormControl.properties,
    min: { type: Number },
    max: { type: Number },
    step: { type: Number },
    text: { state: true },
  };

  declare min: number | undefined;
  declare max: number | undefined;
  /** The value must be a multiple of it counted from `min` (1 for whole numbers). */
  declare step: number | undefined;
  /** What the input shows: as typed, or the value written for the resident's language. */
  declare private text: string;

  constructor() {
    super();
    this.text = '';
  }

  protected emptyValue(): undefined {
    return undefined;
  }
  protected formValue(value: number | undefined): string | null {
    return value === undefined ? null : String(value);
  }
  protected restoreValue(state: string | File | FormData): number | undefined {
    return typeof state === 'string' ? parseNumber(state) : undefined;
  }

  protected checkValue(value: number | undefined): ControlValidity {
    if (value === undefined) {
      return this.text.trim()
        ? { flags: { badInput: true }, message: msg('Wpisz liczbę, na przykład 12,5.', { id: 'number.bad' }) }
        : this.requiredCheck(true);
    }
    if (this.min !== undefined && value < this.min) {
      return { flags: { rangeUnderflow: true }, message: coreMessage('minimum', { limit: this.min }) };
    }
    if (this.max !== undefined && value > this.max) {
      return { flags: { rangeOverflow: true }, message: coreMessage('maximum', { limit: this.max }) };
    }
    if (this.step) {
      const steps = (value - (this.min ?? 0)) / this.step;
      if (Math.abs(steps - Math.round(steps)) > 1e-9) {
        return { flags: { stepMismatch: true }, message: coreMessage('multipleOf', { multipleOf: this.step }) };
      }
    }
    return VALID;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A value set from outside is shown; one the resident typed keeps their spelling ("12,50").
    if (changed.has('value') && this.value !== parseNumber(this.text)) {
      this.text = this.value === undefined ? '' : this.#display(this.value);
    }
    super.willUpdate(changed);
  }

  #display(value: number): string {
    return currentLang() === 'en' ? String(value) : String(value).replace('.', ',');
  }

  override formResetCallback(): void {
    this.text = '';
    super.formResetCallback();
  }

  #onEdit(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    this.setValueFromUser(parseNumber(this.text), event.type === 'change');
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<input
      id="control"
      part="control"
      type="text"
      inputmode=${this.step !== undefined && Number.isInteger(this.step) && (this.min ?? 0) >= 0 ? 'numeric' : 'decimal'}
      autocomplete="off"
      .value=${this.text}
      ?required=${this.required}
      ?disabled=${this.inactive}
      aria-invalid=${this.showsError ? 'true' : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${this.#onEdit}
      @change=${this.#onEdit}
    />`;
  }
}
define('ebok-number-field', EbokNumberField);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-number-field': EbokNumberField;
  }
}
