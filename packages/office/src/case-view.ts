import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Case, CaseEventRequest } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { formValues, openDialog } from './dialogs.js';
import { itemPath, lateNoticePath } from './routes.js';
import { consoleStyles } from './styles.js';
import {
  caseStatusText,
  deadlineStateText,
  errorText,
  eventText,
  type CaseEventType,
  type CaseStatus,
} from './texts.js';

/** The events each status allows, in the order the buttons stand (the API decides; this only offers them). */
const ALLOWED: Readonly<Record<CaseStatus, readonly CaseEventType[]>> = {
  open: ['suspended', 'waiting-for-resident', 'extended', 'decided', 'closed'],
  extended: ['suspended', 'waiting-for-resident', 'extended', 'decided', 'closed'],
  suspended: ['resumed', 'decided', 'closed'],
  'waiting-for-resident': ['resumed', 'decided', 'closed'],
  decided: ['closed'],
  closed: [],
};

function actionText(type: CaseEventType): string {
  switch (type) {
    case 'suspended':
      return msg('Zawieś', { id: 'office.action.suspend' });
    case 'resumed':
      return msg('Podejmij', { id: 'office.action.resume' });
    case 'extended':
      return msg('Przedłuż termin', { id: 'office.action.extend' });
    case 'waiting-for-resident':
      return msg('Czekaj na mieszkańca', { id: 'office.action.wait' });
    case 'decided':
      return msg('Rozstrzygnij', { id: 'office.action.decide' });
    case 'closed':
      return msg('Zakończ sprawę', { id: 'office.action.close' });
  }
}

const tomorrow = (): string => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * A case on one screen: its znak, status, deadline and how close it is, its items and events,
 * and the events its status allows, each with "inform the resident".
 *
 * @tagname ebok-office-case
 */
export class EbokOfficeCase extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .notice {
        white-space: pre-wrap;
        border-inline-start: 4px solid var(--ebok-color-warning, #8a5300);
        padding-inline-start: 0.75rem;
      }
    `,
  ];
  static override properties = {
    caseNumber: {},
    file: { state: true },
    error: { state: true },
    action: { state: true },
    dialogError: { state: true },
  };

  declare caseNumber: string;
  declare file: Case | undefined;
  declare error: string;
  /** The event whose dialog is open. */
  declare action: CaseEventType | undefined;
  declare dialogError: string;

  constructor() {
    super();
    this.caseNumber = '';
    this.file = undefined;
    this.error = '';
    this.action = undefined;
    this.dialogError = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseNumber') && this.caseNumber) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = '';
    try {
      this.file = await api<Case>(`/v1/cases/${encodeURIComponent(this.caseNumber)}`);
    } catch (e) {
      this.error = errorText(e);
    }
  }

  get #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>('#event')!;
  }

  async #open(type: CaseEventType): Promise<void> {
    this.action = type;
    this.dialogError = '';
    await this.updateComplete;
    openDialog(this.#dialog, () => this.renderRoot.querySelector<HTMLElement>('h1'));
  }

  async #record(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const type = this.action;
    const values = formValues(event.target as HTMLFormElement);
    if (!type || !values) return;
    const body: CaseEventRequest = { type, inform: values['inform'] === 'on' };
    if (values['reason']?.trim()) body.reason = values['reason'].trim();
    if (values['until']) body.until = values['until'];
    if (values['outcome']?.trim()) body.outcome = values['outcome'].trim();
    try {
      this.file = await api<Case>(`/v1/cases/${encodeURIComponent(this.caseNumber)}/events`, {
        method: 'POST',
        body,
      });
      this.#dialog.close();
      const status = caseStatusText(this.file.status);
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Zapisano: ${eventText(type)}. Status sprawy: ${status}.`, { id: 'office.case.recorded' }),
        ),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const c = this.file;
    return html`
      <h1 tabindex="-1">${msg(str`Sprawa ${this.caseNumber}`, { id: 'office.title.case' })}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${c ? this.#renderCase(c) : this.error ? nothing : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`}
    `;
  }

  #renderCase(c: Case): TemplateResult {
    const allowed = ALLOWED[c.status];
    return html`
      <dl>
        <dt>${msg('Tytuł', { id: 'office.case.title' })}</dt>
        <dd>${c.title}</dd>
        <dt>${msg('Status', { id: 'office.col.status' })}</dt>
        <dd id="status">${caseStatusText(c.status)}</dd>
        <dt>${msg('Termin załatwienia', { id: 'office.case.deadline' })}</dt>
        <dd>
          ${formatDate(c.deadline)} —
          <span class=${`state-${c.state}`}>${deadlineStateText(c.state)}</span>
        </dd>
        <dt>${msg('Wpłynęło do urzędu', { id: 'office.case.received' })}</dt>
        <dd>${formatDate(c.receivedOn)}</dd>
        <dt>${msg('Założona', { id: 'office.case.opened' })}</dt>
        <dd>${formatDate(c.openedAt, true)}</dd>
        <dt>${msg('Prowadzący', { id: 'office.case.officer' })}</dt>
        <dd>${c.officer ?? '—'}</dd>
        ${
          c.closedAt
            ? html`<dt>${msg('Zakończona', { id: 'office.case.closed-at' })}</dt>
                <dd>${formatDate(c.closedAt, true)}</dd>`
            : nothing
        }
        ${
          c.outcome
            ? html`<dt>${msg('Sposób załatwienia', { id: 'office.case.outcome' })}</dt>
                <dd>${c.outcome}</dd>`
            : nothing
        }
      </dl>
      ${
        allowed.length
          ? html`<h2>${msg('Działania', { id: 'office.col.actions' })}</h2>
              <div class="actions">
                ${allowed.map(
                  (type) =>
                    html`<button type="button" data-action=${type} @click=${() => this.#open(type)}>
                      ${actionText(type)}
                    </button>`,
                )}
              </div>`
          : nothing
      }
      ${
        c.lateNotice
          ? html`<h2>
                ${msg('Zawiadomienie o niezałatwieniu sprawy w terminie (art. 36 KPA)', { id: 'office.case.late-notice' })}
              </h2>
              <p class="notice">${c.lateNotice}</p>
              <p>
                <a href=${lateNoticePath(c.caseNumber)}
                  >${msg('Zawiadomienie do wydruku', { id: 'office.case.late-notice-print' })}</a
                >
              </p>`
          : nothing
      }
      <h2>${msg('Pisma w sprawie', { id: 'office.case.documents' })}</h2>
      <ul>
        ${c.documents.map((d) => html`<li><a href=${itemPath(c.department, d)}>${d}</a></li>`)}
      </ul>
      <h2>${msg('Zdarzenia', { id: 'office.case.events' })}</h2>
      ${
        c.events.length === 0
          ? html`<p>${msg('Brak zdarzeń.', { id: 'office.case.no-events' })}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${msg('Kiedy', { id: 'office.event.when' })}</th>
                  <th scope="col">${msg('Zdarzenie', { id: 'office.event.type' })}</th>
                  <th scope="col">${msg('Szczegóły', { id: 'office.event.details' })}</th>
                  <th scope="col">${msg('Mieszkaniec poinformowany', { id: 'office.event.inform' })}</th>
                  <th scope="col">${msg('Kto', { id: 'office.event.actor' })}</th>
                </tr>
              </thead>
              <tbody>
                ${c.events.map(
                  (e) =>
                    html`<tr>
                      <td>${formatDate(e.at, true)}</td>
                      <td>${eventText(e.type)}</td>
                      <td>
                        ${[
                          e.reason,
                          e.until && msg(str`nowy termin: ${formatDate(e.until)}`, { id: 'office.event.until' }),
                          e.outcome,
                        ]
                          .filter(Boolean)
                          .join('; ')}
                      </td>
                      <td>${e.inform ? msg('tak', { id: 'office.yes' }) : msg('nie', { id: 'office.no' })}</td>
                      <td>${e.actor}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${this.#renderDialog(c)}
    `;
  }

  #renderDialog(c: Case): TemplateResult {
    const type = this.action;
    const reason = type === 'suspended' || type === 'extended' || type === 'waiting-for-resident';
    const outcome = type === 'decided' || type === 'closed';
    return html`<dialog id="event" aria-labelledby="event-title">
      <form novalidate @submit=${this.#record}>
        <h2 id="event-title">${type ? actionText(type) : ''}</h2>
        ${
          type === 'extended'
            ? html`<ebok-date-field
                name="until"
                required
                min=${tomorrow()}
                .label=${msg('Nowy termin załatwienia', { id: 'office.dialog.until' })}
              ></ebok-date-field>`
            : nothing
        }
        ${
          reason
            ? html`<ebok-textarea
                name="reason"
                required
                maxlength="2000"
                .label=${msg('Powód', { id: 'office.dialog.reason' })}
              ></ebok-textarea>`
            : nothing
        }
        ${
          outcome
            ? html`<ebok-textarea
                name="outcome"
                ?required=${type === 'decided' || !c.outcome}
                maxlength="2000"
                .label=${msg('Sposób załatwienia', { id: 'office.case.outcome' })}
                .hint=${msg('Np. wydano decyzję, udzielono odpowiedzi.', { id: 'office.dialog.outcome-hint' })}
              ></ebok-textarea>`
            : nothing
        }
        <ebok-checkbox
          name="inform"
          .label=${msg('Poinformuj mieszkańca', { id: 'office.dialog.inform' })}
        ></ebok-checkbox>
        <p class="error" role="alert">${this.dialogError}</p>
        <div class="actions">
          <button type="submit" class="primary">${msg('Zapisz', { id: 'office.save' })}</button>
          <button type="button" @click=${() => this.#dialog.close()}>${msg('Anuluj', { id: 'office.cancel' })}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('ebok-office-case', EbokOfficeCase);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-case': EbokOfficeCase;
  }
}
