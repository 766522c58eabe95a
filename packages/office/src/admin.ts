import { css, html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { EbokElement } from '@ebok/widgets/shared';
import { adminPath, type AdminSection } from './routes.js';
import { consoleStyles } from './styles.js';
import './admin-audit.js';
import './admin-departments.js';
import './admin-hand-offs.js';

/** The name of each administrator's screen, as its heading and its link say it. */
export function adminSectionText(section: AdminSection): string {
  switch (section) {
    case 'audit':
      return msg('Dziennik audytu', { id: 'office.admin.audit' });
    case 'departments':
      return msg('Wydziały', { id: 'office.admin.departments' });
    case 'hand-offs':
      return msg('Nieudane przekazania', { id: 'office.admin.hand-offs' });
  }
}

const SECTIONS: readonly AdminSection[] = ['audit', 'departments', 'hand-offs'];

/**
 * The administrator's page: the audit log and its check, the departments, and the hand-offs to
 * departments that failed, each a section with its own address.
 *
 * @tagname ebok-office-admin
 */
export class EbokOfficeAdmin extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        list-style: none;
        margin: 0 0 1.5rem;
        padding: 0;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        text-decoration-thickness: 3px;
      }
    `,
  ];
  static override properties = { section: {} };

  declare section: AdminSection;

  constructor() {
    super();
    this.section = 'audit';
  }

  protected override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Administracja', { id: 'office.admin.title' })} — ${adminSectionText(this.section)}</h1>
      <nav aria-label=${msg('Ekrany administratora', { id: 'office.admin.nav' })}>
        <ul>
          ${SECTIONS.map(
            (s) =>
              html`<li>
                <a href=${adminPath(s)} aria-current=${s === this.section ? 'page' : 'false'}>${adminSectionText(s)}</a>
              </li>`,
          )}
        </ul>
      </nav>
      ${
        this.section === 'audit'
          ? html`<ebok-office-admin-audit></ebok-office-admin-audit>`
          : this.section === 'departments'
            ? html`<ebok-office-admin-departments></ebok-office-admin-departments>`
            : html`<ebok-office-admin-hand-offs></ebok-office-admin-hand-offs>`
      }
    `;
  }
}

customElements.define('ebok-office-admin', EbokOfficeAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-admin': EbokOfficeAdmin;
  }
}
