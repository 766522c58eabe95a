import { css, html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { parseActivationCode } from '@ebok/forms-core/resident';
import '../controls/file-field.js';
import '../controls/text-field.js';
import { define, EbokElement } from '../internal/ebok-element.js';
import { backupFile, enrolWithCode, EnrolmentRefused, restoreBackup } from './credentials.js';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, requestedLang, useLang } from '../localization.js';
import { journeyStyles } from '../form/procedure-form.styles.js';
import type { CertificateSummary } from '../signing/index.js';
import {
  renderEnrol,
  renderExport,
  renderImport,
  renderRemove,
  renderStatus,
  type CertificateHost,
  type View,
} from './views.js';

/** The certificate in this browser was added, replaced or removed. */
export class EbokCertificateChangeEvent extends Event {
  static readonly type = 'ebok-certificate-change';
  constructor(readonly summary: CertificateSummary | undefined) {
    super(EbokCertificateChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ebok-certificate-change': EbokCertificateChangeEvent;
  }
  interface HTMLElementTagNameMap {
    'ebok-certificate': EbokCertificate;
  }
}

/**
 * The resident's certificate in this browser: enrolment with the activation code a clerk gave
 * them at the town hall (a mistyped code is caught before anything is sent), its status (who,
 * valid until, a warning from 30 days before expiry), a password-protected backup (.p12) to use
 * it on another computer, importing such a backup, and removal from this browser. The private
 * key never leaves the browser unencrypted; it is kept non-extractable in IndexedDB.
 *
 * @tagname ebok-certificate
 * @summary Enrolment and the resident's certificate.
 * @tag ebok-certificate
 * @attr endpoint - The intake server's URL; by default the origin the widgets were loaded from.
 * @attr lang - pl, en or uk; by default the nearest `lang` of the page.
 * @event ebok-certificate-change - A certificate was added, replaced or removed; `summary` says whose.
 */
export class EbokCertificate extends EbokElement {
  static override styles = [
    journeyStyles,
    css`
      :host {
        max-width: 36rem;
      }
      .fields > * {
        margin-bottom: 1.25rem;
      }
    `,
  ];

  static override properties = {
    endpoint: {},
    lang: { reflect: true },
    view: { state: true },
    summary: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    busy: { state: true },
    status: { state: true },
    backupUrl: { state: true },
  };

  declare endpoint: string;
  declare lang: string;
  declare protected view: View;
  declare protected summary: CertificateSummary | undefined;
  declare protected error: string;
  declare protected fieldErrors: Readonly<Record<string, string>>;
  declare protected busy: boolean;
  declare protected status: string;
  declare protected backupUrl: string;

  #code = '';
  #password = '';
  #password2 = '';
  #file: File | undefined;
  /** The element as its views (views.ts) see it. */
  readonly #host: CertificateHost = ((el) => ({
    get summary() {
      return el.summary;
    },
    get error() {
      return el.error;
    },
    get fieldErrors() {
      return el.fieldErrors;
    },
    get busy() {
      return el.busy;
    },
    get backupUrl() {
      return el.backupUrl;
    },
    // Private (#): each set explicitly, as Object.assign would make a public property instead.
    get code() {
      return el.#code;
    },
    set code(code) {
      el.#code = code;
    },
    get password() {
      return el.#password;
    },
    set password(password) {
      el.#password = password;
    },
    get password2() {
      return el.#password2;
    },
    set password2(password) {
      el.#password2 = password;
    },
    get file() {
      return el.#file;
    },
    set file(file) {
      el.#file = file;
    },
    checkCode: () => {
      el.fieldErrors = { ...el.fieldErrors, code: el.#codeProblem() };
    },
    show: (view) => el.#show(view),
    enrol: () => el.#enrol(),
    importBackup: () => el.#importBackup(),
    exportBackup: () => el.#exportBackup(),
    removeCredential: () => el.#removeCredential(),
  }))(this);

  constructor() {
    super();
    this.endpoint = '';
    this.view = 'loading';
    this.error = '';
    this.fieldErrors = {};
    this.busy = false;
    this.status = '';
    this.backupUrl = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLang(requestedLang(this));
    void this.#refresh();
  }

  /** What the certificate in this browser says, if there is one. */
  get certificate(): CertificateSummary | undefined {
    return this.summary;
  }

  async #refresh(): Promise<void> {
    const signing = await import('../signing/index.js');
    const loaded = await signing.loadCredential().catch(() => undefined);
    this.summary = loaded?.summary;
    this.view = this.summary ? 'status' : 'enrol';
  }

  #show(view: View): void {
    this.view = view;
    this.error = '';
    this.fieldErrors = {};
    this.#password = '';
    this.#password2 = '';
    this.backupUrl = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2, h3')?.focus());
  }

  #changed(): void {
    this.dispatchEvent(new EbokCertificateChangeEvent(this.summary));
  }

  #codeProblem(): string {
    const parsed = parseActivationCode(this.#code);
    if (parsed.ok) return '';
    if (!this.#code.trim()) return msg('Wpisz kod aktywacyjny.', { id: 'certificate.code-missing' });
    return parsed.problem === 'length'
      ? msg('Kod ma 13 znaków (bez myślników). Sprawdź, czy wpisano wszystkie.', { id: 'certificate.code-length' })
      : parsed.problem === 'characters'
        ? msg('Kod zawiera tylko cyfry i litery (bez U). Sprawdź, czy nie ma innych znaków.', {
            id: 'certificate.code-characters',
          })
        : msg('Ten kod zawiera literówkę. Sprawdź go z kodem z urzędu znak po znaku.', {
            id: 'certificate.code-check',
          });
  }

  #passwordProblems(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (this.#password.length < 8)
      errors['password'] = msg('Hasło musi mieć co najmniej 8 znaków.', { id: 'certificate.password-short' });
    else if (this.#password !== this.#password2)
      errors['password2'] = msg('Hasła się różnią.', { id: 'certificate.password-mismatch' });
    return errors;
  }

  async #enrol(): Promise<void> {
    const codeError = this.#codeProblem();
    const errors: Record<string, string> = { ...(codeError ? { code: codeError } : {}), ...this.#passwordProblems() };
    this.fieldErrors = errors;
    if (Object.keys(errors).length) {
      this.error = '';
      return;
    }
    const parsed = parseActivationCode(this.#code);
    if (!parsed.ok) return;
    this.busy = true;
    this.error = '';
    this.status = msg('Tworzenie klucza i pobieranie certyfikatu…', { id: 'certificate.enrolling' });
    try {
      this.summary = await enrolWithCode(endpointOf(this.endpoint), parsed.code, this.#password, currentLang());
      this.#code = '';
      this.#show('status');
      this.status = msg('Certyfikat zapisano w tej przeglądarce.', { id: 'certificate.saved' });
      this.#changed();
    } catch (e) {
      this.error =
        e instanceof EnrolmentRefused
          ? (e.detail ?? msg('Urząd nie wydał certyfikatu. Spróbuj ponownie.', { id: 'certificate.enrol-failed' }))
          : msg('Nie udało się połączyć z urzędem. Sprawdź połączenie i spróbuj ponownie.', {
              id: 'certificate.unreachable',
            });
    } finally {
      this.busy = false;
      if (this.error) this.status = '';
    }
  }

  async #importBackup(): Promise<void> {
    const errors: Record<string, string> = {};
    if (!this.#file) errors['file'] = msg('Wybierz plik kopii zapasowej (.p12).', { id: 'certificate.file-missing' });
    if (!this.#password)
      errors['password'] = msg('Wpisz hasło kopii zapasowej.', { id: 'certificate.password-missing' });
    this.fieldErrors = errors;
    if (Object.keys(errors).length || !this.#file) return;
    this.busy = true;
    this.error = '';
    try {
      this.summary = await restoreBackup(new Uint8Array(await this.#file.arrayBuffer()), this.#password);
      this.#show('status');
      this.status = msg('Certyfikat wczytano z kopii zapasowej.', { id: 'certificate.imported' });
      this.#changed();
    } catch (e) {
      const code = (e as { code?: string }).code;
      this.error =
        code === 'wrong-password'
          ? msg('Hasło nie pasuje do tej kopii zapasowej.', { id: 'certificate.wrong-password' })
          : msg('To nie jest kopia zapasowa certyfikatu (plik .p12) albo plik jest uszkodzony.', {
              id: 'certificate.bad-file',
            });
    } finally {
      this.busy = false;
    }
  }

  async #exportBackup(): Promise<void> {
    const file = await backupFile();
    if (!file) {
      this.error = msg('Ta przeglądarka nie ma kopii zapasowej tego certyfikatu.', { id: 'certificate.no-backup' });
      return;
    }
    this.backupUrl = URL.createObjectURL(file);
  }

  async #removeCredential(): Promise<void> {
    const signing = await import('../signing/index.js');
    await signing.removeCredential();
    this.summary = undefined;
    this.#show('enrol');
    this.status = msg('Certyfikat usunięto z tej przeglądarki.', { id: 'certificate.removed' });
    this.#changed();
  }

  override render(): TemplateResult {
    return html`
      ${
        this.view === 'loading'
          ? html`<p>${msg('Sprawdzanie certyfikatu…', { id: 'certificate.loading' })}</p>`
          : this.view === 'status'
            ? renderStatus(this.#host)
            : this.view === 'enrol'
              ? renderEnrol(this.#host)
              : this.view === 'import'
                ? renderImport(this.#host)
                : this.view === 'export'
                  ? renderExport(this.#host)
                  : renderRemove(this.#host)
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
    `;
  }
}
define('ebok-certificate', EbokCertificate);
