import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { parseActivationCode } from '@ebok/forms-core/resident';
import '../controls/file-field.js';
import '../controls/text-field.js';
import { define, EbokElement } from '../internal/ebok-element.js';
import { backupFile, enrolWithCode, EnrolmentRefused, restoreBackup } from './credentials.js';
import { endpointOf } from '../internal/endpoint.js';
import { currentLang, formatDate, requestedLang, useLang } from '../localization.js';
import { journeyStyles } from '../form/procedure-form.styles.js';
import type { CertificateSummary } from '../signing/index.js';

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

const WARN_DAYS = 30;
const DAY = 86_400_000;

type View = 'loading' | 'status' | 'enrol' | 'import' | 'export' | 'remove';

const valueOf = (e: Event): string => (e.currentTarget as unknown as { value: string }).value ?? '';

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
            ? this.#renderStatus()
            : this.view === 'enrol'
              ? this.#renderEnrol()
              : this.view === 'import'
                ? this.#renderImport()
                : this.view === 'export'
                  ? this.#renderExport()
                  : this.#renderRemove()
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
    `;
  }

  #renderError(): TemplateResult | typeof nothing {
    return this.error
      ? html`<div class="error-summary" role="alert">
          <p>${this.error}</p>
        </div>`
      : nothing;
  }

  #renderStatus(): TemplateResult {
    const s = this.summary!;
    const left = s.notAfter.getTime() - Date.now();
    const name = [s.givenNames, s.surname].filter(Boolean).join(' ') || s.commonName || '';
    return html`
      <h3 tabindex="-1">${msg('Twój certyfikat', { id: 'certificate.title' })}</h3>
      ${this.#renderError()}
      <dl class="summary">
        <div>
          <dt>${msg('Wydany dla', { id: 'certificate.holder' })}</dt>
          <dd>${name}</dd>
          <dd></dd>
        </div>
        <div>
          <dt>${msg('Ważny do', { id: 'certificate.valid-until' })}</dt>
          <dd>${formatDate(s.notAfter)}</dd>
          <dd></dd>
        </div>
      </dl>
      ${
        left <= 0
          ? html`<div class="notice warning" role="alert">
              ${msg('Certyfikat wygasł. Poproś w urzędzie o nowy kod aktywacyjny.', { id: 'certificate.expired' })}
            </div>`
          : left < WARN_DAYS * DAY
            ? html`<div class="notice warning">
                ${msg(str`Certyfikat wygaśnie za ${Math.ceil(left / DAY)} dni. Nowy uzyskasz w urzędzie.`, {
                  id: 'certificate.expiring',
                })}
              </div>`
            : nothing
      }
      <div class="actions">
        <button class="secondary" @click=${() => this.#show('export')}>
          ${msg('Zapisz kopię zapasową', { id: 'certificate.export' })}
        </button>
        <button class="secondary" @click=${() => this.#show('import')}>
          ${msg('Wczytaj inną kopię', { id: 'certificate.import-other' })}
        </button>
        <button class="link" @click=${() => this.#show('remove')}>
          ${msg('Usuń z tej przeglądarki', { id: 'certificate.remove' })}
        </button>
      </div>
    `;
  }

  #renderEnrol(): TemplateResult {
    return html`
      <h3 tabindex="-1">${msg('Uzyskaj certyfikat', { id: 'certificate.enrol-title' })}</h3>
      <p>
        ${msg(
          'Wpisz kod aktywacyjny, który dostałeś w urzędzie, i ustal hasło do kopii zapasowej certyfikatu. Klucz powstanie w tej przeglądarce i jej nie opuści.',
          { id: 'certificate.enrol-intro' },
        )}
      </p>
      ${this.#renderError()}
      <form
        class="fields"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#enrol();
        }}
      >
        <ebok-text-field
          name="activationCode"
          autocomplete="off"
          .label=${msg('Kod aktywacyjny', { id: 'certificate.code' })}
          .hint=${msg('13 znaków, np. ABCD-EFGH-JKMN-P', { id: 'certificate.code-hint' })}
          required
          .error=${this.fieldErrors['code'] ?? ''}
          .value=${this.#code}
          @input=${(e: Event) => (this.#code = valueOf(e))}
          @change=${() => (this.fieldErrors = { ...this.fieldErrors, code: this.#codeProblem() })}
        ></ebok-text-field>
        ${this.#renderPasswords()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Uzyskaj certyfikat', { id: 'certificate.enrol' })}
          </button>
          <button class="link" type="button" @click=${() => this.#show('import')}>
            ${msg('Mam kopię zapasową (.p12)', { id: 'certificate.have-backup' })}
          </button>
        </div>
      </form>
    `;
  }

  #renderPasswords(): TemplateResult {
    return html`
      <ebok-text-field
        name="password"
        type="password"
        autocomplete="new-password"
        .label=${msg('Hasło do kopii zapasowej', { id: 'certificate.password' })}
        .hint=${msg('Co najmniej 8 znaków. Będzie potrzebne, by użyć certyfikatu na innym komputerze.', {
          id: 'certificate.password-hint',
        })}
        required
        .error=${this.fieldErrors['password'] ?? ''}
        @input=${(e: Event) => (this.#password = valueOf(e))}
      ></ebok-text-field>
      <ebok-text-field
        name="password2"
        type="password"
        autocomplete="new-password"
        .label=${msg('Powtórz hasło', { id: 'certificate.password-repeat' })}
        required
        .error=${this.fieldErrors['password2'] ?? ''}
        @input=${(e: Event) => (this.#password2 = valueOf(e))}
      ></ebok-text-field>
    `;
  }

  #renderImport(): TemplateResult {
    return html`
      <h3 tabindex="-1">${msg('Wczytaj kopię zapasową certyfikatu', { id: 'certificate.import-title' })}</h3>
      ${this.#renderError()}
      <form
        class="fields"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#importBackup();
        }}
      >
        <ebok-file-field
          name="backup"
          accept=".p12,.pfx,application/x-pkcs12"
          .label=${msg('Plik kopii zapasowej (.p12)', { id: 'certificate.file' })}
          required
          .error=${this.fieldErrors['file'] ?? ''}
          @change=${(e: Event) => {
            this.#file = (e.currentTarget as unknown as { value?: { file: File } }).value?.file;
          }}
        ></ebok-file-field>
        <ebok-text-field
          name="password"
          type="password"
          autocomplete="current-password"
          .label=${msg('Hasło kopii zapasowej', { id: 'certificate.password-current' })}
          required
          .error=${this.fieldErrors['password'] ?? ''}
          @input=${(e: Event) => (this.#password = valueOf(e))}
        ></ebok-text-field>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>
            ${msg('Wczytaj', { id: 'certificate.import' })}
          </button>
          <button class="link" type="button" @click=${() => this.#show(this.summary ? 'status' : 'enrol')}>
            ${msg('Anuluj', { id: 'certificate.cancel' })}
          </button>
        </div>
      </form>
    `;
  }

  #renderExport(): TemplateResult {
    return html`
      <h3 tabindex="-1">${msg('Kopia zapasowa certyfikatu', { id: 'certificate.export-title' })}</h3>
      <p>
        ${msg(
          'Plik jest chroniony hasłem ustalonym przy uzyskaniu certyfikatu. Przechowuj go bezpiecznie; z hasłem pozwala podpisywać wnioski Twoim imieniem.',
          { id: 'certificate.export-intro' },
        )}
      </p>
      ${this.#renderError()}
      <div class="actions">
        ${
          this.backupUrl
            ? html`<a href=${this.backupUrl} download="certyfikat-ebok.p12"
                >${msg('Pobierz plik certyfikat-ebok.p12', { id: 'certificate.download' })}</a
              >`
            : html`<button class="primary" @click=${() => void this.#exportBackup()}>
                ${msg('Przygotuj plik', { id: 'certificate.prepare' })}
              </button>`
        }
        <button class="link" @click=${() => this.#show('status')}>${msg('Wróć', { id: 'certificate.back' })}</button>
      </div>
    `;
  }

  #renderRemove(): TemplateResult {
    return html`
      <h3 tabindex="-1">${msg('Usunąć certyfikat z tej przeglądarki?', { id: 'certificate.remove-title' })}</h3>
      <p>
        ${msg('Bez kopii zapasowej nie odzyskasz go: po nowy certyfikat trzeba będzie pójść do urzędu.', {
          id: 'certificate.remove-warning',
        })}
      </p>
      <div class="actions">
        <button class="primary" @click=${() => void this.#removeCredential()}>
          ${msg('Tak, usuń', { id: 'certificate.remove-confirm' })}
        </button>
        <button class="link" @click=${() => this.#show('status')}>
          ${msg('Anuluj', { id: 'certificate.cancel' })}
        </button>
      </div>
    `;
  }
}
define('ebok-certificate', EbokCertificate);
