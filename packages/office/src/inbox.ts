import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import type { Case, Catalogue, RegisterEntry, RegisterPage } from '@ebok/schemas/api';
import { EbokElement, formatDate, type ControlOption } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import type { AssignedEvent } from './assign-dialog.js';
import './assign-dialog.js';
import { api } from './api.js';
import { formValues, openDialog } from './dialogs.js';
import { casePath, navigate } from './routes.js';
import { consoleStyles } from './styles.js';
import { errorText, itemStatusText, senderName } from './texts.js';

/** The statuses of items a department holds that are not in a case yet. */
const WAITING: ReadonlySet<string> = new Set(['registered', 'assigned', 'forwarded', 'accepted']);
const DAY = 24 * 60 * 60 * 1000;

/** Whole days since the office received an item. */
export function ageInDays(receivedAt: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(receivedAt).getTime()) / DAY));
}

/**
 * A department's inbox: the items it holds that are not in a case yet, newest first, with their
 * age; each accepted, forwarded with a reason, or made into a case.
 *
 * @tagname ebok-office-inbox
 */
export class EbokOfficeInbox extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    department: {},
    head: { type: Boolean },
    entries: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
    dialogError: { state: true },
    current: { state: true },
    departments: { state: true },
  };

  declare department: string;
  /** Whether the reader heads the department: they assign its items to its officers. */
  declare head: boolean;
  declare entries: RegisterEntry[];
  declare next: string | undefined;
  declare loading: boolean;
  declare error: string;
  declare dialogError: string;
  /** The item a dialog is open for. */
  declare current: RegisterEntry | undefined;
  /** The departments an item may be forwarded to (from the catalogue of procedures). */
  declare departments: string[];

  constructor() {
    super();
    this.department = '';
    this.head = false;
    this.entries = [];
    this.next = undefined;
    this.loading = false;
    this.error = '';
    this.dialogError = '';
    this.current = undefined;
    this.departments = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('department') && this.department) {
      this.entries = [];
      this.next = undefined;
      void this.#load();
    }
  }

  async #load(cursor?: string): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const q = new URLSearchParams({ department: this.department, limit: '50' });
      if (cursor) q.set('cursor', cursor);
      const page = await api<RegisterPage>(`/v1/register?${q}`);
      const waiting = page.entries.filter((e) => WAITING.has(e.status ?? ''));
      const before = this.entries.length;
      this.entries = [...this.entries, ...waiting];
      this.next = page.next;
      this.loading = false;
      if (cursor) {
        this.dispatchEvent(
          new AnnounceEvent(msg(str`Wczytano kolejne pisma: ${waiting.length}.`, { id: 'office.inbox.loaded-more' })),
        );
        // Focus goes to the first item loaded now (or stays on "load more" when none came).
        await this.updateComplete;
        const first = this.renderRoot.querySelectorAll<HTMLElement>('tbody th')[before];
        (first ?? this.renderRoot.querySelector<HTMLElement>('#more') ?? this.renderRoot.querySelector('h1'))?.focus();
      }
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  async #catalogueDepartments(): Promise<void> {
    if (this.departments.length) return;
    try {
      const catalogue = await api<Catalogue>('/v1/procedures');
      this.departments = [...new Set(catalogue.map((p) => p.department))].filter((d) => d !== this.department).sort();
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  #dialog(id: string): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>(`#${id}`)!;
  }

  #rowButton(entry: RegisterEntry | undefined, action: string): HTMLElement | null {
    const row = entry && this.renderRoot.querySelector(`tr[data-number="${CSS.escape(entry.registryNumber)}"]`);
    return (
      row?.querySelector<HTMLElement>(`button[data-action="${action}"]`) ??
      this.renderRoot.querySelector<HTMLElement>('h1')
    );
  }

  async #open(entry: RegisterEntry, id: 'forward' | 'case'): Promise<void> {
    this.current = entry;
    this.dialogError = '';
    if (id === 'forward') void this.#catalogueDepartments();
    await this.updateComplete;
    openDialog(this.#dialog(id), () => this.renderRoot.querySelector<HTMLElement>('h1'));
  }

  async #accept(entry: RegisterEntry): Promise<void> {
    try {
      await api(this.#itemPath(entry, 'acceptance'), { method: 'POST' });
      this.entries = this.entries.map((e) =>
        e.registryNumber === entry.registryNumber ? { ...e, status: 'accepted' as const } : e,
      );
      this.dispatchEvent(
        new AnnounceEvent(msg(str`Przyjęto pismo ${entry.registryNumber}.`, { id: 'office.inbox.accepted' })),
      );
      await this.updateComplete;
      // The accept button is gone: the next step of the same item has focus.
      this.#rowButton(entry, 'case')?.focus();
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(e)));
    }
  }

  #assigned = (event: Event): void => {
    const { registryNumber } = event as AssignedEvent;
    this.entries = this.entries.map((e) =>
      e.registryNumber === registryNumber ? { ...e, status: 'assigned' as const } : e,
    );
  };

  #assign(entry: RegisterEntry): void {
    void this.renderRoot
      .querySelector('ebok-office-assign')
      ?.open(entry, () => this.renderRoot.querySelector<HTMLElement>('h1'));
  }

  #itemPath(entry: RegisterEntry, action: string): string {
    return `/v1/departments/${this.department}/documents/${encodeURIComponent(entry.registryNumber)}/${action}`;
  }

  async #forward(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const entry = this.current;
    const values = formValues(event.target as HTMLFormElement);
    if (!entry || !values) return;
    try {
      await api(this.#itemPath(entry, 'forwarding'), {
        method: 'POST',
        body: { to: values['to'], reason: values['reason'] },
      });
      this.entries = this.entries.filter((e) => e.registryNumber !== entry.registryNumber);
      this.#dialog('forward').close();
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Przekazano pismo ${entry.registryNumber} do ${values['to'] ?? ''}.`, {
            id: 'office.inbox.forwarded',
          }),
        ),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  async #openCase(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const entry = this.current;
    const values = formValues(event.target as HTMLFormElement);
    if (!entry || !values) return;
    try {
      const opened = await api<Case>('/v1/cases', {
        method: 'POST',
        body: {
          registryNumber: entry.registryNumber,
          ...(values['jrwa'] && { jrwa: values['jrwa'] }),
          ...(values['title']?.trim() && { title: values['title'].trim() }),
        },
      });
      this.#dialog('case').close();
      // The case's page next (a new page clears the announcements), with what was done.
      navigate(casePath(opened.caseNumber));
      this.dispatchEvent(
        new AnnounceEvent(msg(str`Założono sprawę ${opened.caseNumber}.`, { id: 'office.inbox.case-opened' })),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg(str`Skrzynka ${this.department}`, { id: 'office.title.inbox' })}</h1>
      <p class="muted">
        ${msg('Pisma wydziału, które nie są jeszcze w sprawie, od najnowszych.', { id: 'office.inbox.intro' })}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.entries.length === 0 && !this.loading && !this.error
          ? html`<p>${msg('Brak nowych pism.', { id: 'office.inbox.empty' })}</p>`
          : this.#renderTable()
      }
      <div class="actions">
        ${this.loading ? html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>` : nothing}
        ${
          this.next
            ? html`<button id="more" type="button" @click=${() => !this.loading && this.#load(this.next)}>
                ${msg('Wczytaj więcej', { id: 'office.inbox.more' })}
              </button>`
            : nothing
        }
      </div>
      ${this.#renderForwardDialog()} ${this.#renderCaseDialog()}
      ${
        this.head
          ? html`<ebok-office-assign
              .department=${this.department}
              @office-assigned=${this.#assigned}
            ></ebok-office-assign>`
          : nothing
      }
    `;
  }

  #renderTable(): TemplateResult {
    const now = Date.now();
    return html`<table>
      <caption class="visually-hidden">
        ${msg('Pisma w skrzynce', { id: 'office.inbox.caption' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Numer w rejestrze', { id: 'office.col.number' })}</th>
          <th scope="col">${msg('Wpłynęło', { id: 'office.col.received' })}</th>
          <th scope="col">${msg('Dni od wpływu', { id: 'office.col.age' })}</th>
          <th scope="col">${msg('Nadawca', { id: 'office.col.sender' })}</th>
          <th scope="col">${msg('Dotyczy', { id: 'office.col.subject' })}</th>
          <th scope="col">${msg('Status', { id: 'office.col.status' })}</th>
          <th scope="col">${msg('Działania', { id: 'office.col.actions' })}</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          this.entries,
          (e) => e.registryNumber,
          (e) =>
            html`<tr data-number=${e.registryNumber}>
              <th scope="row" tabindex="-1">${e.registryNumber}</th>
              <td>${formatDate(e.receivedAt, true)}</td>
              <td class="number">${ageInDays(e.receivedAt, now)}</td>
              <td>${senderName(e.sender)}</td>
              <td>${e.subject}</td>
              <td>${itemStatusText(e.status)}</td>
              <td>
                <div class="actions">
                  ${
                    e.status !== 'accepted'
                      ? html`<button type="button" data-action="accept" @click=${() => this.#accept(e)}>
                          ${msg('Przyjmij', { id: 'office.inbox.accept' })}<span class="visually-hidden">
                            ${e.registryNumber}</span
                          >
                        </button>`
                      : nothing
                  }
                  ${
                    this.head
                      ? html`<button type="button" data-action="assign" @click=${() => this.#assign(e)}>
                          ${msg('Przydziel urzędnikowi', { id: 'office.head.assign' })}<span class="visually-hidden">
                            ${e.registryNumber}</span
                          >
                        </button>`
                      : nothing
                  }
                  <button type="button" data-action="forward" @click=${() => this.#open(e, 'forward')}>
                    ${msg('Przekaż', { id: 'office.inbox.forward' })}<span class="visually-hidden">
                      ${e.registryNumber}</span
                    >
                  </button>
                  <button type="button" data-action="case" @click=${() => this.#open(e, 'case')}>
                    ${msg('Załóż sprawę', { id: 'office.inbox.open-case' })}<span class="visually-hidden">
                      ${e.registryNumber}</span
                    >
                  </button>
                </div>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderDialogError(): TemplateResult {
    return html`<p class="error" role="alert">${this.dialogError}</p>`;
  }

  #renderForwardDialog(): TemplateResult {
    const options: ControlOption[] = this.departments.map((d) => ({ value: d, label: d }));
    return html`<dialog id="forward" aria-labelledby="forward-title">
      <form novalidate @submit=${this.#forward}>
        <h2 id="forward-title">
          ${msg(str`Przekaż pismo ${this.current?.registryNumber ?? ''}`, { id: 'office.forward.title' })}
        </h2>
        <ebok-select
          name="to"
          required
          .label=${msg('Do wydziału', { id: 'office.forward.to' })}
          .options=${options}
        ></ebok-select>
        <ebok-textarea
          name="reason"
          required
          maxlength="2000"
          .label=${msg('Powód przekazania', { id: 'office.forward.reason' })}
          .hint=${msg('Np. sprawa należy do innego wydziału.', { id: 'office.forward.reason-hint' })}
        ></ebok-textarea>
        ${this.#renderDialogError()}
        <div class="actions">
          <button type="submit" class="primary">${msg('Przekaż', { id: 'office.inbox.forward' })}</button>
          <button type="button" @click=${() => this.#dialog('forward').close()}>
            ${msg('Anuluj', { id: 'office.cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #renderCaseDialog(): TemplateResult {
    const needsClass = !this.current?.procedure;
    return html`<dialog id="case" aria-labelledby="case-title">
      <form novalidate @submit=${this.#openCase}>
        <h2 id="case-title">
          ${msg(str`Załóż sprawę na piśmie ${this.current?.registryNumber ?? ''}`, { id: 'office.case-dialog.title' })}
        </h2>
        <ebok-text-field
          name="jrwa"
          ?required=${needsClass}
          pattern="[0-9]{1,4}"
          maxlength="4"
          .label=${msg('Klasa JRWA', { id: 'office.case-dialog.jrwa' })}
          .hint=${
            needsClass
              ? msg('Od 1 do 4 cyfr, np. 6640.', { id: 'office.case-dialog.jrwa-hint' })
              : msg('Od 1 do 4 cyfr; bez niej — klasa z procedury.', { id: 'office.case-dialog.jrwa-hint-procedure' })
          }
        ></ebok-text-field>
        <ebok-text-field
          name="title"
          maxlength="500"
          .label=${msg('Tytuł sprawy', { id: 'office.case-dialog.title-field' })}
          .hint=${msg('Bez niego — temat pisma.', { id: 'office.case-dialog.title-hint' })}
        ></ebok-text-field>
        ${this.#renderDialogError()}
        <div class="actions">
          <button type="submit" class="primary">${msg('Załóż sprawę', { id: 'office.inbox.open-case' })}</button>
          <button type="button" @click=${() => this.#dialog('case').close()}>
            ${msg('Anuluj', { id: 'office.cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('ebok-office-inbox', EbokOfficeInbox);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-inbox': EbokOfficeInbox;
  }
}
