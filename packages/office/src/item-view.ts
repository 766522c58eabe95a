import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CasePage, DepartmentDocument, RegisterEntry, RegisterPage } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { formValues, openDialog } from './dialogs.js';
import { applicationOf, attachmentLabel, renderApplication, type Application } from './item-application.js';
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
import { renderAttachments, renderReceipt, renderVerdict } from './item-parts.js';
import { casePath, inboxPath, navigate } from './routes.js';
import { consoleStyles } from './styles.js';
import { channelText, errorText, itemStatusText, senderName } from './texts.js';

type DialogId = 'forward' | 'case' | 'attach';

/**
 * One registered item as its department reads it: the register entry, the application as the
 * resident filled it (the procedure's steps and labels), the signature's verdict, the receipt,
 * the attachments shown and downloadable; and what the inbox does with it: accept it, forward it
 * with a reason, open a case on it or attach it to a case.
 *
 * @tagname ebok-office-item
 */
export class EbokOfficeItem extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .verdict {
        padding-inline-start: 0.75rem;
        border-inline-start: 4px solid;
        font-weight: 600;
      }
      .verdict.good {
        border-color: var(--ebok-color-success, #1e6b34);
      }
      .verdict.bad {
        border-color: var(--ebok-color-error, #b3261e);
      }
      dl.summary {
        display: block;
      }
      dl.summary > div {
        display: grid;
        grid-template-columns: minmax(10rem, 2fr) 3fr;
        gap: 1rem;
        padding-block: 0.25rem;
        border-block-end: 1px solid #767676;
      }
      dl.summary dd:empty {
        display: none;
      }
      .digest {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      .attachments {
        list-style: none;
        padding: 0;
      }
      .preview {
        display: block;
        max-width: 100%;
        border: 1px solid #767676;
      }
      iframe.preview {
        width: 100%;
        height: 32rem;
      }
      h3 {
        font-size: 1.05rem;
      }
      @media print {
        .actions,
        dialog,
        iframe.preview {
          display: none !important;
        }
      }
    `,
  ];
  static override properties = {
    department: {},
    registryNumber: {},
    doc: { state: true },
    status: { state: true },
    application: { state: true },
    error: { state: true },
    dialogError: { state: true },
    departments: { state: true },
    cases: { state: true },
  };

  declare department: string;
  declare registryNumber: string;
  declare doc: DepartmentDocument | undefined;
  /** The item's status in the register, and its case once it has one. */
  declare status: Pick<RegisterEntry, 'status' | 'caseNumber'> | undefined;
  declare application: Application | undefined;
  declare error: string;
  declare dialogError: string;
  declare departments: string[];
  declare cases: CasePage['cases'] | undefined;

  constructor() {
    super();
    this.department = '';
    this.registryNumber = '';
    this.doc = undefined;
    this.status = undefined;
    this.application = undefined;
    this.error = '';
    this.dialogError = '';
    this.departments = [];
    this.cases = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('department') || changed.has('registryNumber')) && this.department && this.registryNumber)
      void this.#load();
  }

  async #load(): Promise<void> {
    this.error = '';
    try {
      const doc = await api<DepartmentDocument>(itemApiPath(this.department, this.registryNumber));
      this.application = await applicationOf(doc);
      this.doc = doc;
      await this.#loadStatus();
    } catch (e) {
      this.error = errorText(e);
    }
  }

  async #loadStatus(): Promise<void> {
    const q = new URLSearchParams({ department: this.department, q: this.registryNumber, limit: '1' });
    const page = await api<RegisterPage>(`/v1/register?${q}`);
    const found = page.entries.find((e) => e.registryNumber === this.registryNumber);
    this.status = found ? { status: found.status, caseNumber: found.caseNumber } : undefined;
  }

  #dialog(id: DialogId): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>(`#${id}`)!;
  }

  async #open(id: DialogId): Promise<void> {
    this.dialogError = '';
    if (id === 'forward' && !this.departments.length)
      this.departments = await forwardTargets(this.department).catch((e: unknown) => {
        this.dialogError = errorText(e);
        return [];
      });
    if (id === 'attach') {
      this.cases = undefined;
      this.cases = await openCases(this.department).catch((e: unknown) => {
        this.dialogError = errorText(e);
        return [];
      });
    }
    await this.updateComplete;
    openDialog(this.#dialog(id), () => this.renderRoot.querySelector<HTMLElement>('#status'));
  }

  #announce(text: string): void {
    this.dispatchEvent(new AnnounceEvent(text));
  }

  async #accept(): Promise<void> {
    try {
      await api(itemApiPath(this.department, this.registryNumber, 'acceptance'), { method: 'POST' });
      this.status = { ...this.status, status: 'accepted' };
      this.#announce(msg(str`Przyjęto pismo ${this.registryNumber}.`, { id: 'office.inbox.accepted' }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('button[data-action="case"]')?.focus();
    } catch (e) {
      this.#announce(errorText(e));
    }
  }

  #forward = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const values = formValues(event.target as HTMLFormElement);
    if (!values) return;
    try {
      await api(itemApiPath(this.department, this.registryNumber, 'forwarding'), {
        method: 'POST',
        body: { to: values['to'], reason: values['reason'] },
      });
      this.#dialog('forward').close();
      // The item has left the department: back to its inbox, with what was done.
      navigate(inboxPath(this.department));
      this.#announce(
        msg(str`Przekazano pismo ${this.registryNumber} do ${values['to'] ?? ''}.`, { id: 'office.inbox.forwarded' }),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  };

  #openCase = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const values = formValues(event.target as HTMLFormElement);
    if (!values) return;
    try {
      const opened = await openCase(this.registryNumber, values);
      this.#dialog('case').close();
      navigate(casePath(opened.caseNumber));
      this.#announce(msg(str`Założono sprawę ${opened.caseNumber}.`, { id: 'office.inbox.case-opened' }));
    } catch (e) {
      this.dialogError = errorText(e);
    }
  };

  #attach = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const values = formValues(event.target as HTMLFormElement);
    if (!values?.['case']) return;
    try {
      const joined = await attachToCase(values['case'], this.registryNumber);
      this.#dialog('attach').close();
      this.status = { status: 'case-opened', caseNumber: joined.caseNumber };
      // The register's word for it now (the case's status).
      await this.#loadStatus().catch(() => undefined);
      this.#announce(
        msg(str`Dołączono pismo ${this.registryNumber} do sprawy ${joined.caseNumber}.`, { id: 'office.attach.done' }),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#status')?.focus();
    } catch (e) {
      this.dialogError = errorText(e);
    }
  };

  #dialogOf(id: DialogId, submit: (event: SubmitEvent) => void): ItemDialog {
    return {
      registryNumber: this.registryNumber,
      error: this.dialogError,
      submit,
      close: () => this.#dialog(id).close(),
    };
  }

  protected override render(): TemplateResult {
    const doc = this.doc;
    return html`
      <h1 tabindex="-1">${msg(str`Pismo ${this.registryNumber}`, { id: 'office.title.item' })}</h1>
      <p>
        <a href=${inboxPath(this.department)}>${msg(str`Skrzynka ${this.department}`, { id: 'office.title.inbox' })}</a>
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${doc ? this.#renderItem(doc) : this.error ? nothing : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`}
    `;
  }

  #renderItem(doc: DepartmentDocument): TemplateResult {
    const e = doc.entry;
    return html`
      <dl>
        <dt>${msg('Dotyczy', { id: 'office.col.subject' })}</dt>
        <dd>${e.subject}</dd>
        <dt>${msg('Wpłynęło', { id: 'office.col.received' })}</dt>
        <dd>${formatDate(e.receivedAt, true)}</dd>
        <dt>${msg('Kanał', { id: 'office.item.channel' })}</dt>
        <dd>${channelText(e.channel)}</dd>
        <dt>${msg('Nadawca', { id: 'office.col.sender' })}</dt>
        <dd>${typeof e.sender === 'string' ? e.sender : senderName(e.sender)}</dd>
        <dt>${msg('Status', { id: 'office.col.status' })}</dt>
        <dd id="status" tabindex="-1">
          ${itemStatusText(this.status?.status)}
          ${
            this.status?.caseNumber
              ? html`—
                  <a href=${casePath(this.status.caseNumber)}
                    >${msg(str`sprawa ${this.status.caseNumber}`, { id: 'office.item.in-case' })}</a
                  >`
              : nothing
          }
        </dd>
      </dl>
      ${this.#renderActions()}
      <h2>${msg('Treść pisma', { id: 'office.item.content' })}</h2>
      ${renderApplication(this.application)} ${renderVerdict(doc.verdict)} ${renderReceipt(doc)}
      ${renderAttachments(doc.attachments, (name) => attachmentLabel(this.application, name) ?? name)}
      ${renderForwardDialog(this.#dialogOf('forward', this.#forward), this.departments)}
      ${renderCaseDialog(this.#dialogOf('case', this.#openCase), !doc.entry.procedure)}
      ${renderAttachDialog(this.#dialogOf('attach', this.#attach), this.cases)}
    `;
  }

  #renderActions(): TemplateResult | typeof nothing {
    const status = this.status?.status;
    // In a case already, or not (or no longer) in this department's inbox: nothing to do here.
    if (!status || !['registered', 'assigned', 'forwarded', 'accepted'].includes(status)) return nothing;
    return html`<h2>${msg('Działania', { id: 'office.col.actions' })}</h2>
      <div class="actions">
        ${
          status !== 'accepted'
            ? html`<button type="button" data-action="accept" @click=${this.#accept}>
                ${msg('Przyjmij', { id: 'office.inbox.accept' })}
              </button>`
            : nothing
        }
        <button type="button" data-action="forward" @click=${() => this.#open('forward')}>
          ${msg('Przekaż', { id: 'office.inbox.forward' })}
        </button>
        <button type="button" data-action="case" @click=${() => this.#open('case')}>
          ${msg('Załóż sprawę', { id: 'office.inbox.open-case' })}
        </button>
        <button type="button" data-action="attach" @click=${() => this.#open('attach')}>
          ${msg('Dołącz do sprawy', { id: 'office.attach.submit' })}
        </button>
      </div>`;
  }
}

customElements.define('ebok-office-item', EbokOfficeItem);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-item': EbokOfficeItem;
  }
}
