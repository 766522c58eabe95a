import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CertificatePage, CertificateStatus } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { EXPIRING_DAYS, identityText, validityOf, validityText } from './certificates.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

/**
 * The certificates in force that end within 30 days, soonest first: whom to tell to come for a
 * new one. A page at a time.
 *
 * @tagname ebok-office-expiring
 */
export class EbokOfficeExpiring extends EbokElement {
  static override styles = [consoleStyles];

  static override properties = {
    certificates: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  declare certificates: CertificateStatus[] | undefined;
  declare next: string | undefined;
  declare loading: boolean;
  declare error: string;

  constructor() {
    super();
    this.certificates = undefined;
    this.next = undefined;
    this.loading = false;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** The list again from its start (after a revocation, say). */
  reload(): Promise<void> {
    return this.#load();
  }

  async #load(cursor?: string): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const q = new URLSearchParams({ expiringWithinDays: String(EXPIRING_DAYS), limit: '50' });
      if (cursor) q.set('cursor', cursor);
      const page = await api<CertificatePage>(`/v1/certificates?${q}`);
      const before = cursor ? (this.certificates?.length ?? 0) : 0;
      this.certificates = cursor ? [...(this.certificates ?? []), ...page.certificates] : page.certificates;
      this.next = page.next;
      if (cursor) {
        this.dispatchEvent(
          new AnnounceEvent(
            msg(str`Wczytano kolejne certyfikaty: ${page.certificates.length}.`, { id: 'office.expiring.more-loaded' }),
          ),
        );
        await this.updateComplete;
        this.renderRoot.querySelectorAll<HTMLElement>('tbody th')[before]?.focus();
      }
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  protected override render(): TemplateResult {
    const rows = this.certificates;
    return html`<section aria-labelledby="expiring-title">
      <h2 id="expiring-title">
        ${msg(str`Certyfikaty wygasające w ciągu ${EXPIRING_DAYS} dni`, { id: 'office.expiring.title' })}
      </h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.loading ? html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>` : nothing}
      ${
        rows?.length === 0
          ? html`<p>${msg('Żaden certyfikat nie wygasa w tym czasie.', { id: 'office.expiring.none' })}</p>`
          : rows
            ? html`<table id="expiring">
                <caption class="visually-hidden">
                  ${msg('Certyfikaty wygasające, od najwcześniej kończących się', { id: 'office.expiring.caption' })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${msg('Osoba', { id: 'office.expiring.person' })}</th>
                    <th scope="col">${msg('Dokument', { id: 'office.expiring.identity' })}</th>
                    <th scope="col">${msg('Numer seryjny', { id: 'office.desk.serial' })}</th>
                    <th scope="col">${msg('Ważny do', { id: 'office.desk.not-after' })}</th>
                    <th scope="col">${msg('Stan', { id: 'office.desk.state' })}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (c) =>
                      html`<tr data-number=${c.serialNumber}>
                        <th scope="row" tabindex="-1">${c.holder?.givenNames} ${c.holder?.surname}</th>
                        <td>${c.holder ? identityText(c.holder) : ''}</td>
                        <td><code>${c.serialNumber}</code></td>
                        <td>${formatDate(c.notAfter, true)}</td>
                        <td>${validityText(validityOf(c))}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : nothing
      }
      ${
        this.next
          ? html`<button type="button" id="expiring-more" @click=${() => !this.loading && this.#load(this.next)}>
              ${msg('Wczytaj więcej', { id: 'office.inbox.more' })}
            </button>`
          : nothing
      }
    </section>`;
  }
}

customElements.define('ebok-office-expiring', EbokOfficeExpiring);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-expiring': EbokOfficeExpiring;
  }
}
