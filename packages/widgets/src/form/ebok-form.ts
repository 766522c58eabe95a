import { html, nothing, type TemplateResult } from 'lit';
import { procedureModules, procedureTags } from '../generated/elements/index.js';
import { define, EbokElement } from '../internal/ebok-element.js';

/**
 * Shows the form of any procedure by its id, loading that procedure's code on demand.
 *
 * @summary `<ebok-form procedure="usc-odpis-aktu">`: the procedure's own element, loaded when needed.
 */
export class EbokForm extends EbokElement {
  static override properties = { procedure: { reflect: true }, endpoint: {}, loaded: { state: true } };
  declare procedure: string;
  declare endpoint: string;
  declare protected loaded: string;

  override render(): TemplateResult | typeof nothing {
    const tag = procedureTags[this.procedure];
    if (!tag) return html`<p role="alert">Unknown procedure "${this.procedure}"</p>`;
    if (this.loaded !== tag) {
      void procedureModules[this.procedure]!().then(() => (this.loaded = tag));
      return nothing;
    }
    const el = document.createElement(tag);
    return html`${el}`;
  }
}
define('ebok-form', EbokForm);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-form': EbokForm;
  }
}
