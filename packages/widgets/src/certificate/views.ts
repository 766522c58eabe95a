import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatDate } from '../localization.js';
import type { CertificateSummary } from '../signing/index.js';

/** What <ebok-certificate> shows: checking for a certificate, or one of its views below. */
export type View = 'loading' | 'status' | 'enrol' | 'import' | 'export' | 'remove';

/** What the views read and change of <ebok-certificate> (ebok-certificate.ts). */
export interface CertificateHost {
  readonly summary: CertificateSummary | undefined;
  readonly error: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly busy: boolean;
  readonly backupUrl: string;
  /** What the resident types and chooses: kept by the element, not rendered from its state. */
  code: string;
  password: string;
  password2: string;
  file: File | undefined;
  /** Shows the activation code's problem, if it has one, next to it. */
  checkCode(): void;
  show(view: View): void;
  enrol(): Promise<void>;
  importBackup(): Promise<void>;
  exportBackup(): Promise<void>;
  removeCredential(): Promise<void>;
}

const WARN_DAYS = 30;
const DAY = 86_400_000;

const valueOf = (e: Event): string => (e.currentTarget as unknown as { value: string }).value ?? '';

function renderError(host: CertificateHost): TemplateResult | typeof nothing {
  return host.error
    ? html`<div class="error-summary" role="alert">
        <p>${host.error}</p>
      </div>`
    : nothing;
}

/** Whose certificate this is and until when, a warning before it expires, and what can be done with it. */
export function renderStatus(host: CertificateHost): TemplateResult {
  const s = host.summary!;
  const left = s.notAfter.getTime() - Date.now();
  const name = [s.givenNames, s.surname].filter(Boolean).join(' ') || s.commonName || '';
  return html`
    <h3 tabindex="-1">${msg('Twój certyfikat', { id: 'certificate.title' })}</h3>
    ${renderError(host)}
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
      <button class="secondary" @click=${() => host.show('export')}>
        ${msg('Zapisz kopię zapasową', { id: 'certificate.export' })}
      </button>
      <button class="secondary" @click=${() => host.show('import')}>
        ${msg('Wczytaj inną kopię', { id: 'certificate.import-other' })}
      </button>
      <button class="link" @click=${() => host.show('remove')}>
        ${msg('Usuń z tej przeglądarki', { id: 'certificate.remove' })}
      </button>
    </div>
  `;
}

/** Enrolment: the activation code from the town hall and a password for the certificate's backup. */
export function renderEnrol(host: CertificateHost): TemplateResult {
  return html`
    <h3 tabindex="-1">${msg('Uzyskaj certyfikat', { id: 'certificate.enrol-title' })}</h3>
    <p>
      ${msg(
        'Wpisz kod aktywacyjny, który dostałeś w urzędzie, i ustal hasło do kopii zapasowej certyfikatu. Klucz powstanie w tej przeglądarce i jej nie opuści.',
        { id: 'certificate.enrol-intro' },
      )}
    </p>
    ${renderError(host)}
    <form
      class="fields"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void host.enrol();
      }}
    >
      <ebok-text-field
        name="activationCode"
        autocomplete="off"
        .label=${msg('Kod aktywacyjny', { id: 'certificate.code' })}
        .hint=${msg('13 znaków, np. ABCD-EFGH-JKMN-P', { id: 'certificate.code-hint' })}
        required
        .error=${host.fieldErrors['code'] ?? ''}
        .value=${host.code}
        @input=${(e: Event) => (host.code = valueOf(e))}
        @change=${() => host.checkCode()}
      ></ebok-text-field>
      ${renderPasswords(host)}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${host.busy}>
          ${msg('Uzyskaj certyfikat', { id: 'certificate.enrol' })}
        </button>
        <button class="link" type="button" @click=${() => host.show('import')}>
          ${msg('Mam kopię zapasową (.p12)', { id: 'certificate.have-backup' })}
        </button>
      </div>
    </form>
  `;
}

function renderPasswords(host: CertificateHost): TemplateResult {
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
      .error=${host.fieldErrors['password'] ?? ''}
      @input=${(e: Event) => (host.password = valueOf(e))}
    ></ebok-text-field>
    <ebok-text-field
      name="password2"
      type="password"
      autocomplete="new-password"
      .label=${msg('Powtórz hasło', { id: 'certificate.password-repeat' })}
      required
      .error=${host.fieldErrors['password2'] ?? ''}
      @input=${(e: Event) => (host.password2 = valueOf(e))}
    ></ebok-text-field>
  `;
}

/** A certificate read from its backup (.p12) with the backup's password. */
export function renderImport(host: CertificateHost): TemplateResult {
  return html`
    <h3 tabindex="-1">${msg('Wczytaj kopię zapasową certyfikatu', { id: 'certificate.import-title' })}</h3>
    ${renderError(host)}
    <form
      class="fields"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void host.importBackup();
      }}
    >
      <ebok-file-field
        name="backup"
        accept=".p12,.pfx,application/x-pkcs12"
        .label=${msg('Plik kopii zapasowej (.p12)', { id: 'certificate.file' })}
        required
        .error=${host.fieldErrors['file'] ?? ''}
        @change=${(e: Event) => {
          host.file = (e.currentTarget as unknown as { value?: { file: File } }).value?.file;
        }}
      ></ebok-file-field>
      <ebok-text-field
        name="password"
        type="password"
        autocomplete="current-password"
        .label=${msg('Hasło kopii zapasowej', { id: 'certificate.password-current' })}
        required
        .error=${host.fieldErrors['password'] ?? ''}
        @input=${(e: Event) => (host.password = valueOf(e))}
      ></ebok-text-field>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${host.busy}>
          ${msg('Wczytaj', { id: 'certificate.import' })}
        </button>
        <button class="link" type="button" @click=${() => host.show(host.summary ? 'status' : 'enrol')}>
          ${msg('Anuluj', { id: 'certificate.cancel' })}
        </button>
      </div>
    </form>
  `;
}

/** The certificate's backup (.p12), prepared as a file to save. */
export function renderExport(host: CertificateHost): TemplateResult {
  return html`
    <h3 tabindex="-1">${msg('Kopia zapasowa certyfikatu', { id: 'certificate.export-title' })}</h3>
    <p>
      ${msg(
        'Plik jest chroniony hasłem ustalonym przy uzyskaniu certyfikatu. Przechowuj go bezpiecznie; z hasłem pozwala podpisywać wnioski Twoim imieniem.',
        { id: 'certificate.export-intro' },
      )}
    </p>
    ${renderError(host)}
    <div class="actions">
      ${
        host.backupUrl
          ? html`<a href=${host.backupUrl} download="certyfikat-ebok.p12"
              >${msg('Pobierz plik certyfikat-ebok.p12', { id: 'certificate.download' })}</a
            >`
          : html`<button class="primary" @click=${() => void host.exportBackup()}>
              ${msg('Przygotuj plik', { id: 'certificate.prepare' })}
            </button>`
      }
      <button class="link" @click=${() => host.show('status')}>${msg('Wróć', { id: 'certificate.back' })}</button>
    </div>
  `;
}

/** Removing the certificate from this browser, once the resident confirms. */
export function renderRemove(host: CertificateHost): TemplateResult {
  return html`
    <h3 tabindex="-1">${msg('Usunąć certyfikat z tej przeglądarki?', { id: 'certificate.remove-title' })}</h3>
    <p>
      ${msg('Bez kopii zapasowej nie odzyskasz go: po nowy certyfikat trzeba będzie pójść do urzędu.', {
        id: 'certificate.remove-warning',
      })}
    </p>
    <div class="actions">
      <button class="primary" @click=${() => void host.removeCredential()}>
        ${msg('Tak, usuń', { id: 'certificate.remove-confirm' })}
      </button>
      <button class="link" @click=${() => host.show('status')}>${msg('Anuluj', { id: 'certificate.cancel' })}</button>
    </div>
  `;
}
