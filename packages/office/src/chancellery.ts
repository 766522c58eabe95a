import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AssignmentRequest, ChancelleryDocument, ChancelleryRegistration } from '@ebok/schemas/api';
import { EbokElement, formatDate, type ControlOption } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api, upload } from './api.js';
import { departmentsFromCatalogue } from './catalogue.js';
import './department-suggestion.js';
import { formValues, openDialog } from './dialogs.js';
import { problemIssues, renderErrorSummary, type FieldControl, type Issue } from './error-summary.js';
import { labelPath } from './routes.js';
import { consoleStyles, formStyles } from './styles.js';
import { accessLevelText, channelText, deliveryMethodText, errorText } from './texts.js';

const CHANCELLERY_KEY = 'ebok-office-chancellery';
/** The office's chancelleries. */
export const CHANCELLERIES = ['k1', 'k2'] as const;

/** The chancellery this browser works for (the clerk's last choice). */
export function currentChancellery(): string {
  const saved = localStorage.getItem(CHANCELLERY_KEY);
  return CHANCELLERIES.find((c) => c === saved) ?? CHANCELLERIES[0];
}

export function chancelleryText(id: string): string {
  return channelText(`chancellery:${id}`);
}

/** A document's date as it bears it: a day, a month or only a year. */
export const PARTIAL_DATE = '[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?';
const SCAN_TYPES = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';
const SCAN_MEDIA = /^(application\/pdf|image\/(jpeg|png|tiff))$/;
const SCAN_NAME = /\.(pdf|jpe?g|png|tiff?)$/i;
const ACCESS_LEVELS = ['not-public', 'public-in-part', 'public'] as const;
const DELIVERY_METHODS = ['post', 'in-person', 'courier', 'e-delivery', 'epuap', 'other'] as const;

/**
 * Registering a paper item at a chancellery: every field of the register's entry (annex 1 part A),
 * the scans uploaded with their progress; then its number, large, to assign it and print its label.
 *
 * @tagname ebok-office-chancellery
 */
export class EbokOfficeChancellery extends EbokElement {
  static override styles = [
    consoleStyles,
    formStyles,
    css`
      .field {
        margin-block-end: 1.5rem;
      }
      .file input {
        margin-block: 0.25rem;
      }
      progress {
        width: 100%;
        max-width: 24rem;
        height: 1rem;
      }
      .number {
        font-size: 2.5rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.02em;
        margin: 0 0 0.5rem;
      }
      ul.files {
        margin: 0.25rem 0 0;
      }
    `,
  ];

  static override properties = {
    departments: { state: true },
    chancellery: { state: true },
    issues: { state: true },
    fileError: { state: true },
    files: { state: true },
    progress: { state: true },
    sending: { state: true },
    registered: { state: true },
    assigned: { state: true },
    dialogError: { state: true },
    typed: { state: true },
  };

  declare departments: string[];
  declare chancellery: string;
  declare issues: Issue[];
  declare fileError: string;
  declare files: File[];
  /** The share of the scans sent, 0 to 1, while sending. */
  declare progress: number;
  declare sending: boolean;
  declare registered: (ChancelleryRegistration & { department: string; scans: number }) | undefined;
  /** Where the registered item was assigned. */
  declare assigned: string;
  declare dialogError: string;
  /** The sender, subject and department as typed so far: what the department's suggestion goes by. */
  declare typed: { sender: string; subject: string; department: string };

  constructor() {
    super();
    this.departments = [];
    this.chancellery = currentChancellery();
    this.issues = [];
    this.fileError = '';
    this.files = [];
    this.progress = 0;
    this.sending = false;
    this.registered = undefined;
    this.assigned = '';
    this.dialogError = '';
    this.typed = { sender: '', subject: '', department: '' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    departmentsFromCatalogue().then(
      (d) => (this.departments = d),
      (e: unknown) => this.dispatchEvent(new AnnounceEvent(errorText(e))),
    );
  }

  #control(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  }

  #pickChancellery(event: Event): void {
    this.chancellery = (event.target as HTMLSelectElement).value;
    localStorage.setItem(CHANCELLERY_KEY, this.chancellery);
  }

  #pickFiles(event: Event): void {
    this.files = [...((event.target as HTMLInputElement).files ?? [])];
    this.fileError = '';
  }

  /** An edited field drops the error the server gave it. */
  #onInput(event: Event): void {
    const control = event.target as HTMLElement & { error?: string };
    if (control.error) control.error = '';
  }

  /** A field left: what the department's suggestion goes by is read again. */
  #onChange(event: Event): void {
    const id = (event.target as HTMLElement).id;
    if (id !== 'sender' && id !== 'subject' && id !== 'department') return;
    const value = (event.target as HTMLElement & { value: string }).value ?? '';
    this.typed = { ...this.typed, [id]: value };
  }

  /** The suggested department chosen: the field takes it, and keeps focus on the form's flow. */
  #useDepartment(event: CustomEvent<string>): void {
    const select = this.renderRoot.querySelector<HTMLElement & { value: string; focus(): void }>('#department');
    if (!select) return;
    select.value = event.detail;
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    this.typed = { ...this.typed, department: event.detail };
    select.focus();
  }

  /** The document's metadata from the form, or the issues that keep it from being sent. */
  #collect(form: HTMLFormElement): { meta: ChancelleryDocument; issues: Issue[] } {
    const issues: Issue[] = [];
    const labelOf = (el: Element) => (el as HTMLElement & { label?: string }).label ?? '';
    type Control = HTMLElement & { checkValidity(): boolean; reportValidity(): boolean; validationMessage: string };
    for (const el of form.querySelectorAll<Control>('[name]:not(input[type=file])')) {
      if (!el.checkValidity()) {
        el.reportValidity();
        issues.push({ id: el.id, label: labelOf(el), message: el.validationMessage });
      }
    }
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value.trim();
    const v = (name: string) => values[name] || undefined;
    const address = {
      street: v('street'),
      building: v('building'),
      flat: v('flat'),
      postalCode: v('postalCode'),
      town: v('town'),
    };
    const hasAddress = Object.values(address).some(Boolean);
    if (hasAddress && !address.town && !issues.some((i) => i.id === 'senderAddress-town')) {
      const town = this.#control('senderAddress-town') as (HTMLElement & { error: string; label: string }) | null;
      const message = msg('Podaj miejscowość — bez niej adres jest niepełny.', { id: 'office.new.town-required' });
      if (town) town.error = message;
      issues.push({ id: 'senderAddress-town', label: town?.label ?? '', message });
    }
    if (this.files.length === 0) {
      this.fileError = msg('Dołącz co najmniej jeden skan (PDF, JPEG, PNG lub TIFF).', {
        id: 'office.new.scan-required',
      });
    } else if (this.files.some((f) => !(SCAN_MEDIA.test(f.type) || SCAN_NAME.test(f.name)))) {
      this.fileError = msg('Skany mogą być tylko w formatach PDF, JPEG, PNG lub TIFF.', { id: 'office.new.scan-type' });
    } else this.fileError = '';
    if (this.fileError) issues.push({ id: 'scans', label: this.#scanLabel(), message: this.fileError });
    const optional = (name: string, key = name) => (v(name) === undefined ? {} : { [key]: v(name) });
    const meta = {
      sender: values['sender'] ?? '',
      subject: values['subject'] ?? '',
      department: values['department'] ?? '',
      ...optional('documentDate'),
      ...optional('senderReference'),
      ...optional('notes'),
      ...optional('accessLevel'),
      ...optional('deliveryMethod'),
      ...optional('postedOn'),
      ...optional('documentType'),
      ...(hasAddress && {
        senderAddress: {
          ...optional('street'),
          ...optional('building'),
          ...optional('flat'),
          ...optional('postalCode'),
          town: address.town ?? '',
          country: v('country') ?? 'PL',
        },
      }),
      ...(v('paperAttachments') !== undefined && { paperAttachments: Number(values['paperAttachments']) }),
      notFullyScanned: values['notFullyScanned'] === 'on',
    } as ChancelleryDocument;
    return { meta, issues };
  }

  async #showIssues(issues: Issue[]): Promise<void> {
    this.issues = issues;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  async #register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const form = event.target as HTMLFormElement;
    const { meta, issues } = this.#collect(form);
    if (issues.length) return this.#showIssues(issues);
    this.issues = [];
    const body = new FormData();
    body.append('metadata', JSON.stringify(meta));
    this.files.forEach((f, i) => body.append(`scan-${i + 1}`, f, f.name));
    this.sending = true;
    this.progress = 0;
    this.dispatchEvent(new AnnounceEvent(msg('Wysyłanie skanów…', { id: 'office.new.sending' })));
    try {
      const done = await upload<ChancelleryRegistration>(
        `/v1/chancelleries/${this.chancellery}/documents`,
        body,
        (p) => (this.progress = p),
      );
      this.registered = { ...done, department: meta.department, scans: this.files.length };
      this.assigned = '';
      this.dispatchEvent(
        new AnnounceEvent(msg(str`Zarejestrowano pismo ${done.registryNumber}.`, { id: 'office.new.registered' })),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#registered')?.focus();
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(e)));
      await this.#showIssues(this.#problemIssues(e));
    } finally {
      this.sending = false;
    }
  }

  /** The API's problem, next to the fields it names (its `errors[].pointer`), and in the summary. */
  #problemIssues(e: unknown): Issue[] {
    return problemIssues(
      e,
      (pointer) => pointer.replace(/^\//, '').replace(/\//g, '-') || undefined,
      (id) => this.#control(id) as FieldControl | null,
    );
  }

  #goTo(event: Event, id: string): void {
    event.preventDefault();
    this.#control(id)?.focus();
  }

  #another(): void {
    this.registered = undefined;
    this.files = [];
    this.progress = 0;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h1')?.focus());
  }

  async #openAssign(): Promise<void> {
    this.dialogError = '';
    await this.updateComplete;
    openDialog(this.#assignDialog(), () => this.renderRoot.querySelector<HTMLElement>('#registered'));
  }

  #assignDialog(): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>('#assign')!;
  }

  async #assign(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const item = this.registered;
    const values = formValues(event.target as HTMLFormElement);
    if (!item || !values) return;
    const body: AssignmentRequest = {
      department: values['department'] ?? '',
      ...(values['officer']?.trim() && { officer: values['officer'].trim() }),
      ...(values['deadline'] && { deadline: values['deadline'] }),
      ...(values['note']?.trim() && { note: values['note'].trim() }),
    };
    try {
      await api(`/v1/register/${encodeURIComponent(item.registryNumber)}/assignment`, { method: 'POST', body });
      this.assigned = body.department;
      this.#assignDialog().close();
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Przydzielono pismo ${item.registryNumber} do ${body.department}.`, { id: 'office.new.assigned' }),
        ),
      );
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  #scanLabel(): string {
    return msg('Skany pisma', { id: 'office.new.scans' });
  }

  protected override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Rejestracja pisma papierowego', { id: 'office.title.new' })}</h1>
      ${this.registered ? this.#renderRegistered() : this.#renderForm()} ${this.#renderAssignDialog()}
    `;
  }

  #renderSummary(): TemplateResult | typeof nothing {
    return renderErrorSummary(
      msg('Popraw, zanim zarejestrujesz pismo:', { id: 'office.new.summary' }),
      this.issues,
      (e, id) => this.#goTo(e, id),
    );
  }

  #renderForm(): TemplateResult {
    const departments: ControlOption[] = this.departments.map((d) => ({ value: d, label: d }));
    const access: ControlOption[] = ACCESS_LEVELS.map((a) => ({ value: a, label: accessLevelText(a) }));
    const delivery: ControlOption[] = DELIVERY_METHODS.map((d) => ({ value: d, label: deliveryMethodText(d) }));
    const percent = Math.round(this.progress * 100);
    return html`
      <p class="muted">
        ${msg('Pola oznaczone jako wymagane trzeba wypełnić; pozostałe — jeśli pismo je podaje.', {
          id: 'office.new.intro',
        })}
      </p>
      ${this.#renderSummary()}
      <form
        novalidate
        @submit=${this.#register}
        @input=${this.#onInput}
        @change=${this.#onChange}
        @ebok-office-use-department=${this.#useDepartment /* USE_DEPARTMENT */}
      >
        <div class="field">
          <label class="label" for="chancellery">${msg('Kancelaria', { id: 'office.new.chancellery' })}</label>
          <select id="chancellery" @change=${this.#pickChancellery}>
            ${CHANCELLERIES.map(
              (c) => html`<option value=${c} .selected=${c === this.chancellery}>${chancelleryText(c)}</option>`,
            )}
          </select>
        </div>
        <ebok-text-field
          id="sender"
          name="sender"
          required
          maxlength="300"
          .label=${msg('Nadawca', { id: 'office.col.sender' })}
          .hint=${msg('Imię i nazwisko albo nazwa instytucji.', { id: 'office.new.sender-hint' })}
        ></ebok-text-field>
        <ebok-text-field
          id="subject"
          name="subject"
          required
          maxlength="500"
          .label=${msg('Dotyczy', { id: 'office.col.subject' })}
        ></ebok-text-field>
        <ebok-select
          id="department"
          name="department"
          required
          .label=${msg('Wydział', { id: 'office.new.department' })}
          .options=${departments}
        ></ebok-select>
        <ebok-office-department-suggestion
          .sender=${this.typed.sender}
          .subject=${this.typed.subject}
          .department=${this.typed.department}
        ></ebok-office-department-suggestion>
        <ebok-text-field
          id="documentType"
          name="documentType"
          maxlength="100"
          .label=${msg('Rodzaj pisma', { id: 'office.new.document-type' })}
          .hint=${msg('Np. wniosek, skarga, pismo.', { id: 'office.new.document-type-hint' })}
        ></ebok-text-field>
        <ebok-text-field
          id="documentDate"
          name="documentDate"
          pattern=${PARTIAL_DATE}
          maxlength="10"
          .label=${msg('Data pisma', { id: 'office.new.document-date' })}
          .hint=${msg('Tak, jak na piśmie: RRRR-MM-DD, RRRR-MM albo RRRR.', { id: 'office.new.document-date-hint' })}
        ></ebok-text-field>
        <ebok-text-field
          id="senderReference"
          name="senderReference"
          maxlength="100"
          .label=${msg('Znak pisma nadawcy', { id: 'office.new.sender-reference' })}
        ></ebok-text-field>
        <ebok-select
          id="deliveryMethod"
          name="deliveryMethod"
          required
          .value=${'post'}
          .label=${msg('Sposób doręczenia', { id: 'office.new.delivery' })}
          .options=${delivery}
        ></ebok-select>
        <ebok-date-field
          id="postedOn"
          name="postedOn"
          .label=${msg('Data nadania', { id: 'office.new.posted-on' })}
          .hint=${msg('Ze stempla na kopercie.', { id: 'office.new.posted-on-hint' })}
        ></ebok-date-field>
        <ebok-select
          id="accessLevel"
          name="accessLevel"
          required
          .value=${'not-public'}
          .label=${msg('Dostępność', { id: 'office.new.access' })}
          .options=${access}
        ></ebok-select>
        <fieldset>
          <legend>${msg('Adres nadawcy', { id: 'office.new.address' })}</legend>
          <ebok-text-field
            id="senderAddress-street"
            name="street"
            maxlength="100"
            .label=${msg('Ulica', { id: 'office.new.street' })}
          ></ebok-text-field>
          <ebok-text-field
            id="senderAddress-building"
            name="building"
            maxlength="20"
            .label=${msg('Numer domu', { id: 'office.new.building' })}
          ></ebok-text-field>
          <ebok-text-field
            id="senderAddress-flat"
            name="flat"
            maxlength="10"
            .label=${msg('Numer lokalu', { id: 'office.new.flat' })}
          ></ebok-text-field>
          <ebok-text-field
            id="senderAddress-postalCode"
            name="postalCode"
            maxlength="12"
            .label=${msg('Kod pocztowy', { id: 'office.new.postal-code' })}
          ></ebok-text-field>
          <ebok-text-field
            id="senderAddress-town"
            name="town"
            maxlength="100"
            .label=${msg('Miejscowość', { id: 'office.new.town' })}
          ></ebok-text-field>
          <ebok-text-field
            id="senderAddress-country"
            name="country"
            maxlength="2"
            pattern="[A-Z]{2}"
            .value=${'PL'}
            .label=${msg('Kraj', { id: 'office.new.country' })}
            .hint=${msg('Dwuliterowy kod, np. PL, DE.', { id: 'office.new.country-hint' })}
          ></ebok-text-field>
        </fieldset>
        <ebok-text-field
          id="paperAttachments"
          name="paperAttachments"
          pattern="[0-9]{1,4}|10000"
          maxlength="5"
          .label=${msg('Liczba załączników papierowych', { id: 'office.new.paper-attachments' })}
        ></ebok-text-field>
        <ebok-textarea
          id="notes"
          name="notes"
          maxlength="2000"
          .label=${msg('Uwagi', { id: 'office.new.notes' })}
        ></ebok-textarea>
        <ebok-checkbox
          id="notFullyScanned"
          name="notFullyScanned"
          .label=${msg('Pismo nie zostało zeskanowane w całości (np. książka, duża mapa)', {
            id: 'office.new.not-fully-scanned',
          })}
        ></ebok-checkbox>
        <div class="field file">
          <label class="label" for="scans">${this.#scanLabel()}</label>
          <p class="muted" id="scans-hint">
            ${msg('PDF, JPEG, PNG lub TIFF; można wybrać kilka plików.', { id: 'office.new.scans-hint' })}
          </p>
          <input
            id="scans"
            type="file"
            multiple
            required
            accept=${SCAN_TYPES}
            aria-describedby=${this.fileError ? 'scans-hint scans-error' : 'scans-hint'}
            aria-invalid=${this.fileError ? 'true' : nothing}
            @change=${this.#pickFiles}
          />
          ${this.fileError ? html`<p class="error" id="scans-error">${this.fileError}</p>` : nothing}
          ${
            this.files.length
              ? html`<ul class="files">
                  ${this.files.map((f) => html`<li>${f.name}</li>`)}
                </ul>`
              : nothing
          }
        </div>
        ${
          this.sending
            ? html`<div class="field">
                <label class="label" for="progress">${msg('Wysyłanie skanów', { id: 'office.new.progress' })}</label>
                <progress id="progress" max="100" .value=${percent}>${percent}%</progress>
                <span aria-hidden="true">${percent}%</span>
              </div>`
            : nothing
        }
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.sending}>
            ${msg('Zarejestruj pismo', { id: 'office.new.submit' })}
          </button>
        </div>
      </form>
    `;
  }

  #renderRegistered(): TemplateResult {
    const r = this.registered!;
    return html`<section aria-labelledby="registered">
      <h2 id="registered" tabindex="-1">${msg('Zarejestrowano pismo', { id: 'office.new.done' })}</h2>
      <p class="muted">${msg('Numer w rejestrze', { id: 'office.col.number' })}</p>
      <p class="number" data-number=${r.registryNumber}>${r.registryNumber}</p>
      <dl>
        <dt>${msg('Wpłynęło', { id: 'office.col.received' })}</dt>
        <dd>${formatDate(r.receivedAt, true)}</dd>
        <dt>${msg('Kancelaria', { id: 'office.new.chancellery' })}</dt>
        <dd>${chancelleryText(this.chancellery)}</dd>
        <dt>${msg('Wydział', { id: 'office.new.department' })}</dt>
        <dd>${this.assigned || r.department}</dd>
      </dl>
      ${
        this.assigned
          ? html`<p>${msg(str`Przydzielono do ${this.assigned}.`, { id: 'office.new.assigned-to' })}</p>`
          : nothing
      }
      <div class="actions">
        <button type="button" id="assign-open" @click=${this.#openAssign}>
          ${msg('Przydziel', { id: 'office.new.assign' })}
        </button>
        <a class="button" id="label-link" href=${labelPath(r.registryNumber)}
          >${msg('Drukuj etykietę', { id: 'office.new.label' })}</a
        >
        <button type="button" id="another" @click=${this.#another}>
          ${msg('Zarejestruj kolejne pismo', { id: 'office.new.another' })}
        </button>
      </div>
    </section>`;
  }

  #renderAssignDialog(): TemplateResult {
    const options: ControlOption[] = this.departments.map((d) => ({ value: d, label: d }));
    return html`<dialog id="assign" aria-labelledby="assign-title">
      <form novalidate @submit=${this.#assign}>
        <h2 id="assign-title">
          ${msg(str`Przydziel pismo ${this.registered?.registryNumber ?? ''}`, { id: 'office.assign.title' })}
        </h2>
        <ebok-select
          name="department"
          required
          .label=${msg('Do wydziału', { id: 'office.forward.to' })}
          .options=${options}
        ></ebok-select>
        <ebok-text-field
          name="officer"
          maxlength="200"
          .label=${msg('Prowadzący (opcjonalnie)', { id: 'office.assign.officer' })}
        ></ebok-text-field>
        <ebok-date-field
          name="deadline"
          .label=${msg('Termin załatwienia (opcjonalnie)', { id: 'office.assign.deadline' })}
        ></ebok-date-field>
        <ebok-textarea
          name="note"
          maxlength="2000"
          .label=${msg('Dyspozycja (opcjonalnie)', { id: 'office.assign.note' })}
        ></ebok-textarea>
        ${this.dialogError ? html`<p class="error" role="alert">${this.dialogError}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">${msg('Przydziel', { id: 'office.new.assign' })}</button>
          <button type="button" @click=${() => this.#assignDialog().close()}>
            ${msg('Anuluj', { id: 'office.cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('ebok-office-chancellery', EbokOfficeChancellery);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-chancellery': EbokOfficeChancellery;
  }
}
