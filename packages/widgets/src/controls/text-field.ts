import { html, nothing, type TemplateResult } from 'lit';
import { validatorFormats } from '@ebok/forms-core/runtime/base';
import { define } from '../internal/ebok-element.js';
import { VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';
import { StringControl } from './string-control.js';

/**
 * A one-line text input: names, e-mail addresses, phone numbers.
 *
 * @tagname ebok-text-field
 * @summary `<ebok-text-field label="Imię" name="givenName" autocomplete="given-name">`
 * @csspart control - The `<input>`.
 */
export class EbokTextField extends StringControl {
  static override properties = {
    ...StringControl.properties,
    type: { reflect: true },
    autocomplete: {},
  };

  /** `text`, `email` (checked as the schema's `email` format) or `tel`. */
  declare type: 'text' | 'email' | 'tel';
  /** The autofill token (`given-name`, `email`, `tel` …), so browsers can fill it in (WCAG 1.3.5). */
  declare autocomplete: string;

  constructor() {
    super();
    this.type = 'text';
    this.autocomplete = '';
  }

  protected override checkValue(value: string): ControlValidity {
    const own = super.checkValue(value);
    if (own !== VALID || value === '') return own;
    if (this.type === 'email' && !validatorFormats['email']!(value)) {
      return { flags: { typeMismatch: true }, message: coreMessage('format.email') };
    }
    return VALID;
  }

  protected override clean(text: string): string {
    return this.type === 'text' ? text : text.trim();
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<input
      id="control"
      part="control"
      type=${this.type}
      .value=${this.value}
      autocomplete=${(this.autocomplete || nothing) as AutoFill}
      minlength=${this.minLength ?? nothing}
      maxlength=${this.maxLength ?? nothing}
      ?required=${this.required}
      ?disabled=${this.inactive}
      aria-invalid=${this.showsError ? 'true' : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${this.onEdit}
      @change=${this.onEdit}
    />`;
  }
}
define('ebok-text-field', EbokTextField);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-text-field': EbokTextField;
  }
}
