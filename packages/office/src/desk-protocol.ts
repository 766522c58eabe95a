import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { EbokElement, formatDate } from '@ebok/widgets/shared';
import { documentKindText } from './certificates.js';
import { officeName } from './label.js';
import { consoleStyles } from './styles.js';

/** What the protocol records: the code handed over, until when it works, to whom, by whom and when. */
export interface ActivationProtocol {
  readonly activationCode: string;
  readonly expiresAt: string;
  readonly givenNames: string;
  readonly surname: string;
  readonly pesel?: string;
  /** The identity document the clerk checked. */
  readonly identityDocument: {
    readonly kind: 'passport' | 'id-card';
    readonly country: string;
    readonly number: string;
  };
  readonly clerk: string;
  readonly issuedAt: string;
}

/**
 * The activation protocol the resident and the clerk sign: the code, large and readable, until
 * when it works, the person and the document they showed, the clerk, the date, and two signature
 * lines. One A4 page in print.
 *
 * @tagname ebok-office-protocol
 */
export class EbokOfficeProtocol extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      .sheet {
        box-sizing: border-box;
        max-width: 190mm;
        padding: 1.5rem;
        border: 1px solid #5c5c5c;
        color: #000;
        background: #fff;
      }
      .office {
        font-weight: 700;
        margin: 0 0 1rem;
      }
      .code {
        font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
        font-size: 2.25rem;
        font-weight: 700;
        letter-spacing: 0.08em;
        line-height: 1.3;
        margin: 0 0 0.5rem;
        padding: 0.5rem 0.75rem;
        border: 2px solid #000;
        display: inline-block;
        word-break: break-all;
      }
      .signatures {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 3rem;
        margin-block-start: 4rem;
      }
      .signatures p {
        margin: 0;
        padding-block-start: 0.25rem;
        border-block-start: 1px solid #000;
        text-align: center;
      }
      @media print {
        .sheet {
          max-width: none;
          border: 0;
          padding: 0;
          font-size: 11pt;
        }
        .code {
          font-size: 22pt;
        }
        .sheet,
        .signatures {
          break-inside: avoid;
        }
      }
    `,
  ];

  static override properties = { protocol: { attribute: false } };

  declare protocol: ActivationProtocol | undefined;

  constructor() {
    super();
    this.protocol = undefined;
  }

  protected override render(): TemplateResult | typeof nothing {
    const p = this.protocol;
    if (!p) return nothing;
    const doc = p.identityDocument;
    return html`<div class="sheet">
      <p class="office">${officeName()}</p>
      <h2 id="protocol-title" tabindex="-1">
        ${msg('Protokół wydania kodu aktywacyjnego certyfikatu', { id: 'office.protocol.title' })}
      </h2>
      <p>${msg('Kod aktywacyjny', { id: 'office.protocol.code' })}</p>
      <p class="code" data-code>${p.activationCode}</p>
      <dl>
        <dt>${msg('Kod ważny do', { id: 'office.protocol.expires' })}</dt>
        <dd class="expires">${formatDate(p.expiresAt, true)}</dd>
        <dt>${msg('Imiona', { id: 'office.enrol.given-names' })}</dt>
        <dd>${p.givenNames}</dd>
        <dt>${msg('Nazwisko', { id: 'office.enrol.surname' })}</dt>
        <dd>${p.surname}</dd>
        ${
          p.pesel
            ? html`<dt>${msg('PESEL', { id: 'office.enrol.pesel' })}</dt>
                <dd>${p.pesel}</dd>`
            : nothing
        }
        <dt>${msg('Okazany dokument tożsamości', { id: 'office.enrol.document' })}</dt>
        <dd>${documentKindText(doc.kind)} ${doc.country} ${doc.number}</dd>
        <dt>${msg('Wydał(a)', { id: 'office.protocol.clerk' })}</dt>
        <dd class="clerk">${p.clerk}</dd>
        <dt>${msg('Data', { id: 'office.protocol.date' })}</dt>
        <dd>${formatDate(p.issuedAt, true)}</dd>
      </dl>
      <p>
        ${msg(
          'Kod jest jednorazowy. Wpisz go w formularzu ebok, aby otrzymać certyfikat do podpisywania wniosków. Nie przekazuj go nikomu. Urząd nie przechowuje kodu, a po terminie ważności trzeba zgłosić się po nowy.',
          { id: 'office.protocol.instructions' },
        )}
      </p>
      <p>
        ${msg('Potwierdzam odbiór kodu i zgodność powyższych danych z okazanym dokumentem.', {
          id: 'office.protocol.confirmation',
        })}
      </p>
      <div class="signatures">
        <p>${msg('Podpis mieszkańca', { id: 'office.protocol.resident-signature' })}</p>
        <p>${msg('Podpis urzędnika', { id: 'office.protocol.clerk-signature' })}</p>
      </div>
    </div>`;
  }
}

customElements.define('ebok-office-protocol', EbokOfficeProtocol);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-protocol': EbokOfficeProtocol;
  }
}
