import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Case } from '@ebok/schemas/api';
import { EbokElement } from '@ebok/widgets/shared';
import { api } from './api.js';
import { officeName } from './label.js';
import { usePageRule } from './print.js';
import { casePath } from './routes.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

/**
 * The art. 36 KPA notice the office drafted for a case past its deadline, as a letter to print on
 * A4 and sign: the office, the place and date, the znak, the notice's text (the reason filled in
 * by hand where the draft leaves it open) and a line for the signature of the officer in charge.
 * Printed alone.
 *
 * @tagname ebok-office-late-notice
 */
export class EbokOfficeLateNotice extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .letter {
        max-width: 170mm;
        padding: 1.5rem;
        border: 1px solid #767676;
        background: #fff;
        color: #000;
        font-family: Georgia, 'Times New Roman', serif;
        line-height: 1.5;
      }
      .letter .head {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        margin-block-end: 2rem;
      }
      .letter p {
        margin: 0 0 0.75rem;
      }
      .letter h2 {
        text-align: center;
        font-size: 1.125rem;
        margin-block: 1.5rem;
      }
      .text {
        white-space: pre-wrap;
      }
      .signature {
        margin-block-start: 4rem;
        margin-inline-start: auto;
        width: 70mm;
        border-block-start: 1px dotted #000;
        text-align: center;
        font-size: 0.875rem;
      }
      @media print {
        .screen {
          display: none !important;
        }
        .letter {
          border: 0;
          padding: 0;
          max-width: none;
          font-size: 11pt;
        }
      }
    `,
  ];
  static override properties = {
    caseNumber: {},
    file: { state: true },
    error: { state: true },
  };

  declare caseNumber: string;
  declare file: Case | undefined;
  declare error: string;
  #dropPageRule: (() => void) | undefined;

  constructor() {
    super();
    this.caseNumber = '';
    this.file = undefined;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#dropPageRule = usePageRule('size: A4; margin: 20mm;');
  }

  override disconnectedCallback(): void {
    this.#dropPageRule?.();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseNumber') && this.caseNumber) void this.#load();
  }

  async #load(): Promise<void> {
    this.error = '';
    try {
      this.file = await api<Case>(`/v1/cases/${encodeURIComponent(this.caseNumber)}`);
      if (!this.file.lateNotice)
        this.error = msg('Ta sprawa nie jest po terminie: nie ma zawiadomienia do wydrukowania.', {
          id: 'office.notice.none',
        });
    } catch (e) {
      this.error = errorText(e);
    }
  }

  protected override render(): TemplateResult {
    const c = this.file;
    return html`
      <div class="screen">
        <h1 tabindex="-1">${msg(str`Zawiadomienie w sprawie ${this.caseNumber}`, { id: 'office.title.notice' })}</h1>
        <p class="muted">
          ${msg('Podgląd pisma na A4. Drukowane jest samo pismo; podpisuje je prowadzący sprawę.', {
            id: 'office.notice.intro',
          })}
        </p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <p><a href=${casePath(this.caseNumber)}>${msg('Wróć do sprawy', { id: 'office.notice.back' })}</a></p>
      </div>
      ${
        c?.lateNotice
          ? // The letter is the office's to the party, in Polish whatever the console's language.
            html`<article class="letter" lang="pl" aria-labelledby="notice-title">
              <div class="head">
                <p><strong>${officeName()}</strong></p>
                <p>
                  ${new Intl.DateTimeFormat('pl', { dateStyle: 'long', timeZone: 'Europe/Warsaw' }).format(new Date())}
                </p>
              </div>
              <p>Znak sprawy: ${c.caseNumber}</p>
              <h2 id="notice-title">Zawiadomienie o niezałatwieniu sprawy w terminie (art. 36 KPA)</h2>
              <p class="text">${c.lateNotice}</p>
              <p class="signature">podpis prowadzącego sprawę</p>
            </article>`
          : nothing
      }
      <div class="screen actions">
        <button type="button" class="primary" id="print" ?disabled=${!c?.lateNotice} @click=${() => window.print()}>
          ${msg('Drukuj', { id: 'office.print' })}
        </button>
      </div>
    `;
  }
}

customElements.define('ebok-office-late-notice', EbokOfficeLateNotice);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-late-notice': EbokOfficeLateNotice;
  }
}
