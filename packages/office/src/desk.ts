import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { People, RevocationRequest } from '@ebok/schemas/api';
import { EbokElement, formatDate, type ControlOption } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { REVOCATION_REASONS, identityText, reasonText, validityOf, validityText } from './certificates.js';
import { formValues, openDialog } from './dialogs.js';
import { ENROL_PATH } from './routes.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';
import './desk-expiring.js';

type Found = People['people'][number];

/**
 * The desk's certificates: a person found by PESEL or name, with their certificates and whether
 * each is valid now, and their activation codes; a certificate revoked, with a reason; and the
 * certificates that end within 30 days.
 *
 * @tagname ebok-office-desk
 */
export class EbokOfficeDesk extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      form.search {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: end;
        max-width: 44rem;
      }
      form.search ebok-text-field {
        flex: 1 1 20rem;
      }
      form.search .actions {
        margin-block-end: 1.5rem;
      }
      article {
        border-block-start: 2px solid #5c5c5c;
        padding-block-start: 1rem;
        margin-block-end: 2rem;
      }
      h3 {
        font-size: 1.125rem;
      }
      .state-revoked,
      .state-expired {
        color: var(--ebok-color-error, #b3261e);
        font-weight: 600;
      }
      .state-expiring {
        color: var(--ebok-color-warning, #8a5300);
        font-weight: 600;
      }
      code {
        word-break: break-all;
      }
    `,
  ];

  static override properties = {
    people: { state: true },
    question: { state: true },
    loading: { state: true },
    error: { state: true },
    revoking: { state: true },
    dialogError: { state: true },
  };

  /** Undefined until a search is made. */
  declare people: Found[] | undefined;
  declare question: string;
  declare loading: boolean;
  declare error: string;
  /** The serial number of the certificate the dialog revokes. */
  declare revoking: string;
  declare dialogError: string;

  constructor() {
    super();
    this.people = undefined;
    this.question = '';
    this.loading = false;
    this.error = '';
    this.revoking = '';
    this.dialogError = '';
  }

  async #find(q: string, announce = true): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const found = await api<People>(`/v1/people?${new URLSearchParams({ q, limit: '20' })}`);
      this.people = found.people;
      this.question = q;
      if (announce)
        this.dispatchEvent(
          new AnnounceEvent(msg(str`Znaleziono osoby: ${found.people.length}.`, { id: 'office.desk.found' })),
        );
    } catch (e) {
      this.error = errorText(e);
      this.dispatchEvent(new AnnounceEvent(this.error));
    } finally {
      this.loading = false;
    }
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const q = new FormData(event.target as HTMLFormElement).get('q');
    if (typeof q === 'string' && q.trim()) void this.#find(q.trim());
  }

  #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector<HTMLDialogElement>('#revoke')!;
  }

  async #openRevoke(serial: string): Promise<void> {
    this.revoking = serial;
    this.dialogError = '';
    await this.updateComplete;
    openDialog(this.#dialog(), () => this.renderRoot.querySelector<HTMLElement>('h1'));
  }

  async #revoke(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const values = formValues(event.target as HTMLFormElement);
    const serial = this.revoking;
    if (!values || !serial) return;
    const body: RevocationRequest = { reason: values['reason'] as RevocationRequest['reason'] };
    try {
      await api(`/v1/certificates/${encodeURIComponent(serial)}/revocation`, { method: 'POST', body });
      this.#dialog().close();
      await this.#find(this.question, false);
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Unieważniono certyfikat ${serial}: ${reasonText(body.reason)}.`, { id: 'office.desk.revoked' }),
        ),
      );
      await this.renderRoot.querySelector('ebok-office-expiring')?.reload();
    } catch (e) {
      this.dialogError = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Punkt obsługi: certyfikaty', { id: 'office.title.desk' })}</h1>
      <p><a class="button" href=${ENROL_PATH}>${msg('Wydaj kod aktywacyjny', { id: 'office.desk.enrol' })}</a></p>
      <section aria-labelledby="find-title">
        <h2 id="find-title">${msg('Znajdź osobę', { id: 'office.desk.find' })}</h2>
        <form class="search" role="search" novalidate @submit=${this.#onSearch}>
          <ebok-text-field
            id="q"
            name="q"
            required
            maxlength="100"
            .label=${msg('PESEL albo imię i nazwisko', { id: 'office.desk.q' })}
            .hint=${msg('Wielkość liter i polskie znaki nie mają znaczenia.', { id: 'office.desk.q-hint' })}
          ></ebok-text-field>
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${this.loading}>
              ${msg('Szukaj', { id: 'office.register.search' })}
            </button>
          </div>
        </form>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.loading ? html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>` : nothing}
        ${
          this.people?.length === 0
            ? html`<p>${msg('Nie znaleziono nikogo.', { id: 'office.desk.none' })}</p>`
            : (this.people ?? []).map((p) => this.#renderPerson(p))
        }
      </section>
      <ebok-office-expiring></ebok-office-expiring>
      ${this.#renderDialog()}
    `;
  }

  #renderPerson(found: Found): TemplateResult {
    const p = found.person;
    const id = `person-${p.identifier}`;
    return html`<article aria-labelledby=${id} data-identifier=${p.identifier}>
      <h3 id=${id}>${p.givenNames} ${p.surname}</h3>
      <p>${identityText(p)}</p>
      ${
        found.certificates.length === 0
          ? html`<p>${msg('Ta osoba nie ma certyfikatu.', { id: 'office.desk.no-certificates' })}</p>`
          : html`<table class="certificates">
              <caption>
                ${msg(str`Certyfikaty: ${p.givenNames} ${p.surname}`, { id: 'office.desk.certificates' })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Numer seryjny', { id: 'office.desk.serial' })}</th>
                  <th scope="col">${msg('Wydany', { id: 'office.desk.issued' })}</th>
                  <th scope="col">${msg('Ważny do', { id: 'office.desk.not-after' })}</th>
                  <th scope="col">${msg('Stan', { id: 'office.desk.state' })}</th>
                  <th scope="col">${msg('Działania', { id: 'office.desk.actions' })}</th>
                </tr>
              </thead>
              <tbody>
                ${found.certificates.map((c) => {
                  const v = validityOf(c);
                  return html`<tr data-number=${c.serialNumber}>
                    <th scope="row"><code>${c.serialNumber}</code></th>
                    <td>${formatDate(c.issuedAt, true)}</td>
                    <td>${formatDate(c.notAfter, true)}</td>
                    <td class="state">
                      <span class=${`state-${v.state}`}>${validityText(v)}</span>
                      ${
                        c.revoked
                          ? html`<br />${msg(str`${formatDate(c.revokedAt ?? '', true)}, ${reasonText(c.reason)}`, {
                                id: 'office.desk.revoked-when',
                              })}`
                          : nothing
                      }
                    </td>
                    <td>
                      ${
                        v.state === 'revoked' || v.state === 'expired'
                          ? nothing
                          : html`<button
                              type="button"
                              data-action="revoke"
                              @click=${() => this.#openRevoke(c.serialNumber)}
                            >
                              ${msg('Unieważnij', { id: 'office.desk.revoke' })}<span class="visually-hidden">
                                ${c.serialNumber}</span
                              >
                            </button>`
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
      }
      ${this.#renderCodes(found)}
    </article>`;
  }

  #renderCodes(found: Found): TemplateResult | typeof nothing {
    if (found.activations.length === 0) return nothing;
    const now = Date.now();
    return html`<table class="codes">
      <caption>
        ${msg('Kody aktywacyjne (same kody nie są przechowywane)', { id: 'office.desk.codes' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Wydany', { id: 'office.desk.issued' })}</th>
          <th scope="col">${msg('Ważny do', { id: 'office.desk.not-after' })}</th>
          <th scope="col">${msg('Stan', { id: 'office.desk.state' })}</th>
        </tr>
      </thead>
      <tbody>
        ${found.activations.map(
          (a) =>
            html`<tr>
              <td>${formatDate(a.createdAt, true)}</td>
              <td>${formatDate(a.expiresAt, true)}</td>
              <td>
                ${
                  a.usedAt
                    ? msg(str`użyty ${formatDate(a.usedAt, true)}`, { id: 'office.desk.code-used' })
                    : Date.parse(a.expiresAt) <= now
                      ? msg('wygasł, nieużyty', { id: 'office.desk.code-expired' })
                      : msg('czeka na użycie', { id: 'office.desk.code-open' })
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderDialog(): TemplateResult {
    const reasons: ControlOption[] = REVOCATION_REASONS.map((r) => ({ value: r, label: reasonText(r) }));
    return html`<dialog id="revoke" aria-labelledby="revoke-title">
      <form novalidate @submit=${this.#revoke}>
        <h2 id="revoke-title">
          ${msg(str`Unieważnij certyfikat ${this.revoking}`, { id: 'office.desk.revoke-title' })}
        </h2>
        <p>
          ${msg('Unieważnienia nie można cofnąć: mieszkaniec będzie potrzebował nowego kodu.', {
            id: 'office.desk.revoke-warning',
          })}
        </p>
        <ebok-select
          name="reason"
          required
          .label=${msg('Przyczyna', { id: 'office.desk.reason' })}
          .options=${reasons}
        ></ebok-select>
        ${this.dialogError ? html`<p class="error" role="alert">${this.dialogError}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">${msg('Unieważnij', { id: 'office.desk.revoke' })}</button>
          <button type="button" @click=${() => this.#dialog().close()}>
            ${msg('Anuluj', { id: 'office.cancel' })}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('ebok-office-desk', EbokOfficeDesk);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-desk': EbokOfficeDesk;
  }
}
