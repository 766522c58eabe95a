import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { FailedHandOffs, HandOffRetry } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

type HandOff = FailedHandOffs['handOffs'][number];

/** What kind of hand-off failed, for a person. */
export function handOffKindText(kind: HandOff['kind']): string {
  if (kind === 'email') return msg('e-mail do mieszkańca o zmianie w sprawie', { id: 'office.hand-offs.email' });
  return kind === 'webhook'
    ? msg('wysyłka na adres wydziału (webhook)', { id: 'office.hand-offs.webhook' })
    : msg('kolejka wydziału', { id: 'office.hand-offs.queue' });
}

/**
 * The hand-offs to departments that failed, most recent first, each with a button that puts it
 * back for delivery; the outcome is announced, and the row leaves the list.
 *
 * @tagname ebok-office-admin-hand-offs
 */
export class EbokOfficeAdminHandOffs extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    handOffs: { state: true },
    next: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  /** Undefined while asked. */
  declare handOffs: HandOff[] | undefined;
  declare next: string | undefined;
  declare error: string;
  /** The hand-off being retried. */
  declare busy: string | undefined;

  constructor() {
    super();
    this.handOffs = undefined;
    this.next = undefined;
    this.error = '';
    this.busy = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(cursor?: string): Promise<void> {
    this.error = '';
    try {
      const q = new URLSearchParams({ limit: '50', ...(cursor && { cursor }) });
      const page = await api<FailedHandOffs>(`/v1/hand-offs/failed?${q}`);
      this.handOffs = cursor ? [...(this.handOffs ?? []), ...page.handOffs] : page.handOffs;
      this.next = page.next;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  async #retry(h: HandOff): Promise<void> {
    // One at a time; the buttons stay enabled so that focus never falls out of the list.
    if (this.busy) return;
    this.busy = h.id;
    const index = this.handOffs?.indexOf(h) ?? -1;
    try {
      const done = await api<HandOffRetry>(`/v1/hand-offs/${encodeURIComponent(h.id)}/retry`, { method: 'POST' });
      this.handOffs = this.handOffs?.filter((x) => x.id !== h.id);
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Ponowiono przekazanie pisma ${done.registryNumber} do wydziału ${done.department}.`, {
            id: 'office.hand-offs.retried',
          }),
        ),
      );
    } catch (e) {
      // Retried or delivered meanwhile: the list is read again, as it is now.
      this.dispatchEvent(new AnnounceEvent(errorText(e)));
      await this.#load();
    }
    this.busy = undefined;
    await this.updateComplete;
    // Focus stays in the list: the next row's button, the one before, or the heading when none is left.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('tbody button')];
    (
      buttons[Math.min(Math.max(index, 0), buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h2')
    )?.focus();
  }

  protected override render(): TemplateResult {
    const title = msg('Nieudane przekazania', { id: 'office.admin.hand-offs' });
    return html`
      <h2 tabindex="-1">${title}</h2>
      <p class="muted">
        ${msg(
          'Pismo, którego system wydziału nie odebrał po ostatniej próbie, albo wysyłka na adres wydziału, która się nie powiodła. Ponowienie oddaje je do doręczenia raz jeszcze, z nowymi próbami.',
          { id: 'office.hand-offs.hint' },
        )}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.handOffs === undefined
          ? this.error
            ? nothing
            : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`
          : this.handOffs.length === 0
            ? html`<p>${msg('Brak nieudanych przekazań.', { id: 'office.hand-offs.empty' })}</p>`
            : html`<table>
                  <caption class="visually-hidden">
                    ${title}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${msg('Nr w rejestrze', { id: 'office.hand-offs.registry-number' })}</th>
                      <th scope="col">${msg('Wydział', { id: 'office.hand-offs.department' })}</th>
                      <th scope="col">${msg('Rodzaj', { id: 'office.hand-offs.kind' })}</th>
                      <th scope="col">${msg('Próby', { id: 'office.hand-offs.attempts' })}</th>
                      <th scope="col">${msg('Ostatni błąd', { id: 'office.hand-offs.last-error' })}</th>
                      <th scope="col">${msg('Nieudane od', { id: 'office.hand-offs.failed-at' })}</th>
                      <th scope="col">${msg('Działanie', { id: 'office.hand-offs.action' })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.handOffs.map(
                      (h) =>
                        html`<tr data-number=${h.registryNumber}>
                          <th scope="row">${h.registryNumber}</th>
                          <td>${h.department}</td>
                          <td>${handOffKindText(h.kind)}</td>
                          <td class="number">${h.attempts}</td>
                          <td>
                            ${h.lastError ?? msg('system wydziału nie podał przyczyny', { id: 'office.hand-offs.no-error' })}
                          </td>
                          <td>${h.failedAt ? formatDate(h.failedAt, true) : '—'}</td>
                          <td>
                            <button
                              type="button"
                              aria-busy=${this.busy === h.id ? 'true' : 'false'}
                              aria-label=${msg(str`Ponów przekazanie ${h.registryNumber}`, { id: 'office.hand-offs.retry-label' })}
                              @click=${() => this.#retry(h)}
                            >
                              ${msg('Ponów', { id: 'office.hand-offs.retry' })}
                            </button>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
                ${
                  this.next
                    ? html`<button type="button" @click=${() => this.#load(this.next)}>
                        ${msg('Pokaż więcej', { id: 'office.hand-offs.more' })}
                      </button>`
                    : nothing
                }`
      }
    `;
  }
}

customElements.define('ebok-office-admin-hand-offs', EbokOfficeAdminHandOffs);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-admin-hand-offs': EbokOfficeAdminHandOffs;
  }
}
