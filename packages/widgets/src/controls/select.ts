import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { define } from '../internal/ebok-element.js';
import { StringControl, type ControlOption } from './string-control.js';

/**
 * One answer out of a longer list (for fewer than about six, `ebok-radio-group` is easier). The
 * first option is an empty "choose" entry, so nothing is picked for the resident.
 *
 * @tagname ebok-select
 * @summary `<ebok-select label="Rodzaj aktu" .options=${[{ value: 'urodzenia', label: 'Akt urodzenia' }]}>`
 * @csspart control - The `<select>`.
 */
export class EbokSelect extends StringControl {
  static override properties = { ...StringControl.properties, options: { attribute: false } };

  /** The answers, labels already in the resident's language. */
  declare options: readonly ControlOption[];

  constructor() {
    super();
    this.options = [];
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<select
      id="control"
      part="control"
      ?required=${this.required}
      ?disabled=${this.inactive}
      aria-invalid=${this.showsError ? 'true' : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${this.onEdit}
      @change=${this.onEdit}
    >
      <option value="" .selected=${this.value === ''}>${msg('— wybierz —', { id: 'select.choose' })}</option>
      ${this.options.map((o) => html`<option value=${o.value} .selected=${o.value === this.value}>${o.label}</option>`)}
    </select>`;
  }
}
define('ebok-select', EbokSelect);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-select': EbokSelect;
  }
}
