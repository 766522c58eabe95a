import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { formatDate, formatPln, t } from '../localization.js';
import { renderHeading } from './heading.js';

type Procedure = BrowserFormModel['procedure'];

/**
 * For an application an act has filed elsewhere (its `channel`): where it is filed. Said before
 * the first answer, on the start page or, without it, above the first step.
 */
export const renderElsewhere = ({ channel }: Procedure): TemplateResult | typeof nothing =>
  channel?.kind === 'elsewhere'
    ? html`<div class="notice">
        <h3>${msg('Tego wniosku nie złożysz tutaj', { id: 'start.elsewhere' })}</h3>
        <p>${t(channel.howTo)}</p>
        <p><a href=${channel.url}>${t(channel.service)}</a></p>
      </div>`
    : nothing;

/** The fee under its heading: on the start page, and again on "check your answers" before signing. */
export function renderFee({ fee }: Procedure): TemplateResult {
  return html`<h3>${msg('Opłata', { id: 'start.fee' })}</h3>
    <p>
      ${
        fee.kind === 'none'
          ? msg('Bez opłaty.', { id: 'start.fee-none' })
          : `${fee.amountPln !== undefined ? `${formatPln(fee.amountPln)}. ` : ''}${t(fee.description)}`
      }
    </p>`;
}

/** How the application is signed (the city certificate, or only the signatures the law names). */
export const signaturesText = ({ signatures }: Procedure): string =>
  signatures?.includes('city')
    ? msg('Wniosek podpiszesz certyfikatem z urzędu albo podpisem zaufanym, kwalifikowanym lub osobistym.', {
        id: 'start.signatures',
      })
    : msg('Wniosek podpiszesz podpisem zaufanym, kwalifikowanym lub osobistym (e-dowód).', { id: 'start.statutory' });

export const savedText = (): string =>
  msg('Odpowiedzi zapisują się w tej przeglądarce, dopóki nie wyślesz wniosku.', { id: 'start.saved' });

/**
 * A draft saved at `savedAt` in this browser: go on with it, or start anew. The start page's main
 * buttons; above the first step, where "continue" is the step's own, `secondary` ones.
 */
export function renderDraftOffer(
  savedAt: string,
  start: (fresh: boolean) => void,
  primary = 'primary',
): TemplateResult {
  return html`<div class="notice">
      ${msg(str`Masz niedokończony wniosek zapisany ${formatDate(savedAt, true)}.`, { id: 'start.draft' })}
    </div>
    <div class="actions">
      <button class=${primary} @click=${() => start(false)}>
        ${msg('Kontynuuj wniosek', { id: 'start.continue' })}
      </button>
      <button class="secondary" @click=${() => start(true)}>${msg('Zacznij od nowa', { id: 'start.fresh' })}</button>
    </div>`;
}

/**
 * The start page of a procedure: what it is for, the fee, what to prepare, what is done in
 * person, and how to begin (or go on with a draft saved at `draftSavedAt`). A page that says all
 * this itself opens the form on its first step instead (`start="first-step"`).
 */
export function renderStartPage(
  procedure: Procedure,
  draftSavedAt: string | undefined,
  start: (fresh: boolean) => void,
): TemplateResult {
  return html`
    ${renderHeading(t(procedure.title))}
    <p>${t(procedure.summary)}</p>
    ${renderElsewhere(procedure)} ${renderFee(procedure)}
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
    <p>${signaturesText(procedure)} ${savedText()}</p>
    ${
      draftSavedAt
        ? renderDraftOffer(draftSavedAt, start)
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
