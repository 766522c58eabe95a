import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { formatDate, formatNumber, t } from '../localization.js';
import { renderHeading } from './heading.js';

/**
 * The start page of a procedure: what it is for, the fee, what to prepare, what is done in
 * person, and how to begin (or go on with a draft saved at `draftSavedAt`).
 */
export function renderStartPage(
  procedure: BrowserFormModel['procedure'],
  draftSavedAt: string | undefined,
  start: (fresh: boolean) => void,
): TemplateResult {
  const fee =
    procedure.fee.kind === 'none'
      ? msg('Bez opłaty.', { id: 'start.fee-none' })
      : `${procedure.fee.amountPln !== undefined ? `${formatNumber(procedure.fee.amountPln, { style: 'currency', currency: 'PLN' })}. ` : ''}${t(procedure.fee.description)}`;
  return html`
    ${renderHeading(t(procedure.title))}
    <p>${t(procedure.summary)}</p>
    ${
      procedure.channel?.kind === 'elsewhere'
        ? html`<div class="notice">
            <h3>${msg('Tego wniosku nie złożysz tutaj', { id: 'start.elsewhere' })}</h3>
            <p>${t(procedure.channel.howTo)}</p>
            <p><a href=${procedure.channel.url}>${t(procedure.channel.service)}</a></p>
          </div>`
        : nothing
    }
    <h3>${msg('Opłata', { id: 'start.fee' })}</h3>
    <p>${fee}</p>
    ${
      procedure.attachments.length
        ? html`<h3>${msg('Co przygotować', { id: 'start.attachments' })}</h3>
            <ul>
              ${procedure.attachments.map(
                (a) =>
                  html`<li>
                    ${t(a.label)}${a.required ? nothing : html` ${msg('(jeśli dotyczy)', { id: 'start.if-applicable' })}`}
                  </li>`,
              )}
            </ul>`
        : nothing
    }
    ${
      procedure.inPerson.length
        ? html`<h3>${msg('Co załatwisz osobiście', { id: 'start.in-person' })}</h3>
            <ul>
              ${procedure.inPerson.map((p) => html`<li>${t(p)}</li>`)}
            </ul>`
        : nothing
    }
    <p>
      ${
        procedure.signatures?.includes('city')
          ? msg('Wniosek podpiszesz certyfikatem z urzędu albo podpisem zaufanym, kwalifikowanym lub osobistym.', {
              id: 'start.signatures',
            })
          : msg('Wniosek podpiszesz podpisem zaufanym, kwalifikowanym lub osobistym (e-dowód).', {
              id: 'start.statutory',
            })
      }
      ${msg('Odpowiedzi zapisują się w tej przeglądarce, dopóki nie wyślesz wniosku.', { id: 'start.saved' })}
    </p>
    ${
      draftSavedAt
        ? html`<div class="notice">
              ${msg(str`Masz niedokończony wniosek zapisany ${formatDate(draftSavedAt, true)}.`, {
                id: 'start.draft',
              })}
            </div>
            <div class="actions">
              <button class="primary" @click=${() => start(false)}>
                ${msg('Kontynuuj wniosek', { id: 'start.continue' })}
              </button>
              <button class="secondary" @click=${() => start(true)}>
                ${msg('Zacznij od nowa', { id: 'start.fresh' })}
              </button>
            </div>`
        : html`<div class="actions">
            <button class="primary" @click=${() => start(false)}>${msg('Rozpocznij', { id: 'start.start' })}</button>
          </div>`
    }
    <details>
      <summary>${msg('Podstawa prawna', { id: 'start.legal' })}</summary>
      <ul>
        ${procedure.legalBasis.map((l) => html`<li>${t(l)}</li>`)}
      </ul>
    </details>
  `;
}
