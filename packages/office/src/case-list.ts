import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CasePage, CaseSummary } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { api } from './api.js';
import { casePath } from './routes.js';
import { consoleStyles } from './styles.js';
import { caseStatusText, errorText } from './texts.js';
import './spis-spraw.js';

/**
 * A department's cases whose deadline is near ("due soon") or past ("overdue"), each a link to
 * the case; below them, the department's spis spraw to download.
 *
 * @tagname ebok-office-case-list
 */
export class EbokOfficeCaseList extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    department: {},
    due: {},
    cases: { state: true },
    error: { state: true },
  };

  declare department: string;
  declare due: 'soon' | 'overdue';
  /** Undefined while asked. */
  declare cases: CaseSummary[] | undefined;
  declare error: string;

  constructor() {
    super();
    this.department = '';
    this.due = 'soon';
    this.cases = undefined;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('department') || changed.has('due')) && this.department) void this.#load();
  }

  async #load(): Promise<void> {
    this.cases = undefined;
    this.error = '';
    try {
      const q = new URLSearchParams({ department: this.department, due: this.due });
      this.cases = (await api<CasePage>(`/v1/cases?${q}`)).cases;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const title =
      this.due === 'soon'
        ? msg(str`Sprawy z bliskim terminem — ${this.department}`, { id: 'office.title.due-soon' })
        : msg(str`Sprawy po terminie — ${this.department}`, { id: 'office.title.overdue' });
    return html`
      <h1 tabindex="-1">${title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.cases === undefined
          ? this.error
            ? nothing
            : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`
          : this.cases.length === 0
            ? html`<p>${msg('Brak takich spraw.', { id: 'office.cases.empty' })}</p>`
            : html`<table>
                <caption class="visually-hidden">
                  ${title}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Znak sprawy', { id: 'office.col.case-number' })}</th>
                    <th scope="col">${msg('Tytuł', { id: 'office.case.title' })}</th>
                    <th scope="col">${msg('Termin', { id: 'office.col.due' })}</th>
                    <th scope="col">${msg('Status', { id: 'office.col.status' })}</th>
                    <th scope="col">${msg('Prowadzący', { id: 'office.case.officer' })}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.cases.map(
                    (c) =>
                      html`<tr>
                        <th scope="row"><a href=${casePath(c.caseNumber)}>${c.caseNumber}</a></th>
                        <td>${c.title}</td>
                        <td>${c.dueOn ? formatDate(c.dueOn) : '—'}</td>
                        <td>${caseStatusText(c.status)}</td>
                        <td>${c.officer ?? '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }
      <ebok-office-spis .department=${this.department}></ebok-office-spis>
    `;
  }
}

customElements.define('ebok-office-case-list', EbokOfficeCaseList);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-case-list': EbokOfficeCaseList;
  }
}
