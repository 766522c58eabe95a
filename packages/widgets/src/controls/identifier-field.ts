import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { formats, formatWarnings } from '@ebok/forms-core/formats';
import { define } from '../internal/ebok-element.js';
import { VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';
import { StringControl } from './string-control.js';

/** The identifiers this field checks, by its `format` attribute. */
export type IdentifierFormat = 'pesel' | 'nip' | 'regon' | 'kw' | 'id-card' | 'vin' | 'postal-code-pl';

// The schema's format name where it differs from the attribute, and the length (without
// separators) at which a number is complete, so the check runs then and not on every keystroke
// (REGON has two lengths: it is checked when the resident leaves the field).
const SCHEMA_FORMAT: Partial<Record<IdentifierFormat, string>> = { kw: 'kw-number', 'id-card': 'id-card-number' };
const COMPLETE_LENGTH: Partial<Record<IdentifierFormat, number>> = {
  pesel: 11,
  nip: 10,
  kw: 13,
  'id-card': 9,
  vin: 17,
  'postal-code-pl': 5,
};
const LETTERS: readonly IdentifierFormat[] = ['kw', 'id-card', 'vin'];

/**
 * A Polish identifier, checked with its checksum as the resident types: PESEL, NIP, REGON,
 * land register (KW), ID card, VIN or postal code. The result is said politely once, when the
 * number is complete or the resident leaves the field, not on every keystroke. A VIN whose
 * check digit fails only gets a warning: vehicles made for Europe often have none.
 *
 * @tagname ebok-identifier-field
 * @summary `<ebok-identifier-field format="pesel" label="Numer PESEL">`
 * @csspart control - The `<input>`.
 * @csspart status - The result of the check (valid, or the VIN warning).
 */
export class EbokIdentifierField extends StringControl {
  static override properties = { ...StringControl.properties, format: { reflect: true }, status: { state: true } };

  declare format: IdentifierFormat;
  /** What the last check said: nothing yet, checksum fine, a warning, or wrong. */
  declare private status: '' | 'ok' | 'warn' | 'bad';

  constructor() {
    super();
    this.format = 'pesel';
    this.status = '';
  }

  get #schemaFormat(): string {
    return SCHEMA_FORMAT[this.format] ?? this.format;
  }

  protected override checkValue(value: string): ControlValidity {
    const own = super.checkValue(value);
    if (own !== VALID || value === '') return own;
    const check = formats[this.#schemaFormat];
    if (check && !check(value)) {
      return { flags: { patternMismatch: true }, message: coreMessage(`format.${this.#schemaFormat}`) };
    }
    return VALID;
  }

  /** The warning for a value that passes but looks wrong (a VIN check digit), else ''. */
  get warning(): string {
    const warning = formatWarnings[this.#schemaFormat];
    return warning && this.value && this.#passes() && !warning.check(this.value) ? coreMessage(warning.code) : '';
  }

  protected override clean(text: string): string {
    const trimmed = text.trim();
    return LETTERS.includes(this.format) ? trimmed.toUpperCase() : trimmed;
  }

  protected override onEdit(event: Event): void {
    super.onEdit(event);
    const length = this.value.replace(/^PL|[\s/-]/gi, '').length;
    if (event.type === 'change' || length >= (COMPLETE_LENGTH[this.format] ?? Infinity)) {
      this.touched = true;
      this.status = !this.value ? '' : !this.#passes() ? 'bad' : this.warning ? 'warn' : 'ok';
    } else {
      this.status = '';
    }
  }

  #passes(): boolean {
    return !Object.values(this.checkValue(this.value).flags).some(Boolean);
  }

  override formResetCallback(): void {
    this.status = '';
    super.formResetCallback();
  }

  protected renderControl(describedBy: string): TemplateResult {
    const status = this.status;
    // The error shows above the input already; the status repeats it only for screen readers.
    const said =
      status === 'ok'
        ? msg('Numer jest poprawny.', { id: 'identifier.valid' })
        : status === 'warn'
          ? this.warning
          : status === 'bad'
            ? this.validationMessage
            : '';
    return html`<input
        id="control"
        part="control"
        type="text"
        .value=${this.value}
        inputmode=${this.format === 'pesel' || this.format === 'nip' || this.format === 'regon' ? 'numeric' : nothing}
        autocomplete=${(this.format === 'postal-code-pl' ? 'postal-code' : 'off') as AutoFill}
        spellcheck="false"
        maxlength=${this.maxLength ?? nothing}
        ?required=${this.required}
        ?disabled=${this.inactive}
        aria-invalid=${this.showsError ? 'true' : nothing}
        aria-describedby=${[describedBy, status === 'warn' ? 'status' : ''].filter(Boolean).join(' ') || nothing}
        @input=${this.onEdit}
        @change=${this.onEdit}
      />
      <div
        id="status"
        role="status"
        part="status"
        class="status ${status === 'warn' ? 'warning' : ''} ${status === 'bad' ? 'visually-hidden' : ''}"
      >
        ${said}
      </div>`;
  }
}
define('ebok-identifier-field', EbokIdentifierField);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-identifier-field': EbokIdentifierField;
  }
}
