import { html, nothing, type TemplateResult } from 'lit';
import { define } from '../internal/ebok-element.js';
import { StringControl, type ControlOption } from './string-control.js';

/**
 * One answer out of a few, as native radios in a fieldset: Tab enters the group, arrow keys
 * move between answers and pick them.
 *
 * @tagname ebok-radio-group
 * @summary `<ebok-radio-group label="Sposób odbioru" .options=${[…]}>`
 * @csspart control - Each `<input type="radio">`.
 * @csspart option - Each answer: the radio and its label.
 */
export class EbokRadioGroup extends StringControl {
  static override properties = { ...StringControl.properties, options: { attribute: false } };

  /** The answers, labels already in the resident's language. */
  declare options: readonly ControlOption[];

  constructor() {
    super();
    this.options = [];
  }

  protected override get labelKind(): 'legend' {
    return 'legend';
  }

  protected override focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    return root?.querySelector<HTMLElement>('input:checked') ?? root?.querySelector<HTMLElement>('input') ?? null;
  }

  protected renderControl(): TemplateResult {
    return html`${this.options.map(
      (o, i) =>
        html`<div class="choice" part="option">
          <input
            id="option-${i}"
            part="control"
            type="radio"
            name="choice"
            value=${o.value}
            .checked=${o.value === this.value}
            ?required=${this.required}
            ?disabled=${this.inactive}
            aria-invalid=${this.showsError ? 'true' : nothing}
            @input=${this.onEdit}
            @change=${this.onEdit}
          /><label for="option-${i}">${o.label}</label>
        </div>`,
    )}`;
  }
}
define('ebok-radio-group', EbokRadioGroup);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-radio-group': EbokRadioGroup;
  }
}
