import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import type { CasePage, RegisterEntry, RegisterPage } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import type { AssignedEvent } from './assign-dialog.js';
import './assign-dialog.js';
import { api } from './api.js';
import { formValues, openDialog } from './dialogs.js';
import {
  attachToCase,
  forwardTargets,
  itemApiPath,
  openCase,
  openCases,
  renderAttachDialog,
  renderCaseDialog,
  renderForwardDialog,
  type ItemDialog,
} from './item-dialogs.js';
import { casePath, itemPath, navigate } from './routes.js';
import { consoleStyles } from './styles.js';
import { deadlineStateText, errorText, itemStatusText, senderName } from './texts.js';

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
    cases: { state: true },
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
  /** The department's open cases an item may join (loaded when that dialog opens). */
  declare cases: CasePage['cases'] | undefined;

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
    this.cases = undefined;
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
      this.departments = await forwardTargets(this.department);
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  async #openCases(): Promise<void> {
    this.cases = undefined;
    try {
      this.cases = await openCases(this.department);
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

  async #open(entry: RegisterEntry, id: 'forward' | 'case' | 'attach'): Promise<void> {
    this.current = entry;
    this.dialogError = '';
    if (id === 'forward') void this.#catalogueDepartments();
    if (id === 'attach') await this.#openCases();
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
    return itemApiPath(this.department, entry.registryNumber, action);
  }

  #forward = async (event: SubmitEvent): Promise<void> => {
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
  };

  #openCase = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const entry = this.current;
    const values = formValues(event.target as HTMLFormElement);
    if (!entry || !values) return;
    try {
      const opened = await openCase(entry.registryNumber, values);
      this.#dialog('case').close();
      // The case's page next (a new page clears the announcements), with what was done.
      navigate(casePath(opened.caseNumber));
      this.dispatchEvent(
        new AnnounceEvent(msg(str`Założono sprawę ${opened.caseNumber}.`, { id: 'office.inbox.case-opened' })),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  };

  #attach = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const entry = this.current;
    const values = formValues(event.target as HTMLFormElement);
    if (!entry || !values?.['case']) return;
    try {
      const joined = await attachToCase(values['case'], entry.registryNumber);
      this.entries = this.entries.filter((e) => e.registryNumber !== entry.registryNumber);
      this.#dialog('attach').close();
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Dołączono pismo ${entry.registryNumber} do sprawy ${joined.caseNumber}.`, {
            id: 'office.attach.done',
          }),
        ),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  };

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
      ${renderForwardDialog(this.#dialogOf('forward', this.#forward), this.departments)}
      ${renderCaseDialog(this.#dialogOf('case', this.#openCase), !this.current?.procedure)}
      ${renderAttachDialog(this.#dialogOf('attach', this.#attach), this.cases)}
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
          <th scope="col">${msg('Termin', { id: 'office.col.due' })}</th>
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
              <th scope="row" tabindex="-1">
                <a href=${itemPath(this.department, e.registryNumber)}>${e.registryNumber}</a>
              </th>
              <td>${formatDate(e.receivedAt, true)}</td>
              <td class="number">${ageInDays(e.receivedAt, now)}</td>
              <td>
                ${
                  e.dueOn
                    ? html`${formatDate(e.dueOn)}<br /><span class=${`state-${e.deadlineState ?? 'in-time'}`}
                          >${deadlineStateText(e.deadlineState ?? 'in-time')}</span
                        >`
                    : '—'
                }
              </td>
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
                  <button type="button" data-action="attach" @click=${() => this.#open(e, 'attach')}>
                    ${msg('Dołącz do sprawy', { id: 'office.attach.submit' })}<span class="visually-hidden">
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

  #dialogOf(id: 'forward' | 'case' | 'attach', submit: (event: SubmitEvent) => void): ItemDialog {
    return {
      registryNumber: this.current?.registryNumber ?? '',
      error: this.dialogError,
      submit,
      close: () => this.#dialog(id).close(),
    };
  }
}

customElements.define('ebok-office-inbox', EbokOfficeInbox);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-inbox': EbokOfficeInbox;
  }
}
