import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { OfficerWork } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { officerName, officerOptions, officersOf, type Officer } from './directory.js';
import { casePath } from './routes.js';
import { consoleStyles } from './styles.js';
import { caseStatusText, errorText } from './texts.js';

/**
 * A head's stand-in page: the absent officer's items and unsettled cases, each ticked to go, and
 * the officer who takes them; each handed over by its own audited request, no deadline extended.
 *
 * @tagname ebok-office-officers
 */
export class EbokOfficeOfficers extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      fieldset {
        border: 1px solid #5c5c5c;
        margin-block: 1rem;
      }
      input[type='checkbox'] {
        inline-size: 1.25rem;
        block-size: 1.25rem;
      }
      input[type='checkbox']:focus-visible {
        outline: 3px solid #0b3d91;
        outline-offset: 2px;
      }
    `,
  ];
  static override properties = {
    department: {},
    officers: { state: true },
    absent: { state: true },
    work: { state: true },
    skipped: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare department: string;
  declare officers: Officer[];
  /** The officer whose work is handed over. */
  declare absent: string;
  declare work: OfficerWork | undefined;
  /** What stays with the absent officer: items' register numbers and cases' znaks left unticked. */
  declare skipped: ReadonlySet<string>;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.department = '';
    this.officers = [];
    this.absent = '';
    this.work = undefined;
    this.skipped = new Set();
    this.error = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('department') && this.department) void this.#loadOfficers();
  }

  async #loadOfficers(): Promise<void> {
    try {
      this.officers = await officersOf(this.department);
    } catch (e) {
      this.error = errorText(e);
    }
  }

  async #loadWork(): Promise<void> {
    this.work = undefined;
    this.skipped = new Set();
    if (!this.absent) return;
    try {
      this.work = await api<OfficerWork>(
        `/v1/departments/${this.department}/officers/${encodeURIComponent(this.absent)}/work`,
      );
      this.error = '';
    } catch (e) {
      this.error = errorText(e);
    }
  }

  #choose(event: Event): void {
    this.absent = (event.target as HTMLInputElement).value;
    void this.#loadWork();
  }

  #tick(key: string, event: Event): void {
    const skipped = new Set(this.skipped);
    if ((event.target as HTMLInputElement).checked) skipped.delete(key);
    else skipped.add(key);
    this.skipped = skipped;
  }

  async #reassign(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const work = this.work;
    const select = this.renderRoot.querySelector<HTMLSelectElement & { reportValidity(): boolean }>('#to')!;
    if (!work || this.busy || !select.reportValidity()) return;
    const to = select.value;
    const items = work.items.filter((i) => !this.skipped.has(i.registryNumber));
    const cases = work.cases.filter((c) => !this.skipped.has(c.caseNumber));
    this.busy = true;
    const failed: string[] = [];
    // One request for each: every handover is audited on its own, and an item keeps its first deadline.
    for (const i of items)
      await api(`/v1/register/${encodeURIComponent(i.registryNumber)}/assignment`, {
        method: 'POST',
        body: { department: this.department, officer: to },
      }).catch((e: unknown) => failed.push(`${i.registryNumber}: ${errorText(e)}`));
    for (const c of cases)
      await api(`/v1/cases/${encodeURIComponent(c.caseNumber)}/officer`, {
        method: 'POST',
        body: { officer: to },
      }).catch((e: unknown) => failed.push(`${c.caseNumber}: ${errorText(e)}`));
    this.busy = false;
    const done = items.length + cases.length - failed.length;
    this.error = failed.join(' ');
    this.dispatchEvent(
      new AnnounceEvent(
        msg(str`Przekazano: ${done} (pisma i sprawy) — ${officerName(this.officers, to)}.`, {
          id: 'office.officers.done',
        }) + (failed.length ? ` ${msg(str`Nie przekazano: ${failed.length}.`, { id: 'office.officers.failed' })}` : ''),
      ),
    );
    await this.#loadWork();
    // The handed-over rows are gone: focus goes back to the choice of whose work is shown.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#absent')?.focus();
  }

  protected override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg(str`Zastępstwa — ${this.department}`, { id: 'office.title.officers' })}</h1>
      <p class="muted">
        ${msg('Przekaż pisma i sprawy nieobecnego urzędnika innemu. Terminy pism się nie wydłużają.', {
          id: 'office.officers.intro',
        })}
      </p>
      <ebok-select
        id="absent"
        .label=${msg('Nieobecny urzędnik', { id: 'office.officers.absent' })}
        .options=${officerOptions(this.officers)}
        @change=${this.#choose}
      ></ebok-select>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.work ? this.#renderWork(this.work) : nothing}
    `;
  }

  #renderWork(work: OfficerWork): TemplateResult {
    if (work.items.length === 0 && work.cases.length === 0)
      return html`<p>${msg('Ten urzędnik nie ma pism ani spraw w toku.', { id: 'office.officers.none' })}</p>`;
    const tick = (key: string, label: string) =>
      html`<input
        type="checkbox"
        .checked=${!this.skipped.has(key)}
        aria-label=${msg(str`Przekaż ${label}`, { id: 'office.officers.tick' })}
        @change=${(e: Event) => this.#tick(key, e)}
      />`;
    return html`<form novalidate @submit=${this.#reassign}>
      <h2>${msg('Pisma', { id: 'office.officers.items' })}</h2>
      ${
        work.items.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${msg('Przekaż', { id: 'office.officers.hand' })}</th>
                  <th scope="col">${msg('Numer w rejestrze', { id: 'office.col.number' })}</th>
                  <th scope="col">${msg('Dotyczy', { id: 'office.col.subject' })}</th>
                  <th scope="col">${msg('Wpłynęło', { id: 'office.col.received' })}</th>
                  <th scope="col">${msg('Termin', { id: 'office.officers.deadline' })}</th>
                </tr>
              </thead>
              <tbody>
                ${work.items.map(
                  (i) =>
                    html`<tr>
                      <td>${tick(i.registryNumber, i.registryNumber)}</td>
                      <th scope="row">${i.registryNumber}</th>
                      <td>${i.subject}</td>
                      <td>${formatDate(i.receivedAt, true)}</td>
                      <td>${i.deadline ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${msg('Brak pism.', { id: 'office.officers.no-items' })}</p>`
      }
      <h2>${msg('Sprawy', { id: 'office.officers.cases' })}</h2>
      ${
        work.cases.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${msg('Przekaż', { id: 'office.officers.hand' })}</th>
                  <th scope="col">${msg('Znak sprawy', { id: 'office.officers.case-number' })}</th>
                  <th scope="col">${msg('Tytuł', { id: 'office.officers.case-title' })}</th>
                  <th scope="col">${msg('Status', { id: 'office.col.status' })}</th>
                  <th scope="col">${msg('Termin', { id: 'office.officers.deadline' })}</th>
                </tr>
              </thead>
              <tbody>
                ${work.cases.map(
                  (c) =>
                    html`<tr>
                      <td>${tick(c.caseNumber, c.caseNumber)}</td>
                      <th scope="row"><a href=${casePath(c.caseNumber)}>${c.caseNumber}</a></th>
                      <td>${c.title}</td>
                      <td>${caseStatusText(c.status)}</td>
                      <td>${c.dueOn ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${msg('Brak spraw.', { id: 'office.officers.no-cases' })}</p>`
      }
      <ebok-select
        id="to"
        required
        .label=${msg('Przekaż urzędnikowi', { id: 'office.officers.to' })}
        .options=${officerOptions(this.officers, this.absent)}
      ></ebok-select>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>
          ${msg('Przekaż zaznaczone', { id: 'office.officers.submit' })}
        </button>
      </div>
    </form>`;
  }
}

customElements.define('ebok-office-officers', EbokOfficeOfficers);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-officers': EbokOfficeOfficers;
  }
}
