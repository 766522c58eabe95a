import { html, type TemplateResult } from 'lit';
import { define, EbokElement } from '../internal/ebok-element.js';

/** @summary The resident's certificate: enrolment with an activation code, status, backup, removal. */
export class EbokCertificate extends EbokElement {
  override render(): TemplateResult {
    return html``;
  }
}
define('ebok-certificate', EbokCertificate);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-certificate': EbokCertificate;
  }
}
