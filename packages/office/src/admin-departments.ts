import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Departments } from '@ebok/schemas/api';
import { EbokElement, currentLang } from '@ebok/widgets/shared';
import { api } from './api.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

type Department = Departments['departments'][number];

/** How items reach a department, for a person. */
export function deliveryText(delivery: Department['delivery']): string {
  return delivery === 'webhook'
    ? msg('wysyłane na adres systemu wydziału (webhook)', { id: 'office.departments.webhook' })
    : msg('pobierane z kolejki wydziału', { id: 'office.departments.queue' });
}

/**
 * The office's departments: code, name, the procedures routed to each, and how items reach it.
 *
 * @tagname ebok-office-admin-departments
 */
export class EbokOfficeAdminDepartments extends EbokElement {
  static override styles = consoleStyles;
  static override properties = { departments: { state: true }, error: { state: true } };

  /** Undefined while asked. */
  declare departments: Department[] | undefined;
  declare error: string;

  constructor() {
    super();
    this.departments = undefined;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.departments = (await api<Departments>('/v1/departments')).departments;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const lang = currentLang();
    const title = msg('Wydziały', { id: 'office.admin.departments' });
    return html`
      <h2>${title}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.departments === undefined
          ? this.error
            ? nothing
            : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`
          : html`<table>
              <caption class="visually-hidden">
                ${title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Kod', { id: 'office.departments.code' })}</th>
                  <th scope="col">${msg('Nazwa', { id: 'office.departments.name' })}</th>
                  <th scope="col">${msg('Sprawy (procedury)', { id: 'office.departments.procedures' })}</th>
                  <th scope="col">${msg('Doręczanie', { id: 'office.departments.delivery' })}</th>
                </tr>
              </thead>
              <tbody>
                ${this.departments.map(
                  (d) =>
                    html`<tr>
                      <th scope="row">${d.code}</th>
                      <td>
                        ${d.name ?? html`<span class="muted">${msg('bez nazwy', { id: 'office.departments.unnamed' })}</span>`}
                      </td>
                      <td>
                        ${
                          d.procedures.length
                            ? html`<ul>
                                ${d.procedures.map((p) => html`<li>${p.title[lang] ?? p.title['pl'] ?? p.id}</li>`)}
                              </ul>`
                            : '—'
                        }
                      </td>
                      <td>${deliveryText(d.delivery)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    `;
  }
}

customElements.define('ebok-office-admin-departments', EbokOfficeAdminDepartments);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-admin-departments': EbokOfficeAdminDepartments;
  }
}
