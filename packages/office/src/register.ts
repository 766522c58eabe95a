import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import type { RegisterEntry, RegisterPage } from '@ebok/schemas/api';
import { EbokElement, formatDate, type ControlOption } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { departmentsFromCatalogue } from './catalogue.js';
import { CHANCELLERIES } from './chancellery.js';
import { csvText, downloadCsv } from './csv.js';
import { officeName } from './label.js';
import { usePageRule } from './print.js';
import { labelPath } from './routes.js';
import { consoleStyles } from './styles.js';
import { channelText, errorText, itemStatusText, senderName, type ItemStatus } from './texts.js';

const STATUSES: readonly ItemStatus[] = [
  'registered',
  'assigned',
  'accepted',
  'forwarded',
  'case-opened',
  'suspended',
  'extended',
  'waiting-for-resident',
  'decided',
  'closed',
];
/** Pages a day's register reads at most (200 entries each). */
const DAY_PAGES = 50;

/** Today in the office's calendar, YYYY-MM-DD. */
export function officeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(now);
}

function timeOf(receivedAt: string): string {
  return new Intl.DateTimeFormat('pl', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(
    new Date(receivedAt),
  );
}

/** The department holding an entry now (a search's answer says), else the one it was registered for. */
const holder = (e: RegisterEntry): string => e.heldBy ?? e.department;

/**
 * The register of incoming items, every channel in one list: searched by number, identifier, PESEL,
 * a sender's name or reference, and filtered; and the register of a day, printed on A4 or
 * downloaded as CSV.
 *
 * @tagname ebok-office-register
 */
export class EbokOfficeRegister extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      form.filters {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0 1rem;
        align-items: end;
      }
      form.filters .actions {
        margin-block-end: 1.5rem;
      }
      section {
        margin-block-start: 2rem;
      }
      .print-only {
        display: none;
      }
      @media print {
        :host {
          font-size: 9pt;
        }
        .no-print {
          display: none !important;
        }
        .print-only {
          display: block;
        }
        section {
          margin: 0;
        }
        table {
          font-size: 8.5pt;
        }
        th,
        td {
          padding: 0.15rem 0.3rem;
          border-block-end: 0.5pt solid #000;
        }
        tr {
          break-inside: avoid;
        }
        thead {
          display: table-header-group;
        }
      }
    `,
  ];

  static override properties = {
    departments: { state: true },
    entries: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
    searched: { state: true },
    day: { state: true },
    dayEntries: { state: true },
    dayLoading: { state: true },
    dayError: { state: true },
    partial: { state: true },
  };

  declare departments: string[];
  declare entries: RegisterEntry[];
  declare next: string | undefined;
  declare loading: boolean;
  declare error: string;
  declare searched: boolean;
  declare day: string;
  /** The day's register in number order; undefined until asked. */
  declare dayEntries: RegisterEntry[] | undefined;
  declare dayLoading: boolean;
  declare dayError: string;
  /** This year's items not scanned whole; undefined until asked. */
  declare partial: RegisterEntry[] | undefined;
  #query = new URLSearchParams();
  #dropPageRule: (() => void) | undefined;

  constructor() {
    super();
    this.departments = [];
    this.entries = [];
    this.next = undefined;
    this.loading = false;
    this.error = '';
    this.searched = false;
    this.day = officeToday();
    this.dayEntries = undefined;
    this.dayLoading = false;
    this.dayError = '';
    this.partial = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#dropPageRule = usePageRule('size: A4; margin: 15mm;');
    departmentsFromCatalogue().then(
      (d) => (this.departments = d),
      (e: unknown) => this.dispatchEvent(new AnnounceEvent(errorText(e))),
    );
    if (!this.searched) void this.#search(new URLSearchParams());
  }

  override disconnectedCallback(): void {
    this.#dropPageRule?.();
    super.disconnectedCallback();
  }

  async #search(query: URLSearchParams, cursor?: string): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const q = new URLSearchParams(query);
      // `q` even when empty: the register searched (newest first), not listed in number order.
      if (!q.has('q')) q.set('q', '');
      q.set('limit', '50');
      if (cursor) q.set('cursor', cursor);
      const page = await api<RegisterPage>(`/v1/register?${q}`);
      const before = cursor ? this.entries.length : 0;
      this.entries = cursor ? [...this.entries, ...page.entries] : page.entries;
      this.next = page.next;
      this.#query = query;
      this.loading = false;
      if (this.searched || cursor)
        this.dispatchEvent(
          new AnnounceEvent(
            cursor
              ? msg(str`Wczytano kolejne pisma: ${page.entries.length}.`, { id: 'office.inbox.loaded-more' })
              : msg(str`Znaleziono pisma: ${page.entries.length}.`, { id: 'office.register.found' }),
          ),
        );
      this.searched = true;
      if (cursor) {
        await this.updateComplete;
        const first = this.renderRoot.querySelectorAll<HTMLElement>('#results tbody th')[before];
        (first ?? this.renderRoot.querySelector<HTMLElement>('#more'))?.focus();
      }
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.target as HTMLFormElement))
      if (typeof value === 'string' && value.trim()) query.set(name, value.trim());
    void this.#search(query);
  }

  async #loadDay(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('day');
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    this.day = value;
    this.dayLoading = true;
    this.dayError = '';
    try {
      const all: RegisterEntry[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < DAY_PAGES; i++) {
        const q = new URLSearchParams({ from: value, to: value, limit: '200' });
        if (cursor) q.set('cursor', cursor);
        const page = await api<RegisterPage>(`/v1/register?${q}`);
        all.push(...page.entries);
        cursor = page.next;
        if (!cursor) break;
      }
      // The day's register reads in number order, as it was written.
      this.dayEntries = all.sort((a, b) => a.year - b.year || a.sequence - b.sequence);
      this.dispatchEvent(
        new AnnounceEvent(msg(str`Rejestr dnia ${value}: pism ${all.length}.`, { id: 'office.register.day-loaded' })),
      );
    } catch (e) {
      this.dayError = errorText(e);
    } finally {
      this.dayLoading = false;
    }
  }

  async #loadPartial(): Promise<void> {
    try {
      const page = await api<RegisterPage>('/v1/register?notFullyScanned=true');
      this.partial = page.entries;
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Pisma niezeskanowane w całości: ${page.entries.length}.`, { id: 'office.register.partial-loaded' }),
        ),
      );
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(e)));
    }
  }

  /** The day's register as rows: a header, then one row per entry. */
  #dayRows(): Array<Array<string | number>> {
    return [
      [
        msg('Numer w rejestrze', { id: 'office.col.number' }),
        msg('Godzina', { id: 'office.col.time' }),
        msg('Kanał', { id: 'office.col.channel' }),
        msg('Nadawca', { id: 'office.col.sender' }),
        msg('Dotyczy', { id: 'office.col.subject' }),
        msg('Wydział', { id: 'office.new.department' }),
      ],
      ...(this.dayEntries ?? []).map((e) => [
        e.registryNumber,
        timeOf(e.receivedAt),
        channelText(e.channel),
        senderName(e.sender),
        e.subject,
        holder(e),
      ]),
    ];
  }

  #downloadCsv(): void {
    downloadCsv(`rejestr-${this.day}.csv`, csvText(this.#dayRows()));
    this.dispatchEvent(new AnnounceEvent(msg('Pobrano plik CSV.', { id: 'office.register.csv-done' })));
  }

  protected override render(): TemplateResult {
    return html`
      <div class="no-print">
        <h1 tabindex="-1">${msg('Rejestr przesyłek wpływających', { id: 'office.title.register' })}</h1>
        ${this.#renderFilters()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${
          this.entries.length === 0 && this.searched && !this.loading && !this.error
            ? html`<p>${msg('Nic nie znaleziono.', { id: 'office.register.empty' })}</p>`
            : this.#renderResults()
        }
        <div class="actions">
          ${this.loading ? html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>` : nothing}
          ${
            this.next
              ? html`<button
                  id="more"
                  type="button"
                  @click=${() => !this.loading && this.#search(this.#query, this.next)}
                >
                  ${msg('Wczytaj więcej', { id: 'office.inbox.more' })}
                </button>`
              : nothing
          }
        </div>
      </div>
      ${this.#renderDay()} ${this.#renderPartial()}
    `;
  }

  #renderPartial(): TemplateResult {
    const rows = this.partial;
    return html`<section class="no-print" aria-labelledby="partial-title">
      <h2 id="partial-title">${msg('Pisma niezeskanowane w całości', { id: 'office.register.partial' })}</h2>
      <button type="button" id="partial-show" @click=${this.#loadPartial}>
        ${msg('Pokaż pisma z tego roku', { id: 'office.register.partial-show' })}
      </button>
      ${
        rows === undefined
          ? nothing
          : rows.length === 0
            ? html`<p>${msg('Brak takich pism.', { id: 'office.register.partial-empty' })}</p>`
            : html`<table id="partial">
                <caption class="visually-hidden">
                  ${msg('Pisma niezeskanowane w całości', { id: 'office.register.partial' })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Numer w rejestrze', { id: 'office.col.number' })}</th>
                    <th scope="col">${msg('Wpłynęło', { id: 'office.col.received' })}</th>
                    <th scope="col">${msg('Nadawca', { id: 'office.col.sender' })}</th>
                    <th scope="col">${msg('Dotyczy', { id: 'office.col.subject' })}</th>
                    <th scope="col">${msg('Uwagi', { id: 'office.new.notes' })}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (e) =>
                      html`<tr data-number=${e.registryNumber}>
                        <th scope="row">${e.registryNumber}</th>
                        <td>${formatDate(e.receivedAt, true)}</td>
                        <td>${senderName(e.sender)}</td>
                        <td>${e.subject}</td>
                        <td>${e.notes ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
      }
    </section>`;
  }

  #renderFilters(): TemplateResult {
    const any = msg('wszystkie', { id: 'office.register.any' });
    const channels: ControlOption[] = [
      { value: '', label: any },
      { value: 'web', label: channelText('web') },
      ...CHANCELLERIES.map((c) => ({ value: `chancellery:${c}`, label: channelText(`chancellery:${c}`) })),
    ];
    const departments: ControlOption[] = [
      { value: '', label: any },
      ...this.departments.map((d) => ({ value: d, label: d })),
    ];
    const statuses: ControlOption[] = [
      { value: '', label: any },
      ...STATUSES.map((s) => ({ value: s, label: itemStatusText(s) })),
    ];
    return html`<form class="filters" role="search" novalidate @submit=${this.#onSearch}>
      <ebok-text-field
        id="q"
        name="q"
        maxlength="64"
        .label=${msg('Szukaj', { id: 'office.register.q' })}
        .hint=${msg('Numer lub identyfikator, PESEL, nazwisko lub nazwa nadawcy, znak pisma.', {
          id: 'office.register.q-hint',
        })}
      ></ebok-text-field>
      <ebok-select
        name="channel"
        .label=${msg('Kanał', { id: 'office.col.channel' })}
        .options=${channels}
      ></ebok-select>
      <ebok-select
        name="department"
        .label=${msg('Wydział', { id: 'office.new.department' })}
        .options=${departments}
      ></ebok-select>
      <ebok-select
        name="status"
        .label=${msg('Status', { id: 'office.col.status' })}
        .options=${statuses}
      ></ebok-select>
      <ebok-date-field name="from" .label=${msg('Wpłynęło od', { id: 'office.register.from' })}></ebok-date-field>
      <ebok-date-field name="to" .label=${msg('Wpłynęło do', { id: 'office.register.to' })}></ebok-date-field>
      <div class="actions">
        <button type="submit" class="primary">${msg('Szukaj', { id: 'office.register.search' })}</button>
      </div>
    </form>`;
  }

  #renderResults(): TemplateResult {
    return html`<table id="results">
      <caption>
        ${msg('Pisma w rejestrze, od najnowszych', { id: 'office.register.caption' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Numer w rejestrze', { id: 'office.col.number' })}</th>
          <th scope="col">${msg('Wpłynęło', { id: 'office.col.received' })}</th>
          <th scope="col">${msg('Kanał', { id: 'office.col.channel' })}</th>
          <th scope="col">${msg('Nadawca', { id: 'office.col.sender' })}</th>
          <th scope="col">${msg('Dotyczy', { id: 'office.col.subject' })}</th>
          <th scope="col">${msg('Wydział', { id: 'office.new.department' })}</th>
          <th scope="col">${msg('Status', { id: 'office.col.status' })}</th>
          <th scope="col">${msg('Sprawa', { id: 'office.col.case' })}</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          this.entries,
          (e) => e.registryNumber,
          (e) =>
            html`<tr data-number=${e.registryNumber}>
              <th scope="row" tabindex="-1">
                ${
                  e.channel.startsWith('chancellery:')
                    ? html`<a href=${labelPath(e.registryNumber)}
                        >${e.registryNumber}<span class="visually-hidden">
                          ${msg('(etykieta)', { id: 'office.register.label-link' })}</span
                        ></a
                      >`
                    : e.registryNumber
                }
              </th>
              <td>${formatDate(e.receivedAt, true)}</td>
              <td>${channelText(e.channel)}</td>
              <td>${senderName(e.sender)}</td>
              <td>${e.subject}</td>
              <td>${holder(e)}</td>
              <td>${itemStatusText(e.status)}</td>
              <td>${e.caseNumber ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderDay(): TemplateResult {
    const rows = this.dayEntries;
    return html`<section aria-labelledby="day-title">
      <h2 id="day-title" class="no-print">${msg('Rejestr dnia', { id: 'office.register.day' })}</h2>
      <form class="no-print actions" novalidate @submit=${this.#loadDay}>
        <ebok-date-field
          id="day"
          name="day"
          required
          .value=${this.day}
          .label=${msg('Dzień', { id: 'office.register.day-date' })}
        ></ebok-date-field>
        <button type="submit" id="day-show">${msg('Pokaż rejestr dnia', { id: 'office.register.day-show' })}</button>
      </form>
      ${this.dayError ? html`<p class="error no-print" role="alert">${this.dayError}</p>` : nothing}
      ${this.dayLoading ? html`<p class="no-print">${msg('Wczytywanie…', { id: 'office.loading' })}</p>` : nothing}
      ${
        rows
          ? html`<div class="print-only">
                <p><strong>${officeName()}</strong></p>
                <h2>
                  ${msg(str`Rejestr przesyłek wpływających — ${formatDate(this.day)}`, { id: 'office.register.day-print' })}
                </h2>
              </div>
              ${
                rows.length
                  ? html`<table id="day-report">
                      <caption class="no-print">
                        ${msg(str`Rejestr dnia ${formatDate(this.day)}`, { id: 'office.register.day-caption' })}
                      </caption>
                      <thead>
                        <tr>
                          ${this.#dayRows()[0]!.map((h) => html`<th scope="col">${h}</th>`)}
                        </tr>
                      </thead>
                      <tbody>
                        ${this.#dayRows()
                          .slice(1)
                          .map(
                            ([number, ...cells]) =>
                              html`<tr data-number=${number!}>
                                <th scope="row">${number}</th>
                                ${cells.map((c) => html`<td>${c}</td>`)}
                              </tr>`,
                          )}
                      </tbody>
                    </table>`
                  : html`<p>${msg('Tego dnia nic nie wpłynęło.', { id: 'office.register.day-empty' })}</p>`
              }
              <div class="actions no-print">
                <button type="button" id="day-print" @click=${() => window.print()}>
                  ${msg('Drukuj', { id: 'office.print' })}
                </button>
                <button type="button" id="day-csv" @click=${this.#downloadCsv}>
                  ${msg('Pobierz CSV', { id: 'office.register.csv' })}
                </button>
              </div>`
          : nothing
      }
    </section>`;
  }
}

customElements.define('ebok-office-register', EbokOfficeRegister);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-register': EbokOfficeRegister;
  }
}
