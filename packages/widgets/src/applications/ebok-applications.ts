import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Text } from '@ebok/forms-core/runtime/base';
import { define, EbokElement } from '../internal/ebok-element.js';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, requestedLang, useLang } from '../localization.js';
import { journeyStyles } from '../form/procedure-form.styles.js';
import { applicationsStyles } from './ebok-applications.styles.js';
import { askApplications, askDocuments, procedureTitles, QuestionRefused } from './ask.js';
import { renderList, type Application, type ApplicationsHost, type Fetched } from './views.js';

type View = 'loading' | 'no-certificate' | 'list' | 'failed';

declare global {
  interface HTMLElementTagNameMap {
    'ebok-applications': EbokApplications;
  }
}

/**
 * "Where is my application?": the applications signed with the certificate in this browser, and
 * where each stands (the department that has it, its status in plain words, the case number,
 * the expected date, what the office waits for, a forward or an extension with its art. 36
 * notice), each with its timeline and, on a click, its signed files and receipt (UPO) to download
 * again. No account: the certificate signs a one-time challenge, so a
 * backup (.p12) restored on another computer sees the same list. Without a certificate here it
 * offers `<ebok-certificate>` to get one or restore a backup.
 *
 * @tagname ebok-applications
 * @summary The resident's applications and where each stands.
 * @tag ebok-applications
 * @attr endpoint - The intake server's URL; by default the origin the widgets were loaded from.
 * @attr lang - pl, en or uk; by default the nearest `lang` of the page.
 * @cssprop --ebok-color-text - Text colour.
 * @cssprop --ebok-color-background - Background colour.
 * @cssprop --ebok-color-link - Links, link-like buttons and the notice's summary.
 * @cssprop --ebok-color-border - Rules between applications, the timeline's line.
 * @cssprop --ebok-color-focus - The focus ring.
 * @cssprop --ebok-font-family - The font.
 * @cssprop --ebok-max-width - The widest the list grows.
 */
export class EbokApplications extends EbokElement {
  static override styles = [journeyStyles, applicationsStyles];

  static override properties = {
    endpoint: {},
    lang: { reflect: true },
    applications: { attribute: false },
    view: { state: true },
    titles: { state: true },
    open: { state: true },
    error: { state: true },
    status: { state: true },
    fetched: { state: true },
  };

  declare endpoint: string;
  declare lang: string;
  /** The list last received; set it to show one kept earlier instead of asking the office. */
  declare applications: readonly Application[] | undefined;
  declare protected view: View;
  declare protected titles: Readonly<Record<string, Text>>;
  declare protected open: ReadonlySet<string>;
  declare protected error: string;
  declare protected status: string;
  /** The applications downloaded again (or being asked for), by register number. */
  declare protected fetched: ReadonlyMap<string, Fetched>;

  // Departments' names, shared with the receipt: loaded beside the first question, not before this element.
  #departmentName: ((code: string) => string) | undefined;
  readonly #names = import('../form/departments.js').then(
    (m) => (this.#departmentName = m.departmentName),
    () => undefined,
  );

  readonly #host: ApplicationsHost = ((el) => ({
    get list() {
      return el.applications ?? [];
    },
    get titles() {
      return el.titles;
    },
    get open() {
      return el.open;
    },
    departmentName: (code: string) => el.#departmentName?.(code) ?? code,
    toggle: (number: string) => {
      const open = new Set(el.open);
      if (!open.delete(number)) open.add(number);
      el.open = open;
    },
    get fetched() {
      return el.fetched;
    },
    download: (number: string) => void el.#download(number),
  }))(this);

  // A certificate got or restored (here or by another element on the page): ask again. Where it
  // was got here, the certificate's form is gone: the list that replaces it takes the focus.
  readonly #certificateChanged = (): void => {
    const here = this.view === 'no-certificate';
    void this.refresh().then(() => {
      if (here && this.view === 'list')
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h3, .none')?.focus());
    });
  };

  constructor() {
    super();
    this.endpoint = '';
    this.view = 'loading';
    this.titles = {};
    this.open = new Set();
    this.error = '';
    this.status = '';
    this.fetched = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLang(requestedLang(this));
    window.addEventListener('ebok-certificate-change', this.#certificateChanged);
    // A list given by the page (one kept earlier) is shown as it is; only the procedures' names are asked.
    if (this.applications)
      void Promise.all([procedureTitles(endpointOf(this.endpoint)), this.#names]).then(
        ([titles]) => (this.titles = titles),
      );
    else void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('ebok-certificate-change', this.#certificateChanged);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') && this.lang) void useLang(requestedLang(this));
    if (changed.has('applications') && this.applications) this.view = 'list';
  }

  /** Asks the office again, with a new challenge signed now. */
  async refresh(): Promise<void> {
    const endpoint = endpointOf(this.endpoint);
    this.error = '';
    this.status = msg('Sprawdzanie wniosków…', { id: 'applications.loading' });
    const titles = procedureTitles(endpoint);
    try {
      const list = await askApplications(endpoint, currentLang());
      if (!list) {
        this.applications = undefined;
        this.view = 'no-certificate';
        await import('../certificate/ebok-certificate.js');
        this.status = '';
        return;
      }
      [this.titles] = await Promise.all([titles, this.#names]);
      this.applications = list;
      this.view = 'list';
      this.status = msg('Lista wniosków jest aktualna.', { id: 'applications.loaded' });
    } catch (e) {
      this.view = 'failed';
      this.status = '';
      this.error =
        e instanceof QuestionRefused && e.problem.detail
          ? e.problem.detail
          : msg('Nie udało się połączyć z urzędem. Sprawdź połączenie i spróbuj ponownie.', {
              id: 'certificate.unreachable',
            });
    }
  }

  #setFetched(number: string, state: Fetched): void {
    this.fetched = new Map(this.fetched).set(number, state);
  }

  /**
   * One application's signed files and its receipt again, with a new challenge signed now, shown
   * as files to save; the certificate gone meanwhile, the list is asked again (and offers one).
   */
  async #download(number: string): Promise<void> {
    const before = this.fetched.get(number);
    if (before?.busy) return;
    for (const f of before?.files ?? []) URL.revokeObjectURL(f.url);
    this.#setFetched(number, { busy: true });
    this.status = msg('Pobieranie wniosku i UPO…', { id: 'applications.downloading' });
    try {
      const [answer, { documentsFiles }] = await Promise.all([
        askDocuments(endpointOf(this.endpoint), currentLang(), number),
        import('../internal/receipt-files.js'),
      ]);
      if (!answer) {
        this.#setFetched(number, {});
        this.status = '';
        return this.refresh();
      }
      this.#setFetched(number, { files: documentsFiles(answer) });
      this.status = msg('Wniosek i UPO są gotowe do zapisania.', { id: 'applications.downloaded' });
    } catch (e) {
      this.status = '';
      this.#setFetched(number, {
        error:
          e instanceof QuestionRefused && e.problem.detail
            ? e.problem.detail
            : msg('Nie udało się połączyć z urzędem. Sprawdź połączenie i spróbuj ponownie.', {
                id: 'certificate.unreachable',
              }),
      });
    }
  }

  override render(): TemplateResult {
    const again = html`<button class="secondary" type="button" @click=${() => void this.refresh()}>
      ${msg('Sprawdź ponownie', { id: 'applications.refresh' })}
    </button>`;
    return html`
      ${
        this.view === 'loading'
          ? html`<p>${msg('Sprawdzanie wniosków…', { id: 'applications.loading' })}</p>`
          : this.view === 'no-certificate'
            ? html`<p>
                  ${msg(
                    'Swoje wnioski zobaczysz z certyfikatem, którym je podpisano. W tej przeglądarce go nie ma: odbierz certyfikat albo wczytaj jego kopię zapasową (.p12).',
                    { id: 'applications.no-certificate' },
                  )}
                </p>
                <ebok-certificate endpoint=${this.endpoint || nothing}></ebok-certificate>`
            : this.view === 'failed'
              ? html`<div class="notice warning" role="alert"><p>${this.error}</p></div>
                  ${again}`
              : html`${renderList(this.#host)} ${again}`
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
    `;
  }
}
define('ebok-applications', EbokApplications);
