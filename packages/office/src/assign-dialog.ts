import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AssignmentRequest, RegisterEntry } from '@ebok/schemas/api';
import { EbokElement } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { formValues, openDialog } from './dialogs.js';
import { officerName, officerOptions, officersOf, type Officer } from './directory.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

/** What an assignment made: the item and who has it now (bubbles out to the inbox). */
export class AssignedEvent extends Event {
  constructor(
    readonly registryNumber: string,
    readonly officer: string,
  ) {
    super('office-assigned', { bubbles: true, composed: true });
  }
}

/**
 * A head's assignment of an item of their department to one of its officers: the officer, a
 * deadline (never past the first one, which the server keeps), and a note.
 *
 * @tagname ebok-office-assign
 */
export class EbokOfficeAssign extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    department: {},
    entry: { state: true },
    officers: { state: true },
    error: { state: true },
  };

  declare department: string;
  declare entry: RegisterEntry | undefined;
  declare officers: Officer[];
  declare error: string;

  constructor() {
    super();
    this.department = '';
    this.entry = undefined;
    this.officers = [];
    this.error = '';
  }

  #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>('dialog')!;
  }

  /** Opens the dialog for an item; focus goes back to `fallback` if what had it is gone when it closes. */
  async open(entry: RegisterEntry, fallback: () => HTMLElement | null): Promise<void> {
    this.entry = entry;
    this.error = '';
    try {
      if (this.officers.length === 0) this.officers = await officersOf(this.department);
    } catch (e) {
      this.error = errorText(e);
    }
    await this.updateComplete;
    openDialog(this.#dialog(), fallback);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const entry = this.entry;
    const values = formValues(event.target as HTMLFormElement);
    if (!entry || !values) return;
    const officer = values['officer'] ?? '';
    const body: AssignmentRequest = {
      department: this.department,
      officer,
      ...(values['deadline'] && { deadline: values['deadline'] }),
      ...(values['note']?.trim() && { note: values['note'].trim() }),
    };
    try {
      await api(`/v1/register/${encodeURIComponent(entry.registryNumber)}/assignment`, { method: 'POST', body });
      this.#dialog().close();
      this.dispatchEvent(new AssignedEvent(entry.registryNumber, officer));
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Przydzielono pismo ${entry.registryNumber}: ${officerName(this.officers, officer)}.`, {
            id: 'office.head.assigned',
          }),
        ),
      );
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    return html`<dialog id="assign" aria-labelledby="assign-title">
      <form novalidate @submit=${this.#submit}>
        <h2 id="assign-title">
          ${msg(str`Przydziel pismo ${this.entry?.registryNumber ?? ''} urzędnikowi`, { id: 'office.head.assign-title' })}
        </h2>
        <ebok-select
          name="officer"
          required
          .label=${msg('Urzędnik', { id: 'office.head.officer' })}
          .options=${officerOptions(this.officers)}
        ></ebok-select>
        <ebok-date-field
          name="deadline"
          .label=${msg('Termin załatwienia (opcjonalnie)', { id: 'office.assign.deadline' })}
          .hint=${msg('Nie później niż pierwszy termin pisma.', { id: 'office.head.deadline-hint' })}
        ></ebok-date-field>
        <ebok-textarea
          name="note"
          maxlength="2000"
          .label=${msg('Dyspozycja (opcjonalnie)', { id: 'office.assign.note' })}
        ></ebok-textarea>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">${msg('Przydziel', { id: 'office.new.assign' })}</button>
          <button type="button" @click=${() => this.#dialog().close()}>
            ${msg('Anuluj', { id: 'office.cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('ebok-office-assign', EbokOfficeAssign);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-assign': EbokOfficeAssign;
  }
}
