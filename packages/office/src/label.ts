import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { RegisterEntry, RegisterPage } from '@ebok/schemas/api';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { api } from './api.js';
import { usePageRule } from './print.js';
import { consoleStyles } from './styles.js';
import { channelText, errorText } from './texts.js';

/** The office's name, as the page names it. */
export function officeName(): string {
  return (
    document.querySelector<HTMLMetaElement>('meta[name="ebok-office"]')?.content ||
    msg('Urząd', { id: 'office.office' })
  );
}

/**
 * The label (stamp) of a registered item, to stick on the paper: the office, the register number
 * large enough to read without any device, its identifier, when it came and where, how many scans
 * and paper attachments. Printed alone, on a 62 mm × 29 mm label.
 *
 * @tagname ebok-office-label
 */
export class EbokOfficeLabel extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .label-card {
        box-sizing: border-box;
        width: 62mm;
        height: 29mm;
        padding: 1.5mm 2mm;
        border: 1px solid #5c5c5c;
        overflow: hidden;
        font-size: 7pt;
        line-height: 1.2;
        color: #000;
        background: #fff;
        margin-block-end: 1rem;
      }
      .label-card p {
        margin: 0;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .label-card .office {
        font-weight: 700;
      }
      .label-card .number {
        font-size: 18pt;
        font-weight: 700;
        line-height: 1.15;
        font-variant-numeric: tabular-nums;
      }
      @media print {
        :host {
          margin: 0;
        }
        .screen {
          display: none !important;
        }
        .label-card {
          border: 0;
          margin: 0;
          break-inside: avoid;
        }
      }
    `,
  ];

  static override properties = {
    registryNumber: {},
    entry: { state: true },
    error: { state: true },
  };

  declare registryNumber: string;
  declare entry: RegisterEntry | undefined;
  declare error: string;
  #dropPageRule: (() => void) | undefined;

  constructor() {
    super();
    this.registryNumber = '';
    this.entry = undefined;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#dropPageRule = usePageRule('size: 62mm 29mm; margin: 0;');
  }

  override disconnectedCallback(): void {
    this.#dropPageRule?.();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('registryNumber') && this.registryNumber) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = '';
    try {
      const q = new URLSearchParams({ q: this.registryNumber, limit: '1' });
      const page = await api<RegisterPage>(`/v1/register?${q}`);
      this.entry = page.entries.find((e) => e.registryNumber === this.registryNumber);
      if (!this.entry) this.error = msg('Nie ma takiego pisma w rejestrze.', { id: 'office.label.not-found' });
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const e = this.entry;
    const paper = (e?.details as { paperAttachments?: number } | null | undefined)?.paperAttachments ?? 0;
    return html`
      <div class="screen">
        <h1 tabindex="-1">${msg(str`Etykieta pisma ${this.registryNumber}`, { id: 'office.title.label' })}</h1>
        <p class="muted">
          ${msg('Podgląd etykiety 62 × 29 mm. Drukowana jest sama etykieta.', { id: 'office.label.intro' })}
        </p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </div>
      ${
        e
          ? html`<div class="label-card" role="group" aria-label=${msg('Etykieta', { id: 'office.label.name' })}>
              <p class="office">${officeName()}</p>
              <p class="number">${e.registryNumber}</p>
              <p>${msg(str`Identyfikator: ${e.identifier}`, { id: 'office.label.identifier' })}</p>
              <p>${msg(str`Wpłynęło: ${formatDate(e.receivedAt, true)}`, { id: 'office.label.received' })}</p>
              <p>${channelText(e.channel)}</p>
              <p>
                ${msg(str`Skany: ${e.attachmentCount} · załączniki papierowe: ${paper}`, {
                  id: 'office.label.counts',
                })}
              </p>
            </div>`
          : nothing
      }
      <div class="screen actions">
        <button type="button" class="primary" id="print" ?disabled=${!e} @click=${() => window.print()}>
          ${msg('Drukuj', { id: 'office.print' })}
        </button>
      </div>
    `;
  }
}

customElements.define('ebok-office-label', EbokOfficeLabel);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-label': EbokOfficeLabel;
  }
}
