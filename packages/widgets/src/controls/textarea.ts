import { html, nothing, type TemplateResult } from 'lit';
import { define } from '../internal/ebok-element.js';
import { StringControl } from './string-control.js';

/**
 * A multi-line text: a justification, a description.
 *
 * @tagname ebok-textarea
 * @summary `<ebok-textarea label="Uzasadnienie" maxlength="2000">`
 * @csspart control - The `<textarea>`.
 */
export class EbokTextarea extends StringControl {
  static override properties = { ...StringControl.properties, rows: { type: Number } };

  /** Visible lines. */
  declare rows: number;

  constructor() {
    super();
    this.rows = 5;
  }

  protected renderControl(describedBy: string): TemplateResult {
    return html`<textarea
      id="control"
      part="control"
      rows=${this.rows}
      .value=${this.value}
      minlength=${this.minLength ?? nothing}
      maxlength=${this.maxLength ?? nothing}
      ?required=${this.required}
      ?disabled=${this.inactive}
      aria-invalid=${this.showsError ? 'true' : nothing}
      aria-describedby=${describedBy || nothing}
      @input=${this.onEdit}
      @change=${this.onEdit}
    ></textarea>`;
  }
}
define('ebok-textarea', EbokTextarea);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-textarea': EbokTextarea;
  }
}
