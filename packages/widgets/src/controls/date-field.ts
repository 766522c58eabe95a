import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { define } from '../internal/ebok-element.js';
import { formatDate } from '../localization.js';
import { VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';
import { StringControl } from './string-control.js';

/**
 * A date, as the schema's `date` format: `YYYY-MM-DD`. The browser's own date input, which
 * writes and reads the date in the resident's language and has an accessible calendar.
 *
 * @tagname ebok-date-field
 * @summary `<ebok-date-field label="Data zdarzenia" max="2026-12-31">`
 * @csspart control - The `<input type="date">`.
 */
export class EbokDateField extends StringControl {
  static override properties = { ...StringControl.properties, min: {}, max: {}, incomplete: { state: true } };

  /** Earliest date allowed, `YYYY-MM-DD`. */
  declare min: string | undefined;
  /** Latest date allowed, `YYYY-MM-DD`. */
  declare max: string | undefined;
  /** The resident typed part of a date: the input reports no value, but something is there. */
  declare private incomplete: boolean;

  constructor() {
    super();
    this.incomplete = false;
  }

  protected override checkValue(value: string): ControlValidity {
    if (value === '' && this.incomplete) return { flags: { badInput: true }, message: coreMessage('format.date') };
    const own = super.checkValue(value);
    if (own !== VALID || value === '') return own;
    if (this.min && value < this.min) {
      const date = formatDate(this.min);
      return {
        flags: { rangeUnderflow: true },
        message: msg(str`Podaj datę nie wcześniejszą niż ${date}.`, { id: 'date.min' }),
      };
    }
    if (this.max && value > this.max) {
      const date = formatDate(this.max);
      return {
        flags: { rangeOverflow: true },
        message: msg(str`Podaj datę nie późniejszą niż ${date}.`, { id: 'date.max' }),
      };
    }
    return VALID;
  }

  protected override onEdit(event: Event): void {
    this.incomplete = (event.target as HTMLInputElement).validity.badInput;
    super.onEdit(event);
  }

  override formResetCallback(): void {
    this.incomplete = false;
    super.formResetCallback();
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<input
      id="control"
      part="control"
      type="date"
      .value=${this.value}
      min=${this.min || nothing}
      max=${this.max || nothing}
      ?required=${this.required}
      ?disabled=${this.inactive}
      aria-invalid=${this.showsError ? 'true' : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${this.onEdit}
      @change=${this.onEdit}
    />`;
  }
}
define('ebok-date-field', EbokDateField);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-date-field': EbokDateField;
  }
}
