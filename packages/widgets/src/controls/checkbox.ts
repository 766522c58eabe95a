import { html, nothing, type TemplateResult } from 'lit';
import { define } from '../internal/ebok-element.js';
import { FormControl, VALID, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/**
 * One yes-or-no box: a consent, a declaration. When `required`, it must be ticked. Submitted
 * with a `<form>` as `on`, like a native checkbox.
 *
 * @tagname ebok-checkbox
 * @summary `<ebok-checkbox label="Oświadczam, że dane są zgodne z prawdą" required>`
 * @csspart control - The `<input type="checkbox">`.
 * @csspart option - The box and its label.
 */
export class EbokCheckbox extends FormControl<boolean> {
  protected emptyValue(): boolean {
    return false;
  }
  protected formValue(value: boolean): string | null {
    return value ? 'on' : null;
  }
  protected restoreValue(state: string | File | FormData): boolean {
    return state === 'on';
  }
  // A box that must be ticked is a consent: it says so, not that a field is missing.
  protected checkValue(value: boolean): ControlValidity {
    return this.required && !value ? { flags: { valueMissing: true }, message: coreMessage('consent') } : VALID;
  }

  protected override get labelKind(): 'inline' {
    return 'inline';
  }

  #onEdit(event: Event): void {
    this.setValueFromUser((event.target as HTMLInputElement).checked, event.type === 'change');
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<div class="choice" part="option">
      <input
        id="control"
        part="control"
        type="checkbox"
        .checked=${this.value}
        ?required=${this.required}
        ?disabled=${this.inactive}
        aria-invalid=${this.showsError ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        @input=${this.#onEdit}
        @change=${this.#onEdit}
      /><label for="control" class="label" part="label">${this.label}</label>
    </div>`;
  }
}
define('ebok-checkbox', EbokCheckbox);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-checkbox': EbokCheckbox;
  }
}
