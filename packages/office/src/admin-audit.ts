import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AuditPage, AuditRecord, AuditVerification } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

const PAGE_SIZES = [25, 50, 100] as const;

/** The outcome of checking the chain, for a person. */
export function verificationText(v: AuditVerification): string {
  if (v.ok) return msg(str`Łańcuch dziennika jest cały: sprawdzono ${v.records} wpisów.`, { id: 'office.audit.ok' });
  const why =
    v.reason === 'gap'
      ? msg('brakuje wpisu o tym numerze', { id: 'office.audit.reason.gap' })
      : v.reason === 'previous-hash'
        ? msg('wpis nie wskazuje skrótu poprzedniego', { id: 'office.audit.reason.previous' })
        : msg('treść wpisu nie zgadza się z jego skrótem', { id: 'office.audit.reason.hash' });
  return msg(
    str`Łańcuch dziennika jest przerwany przy wpisie nr ${v.brokenAt ?? '?'}: ${why}. Wpisy przed nim (${v.records}) są całe.`,
    {
      id: 'office.audit.broken',
    },
  );
}

/**
 * The audit log newest first, a page at a time (older pages by the last number seen, or from a
 * number typed in), and the whole chain checked on request.
 *
 * @tagname ebok-office-admin-audit
 */
export class EbokOfficeAdminAudit extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    records: { state: true },
    error: { state: true },
    verification: { state: true },
    verifying: { state: true },
    limit: { state: true },
    below: { state: true },
  };

  /** Undefined while asked. */
  declare records: AuditRecord[] | undefined;
  declare error: string;
  declare verification: string;
  declare verifying: boolean;
  declare limit: number;
  /** The page shows the records below this number; undefined for the newest. */
  declare below: number | undefined;

  constructor() {
    super();
    this.records = undefined;
    this.error = '';
    this.verification = '';
    this.verifying = false;
    this.limit = 25;
    this.below = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    this.records = undefined;
    this.error = '';
    try {
      const q = new URLSearchParams({
        before: String(this.below ?? Number.MAX_SAFE_INTEGER),
        limit: String(this.limit),
      });
      this.records = (await api<AuditPage>(`/v1/audit?${q}`)).records;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const from = Number(data.get('before'));
    this.below = Number.isSafeInteger(from) && from > 0 ? from : undefined;
    this.limit = Number(data.get('limit')) || 25;
    void this.#load();
  }

  async #older(): Promise<void> {
    const last = this.records?.at(-1);
    if (!last) return;
    this.below = last.seq;
    await this.#load();
    this.renderRoot.querySelector<HTMLElement>('table caption')?.focus();
  }

  async #verify(): Promise<void> {
    this.verifying = true;
    this.dispatchEvent(new AnnounceEvent(msg('Sprawdzanie łańcucha…', { id: 'office.audit.verifying' })));
    try {
      this.verification = verificationText(await api<AuditVerification>('/v1/audit/verification'));
    } catch (e) {
      this.verification = errorText(e);
    }
    this.verifying = false;
    this.dispatchEvent(new AnnounceEvent(this.verification));
  }

  protected override render(): TemplateResult {
    const caption = msg('Wpisy dziennika, od najnowszych', { id: 'office.audit.caption' });
    return html`
      <h2>${msg('Dziennik audytu', { id: 'office.admin.audit' })}</h2>
      <p class="actions">
        <button type="button" class="primary" ?disabled=${this.verifying} @click=${this.#verify}>
          ${msg('Sprawdź łańcuch', { id: 'office.audit.verify' })}
        </button>
      </p>
      ${this.verification ? html`<p class="verification">${this.verification}</p>` : nothing}
      <form class="actions" @submit=${this.#filter}>
        <label
          >${msg('Wpisy o numerach mniejszych niż', { id: 'office.audit.before' })}
          <input name="before" type="number" min="1" inputmode="numeric" .value=${this.below ? String(this.below) : ''}
        /></label>
        <label
          >${msg('Wpisów na stronie', { id: 'office.audit.limit' })}
          <select name="limit">
            ${PAGE_SIZES.map((n) => html`<option value=${n} ?selected=${n === this.limit}>${n}</option>`)}
          </select></label
        >
        <button type="submit">${msg('Pokaż', { id: 'office.audit.show' })}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.records === undefined
          ? this.error
            ? nothing
            : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`
          : this.records.length === 0
            ? html`<p>${msg('Brak wpisów.', { id: 'office.audit.empty' })}</p>`
            : html`<table>
                  <caption tabindex="-1">
                    ${caption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Nr', { id: 'office.audit.seq' })}</th>
                      <th scope="col">${msg('Czas', { id: 'office.audit.at' })}</th>
                      <th scope="col">${msg('Kto', { id: 'office.audit.actor' })}</th>
                      <th scope="col">${msg('Czynność', { id: 'office.audit.action' })}</th>
                      <th scope="col">${msg('Czego dotyczy', { id: 'office.audit.target' })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.records.map(
                      (r) =>
                        html`<tr>
                          <td class="number">${r.seq}</td>
                          <td>${formatDate(r.at, true)}</td>
                          <td>${r.actor}</td>
                          <td><code>${r.action}</code></td>
                          <td>${r.target ?? '—'}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
                ${
                  this.records.length === this.limit && (this.records.at(-1)?.seq ?? 1) > 1
                    ? html`<button type="button" @click=${this.#older}>
                        ${msg('Starsze wpisy', { id: 'office.audit.older' })}
                      </button>`
                    : nothing
                }`
      }
    `;
  }
}

customElements.define('ebok-office-admin-audit', EbokOfficeAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-admin-audit': EbokOfficeAdminAudit;
  }
}
