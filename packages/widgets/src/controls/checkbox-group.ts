import { html, nothing, type TemplateResult } from 'lit';
import { define } from '../internal/ebok-element.js';
import { FormControl, type ControlValidity } from './form-control.js';
import type { ControlOption } from './string-control.js';

/**
 * Any number of answers out of a few, as checkboxes in a fieldset. The value lists the ticked
 * answers in the order of `options`; a `<form>` gets one entry per ticked answer.
 *
 * @tagname ebok-checkbox-group
 * @summary `<ebok-checkbox-group label="Rodzaj wniosku" .options=${[…]}>`
 * @csspart control - Each `<input type="checkbox">`.
 * @csspart option - Each answer: the box and its label.
 */
export class EbokCheckboxGroup extends FormControl<string[]> {
  static override properties = { ...FormControl.properties, options: { attribute: false } };

  /** The answers, labels already in the resident's language. */
  declare options: readonly ControlOption[];

  constructor() {
    super();
    this.options = [];
  }

  protected emptyValue(): string[] {
    return [];
  }
  protected formValue(value: string[]): FormData | null {
    if (value.length === 0) return null;
    const data = new FormData();
    for (const v of value) data.append(this.name, v);
    return data;
  }
  protected restoreValue(state: string | File | FormData): string[] {
    return state instanceof FormData ? state.getAll(this.name).map(String) : typeof state === 'string' ? [state] : [];
  }
  protected checkValue(value: string[]): ControlValidity {
    return this.requiredCheck(value.length === 0);
  }

  protected override get labelKind(): 'legend' {
    return 'legend';
  }

  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('input') ?? null;
  }

  #onEdit(event: Event): void {
    const ticked = new Set(
      [...this.renderRoot.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value),
    );
    this.setValueFromUser(
      this.options.filter((o) => ticked.has(o.value)).map((o) => o.value),
      event.type === 'change',
    );
  }

  protected renderControl(): TemplateResult {
    return html`${this.options.map(
      (o, i) =>
        html`<div class="choice" part="option">
          <input
            id="option-${i}"
            part="control"
            type="checkbox"
            value=${o.value}
            .checked=${this.value.includes(o.value)}
            ?disabled=${this.inactive}
            aria-invalid=${this.showsError ? 'true' : nothing}
            @input=${this.#onEdit}
            @change=${this.#onEdit}
          /><label for="option-${i}">${o.label}</label>
        </div>`,
    )}`;
  }
}
define('ebok-checkbox-group', EbokCheckboxGroup);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-checkbox-group': EbokCheckboxGroup;
  }
}
