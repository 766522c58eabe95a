import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { adoptStyles } from '../internal/adopted-styles.js';
import { applicationFiles, type Download } from '../internal/receipt-files.js';
import { formatDate, t } from '../localization.js';
import { departmentName } from './departments.js';
import type { FileSubmission, SignedSubmission } from './drafts.js';
import { signedFilesOf } from './signed-file.js';
import { cityLink } from './sign-file-steps.js';
import { renderHeading } from './heading.js';
import type { SubmissionReceipt } from './submit.js';

// One set of object URLs per receipt: a re-render (a language switch) must not make new ones.
const downloadsOf = new WeakMap<SubmissionReceipt, readonly Download[]>();

/** The signed application and the office's signed receipt (UPO), as files to save. */
function downloads(
  receipt: SubmissionReceipt,
  signed: SignedSubmission | FileSubmission | undefined,
): readonly Download[] {
  let files = downloadsOf.get(receipt);
  if (!files) {
    files = applicationFiles({
      registryNumber: receipt.registryNumber,
      document: signed?.document,
      signature: signed && 'signature' in signed ? (signed.signature as BlobPart) : undefined,
      // The files signed outside ebok, as they were given, with the extensions they had.
      signedFiles:
        signed && 'way' in signed
          ? signedFilesOf(signed).map((f) => ({
              extension: /\.[A-Za-z0-9]{1,5}$/.exec(f.name)?.[0] ?? '',
              type: f.type || 'application/octet-stream',
              content: f,
            }))
          : undefined,
      receipt: receipt.receipt,
    });
    downloadsOf.set(receipt, files);
  }
  return files;
}

// The confirmation panel's rules come with the receipt.
const PANEL = `
  .panel { background: var(--ebok-color-panel, #00703c); color: var(--ebok-color-panel-text, #ffffff); padding: 1.5rem; text-align: center; margin-bottom: 2rem; }
  .panel h2 { margin-bottom: 0.5rem; }
  .panel .number { display: block; font-size: 1.6em; font-weight: 700; overflow-wrap: anywhere; }
`;

/**
 * The receipt page: the register number in a confirmation panel, when it was received, which
 * department handles it, what happens next, and the documents to keep.
 */
export function renderReceipt(
  receipt: SubmissionReceipt,
  signed: SignedSubmission | FileSubmission | undefined,
  procedure: BrowserFormModel['procedure'],
  root: Node,
): TemplateResult {
  adoptStyles(root, PANEL);
  const elsewhere = procedure.channel?.kind === 'elsewhere' ? procedure.channel : undefined;
  // Where the page lists the resident's applications (<ebok-applications>), if it says.
  const follow = elsewhere ? undefined : cityLink(root as ParentNode, 'applications-url');
  return html`
    <div class="panel" tabindex="-1" role="status">
      ${renderHeading(
        elsewhere
          ? msg('Urząd otrzymał zgłoszenie wizyty', { id: 'receipt.visit-title' })
          : msg('Wniosek został złożony', { id: 'receipt.title' }),
      )}
      ${msg('Numer w rejestrze urzędu', { id: 'receipt.number' })}
      <strong class="number">${receipt.registryNumber}</strong>
    </div>
    <dl class="summary">
      <div>
        <dt>${msg('Data i godzina wpływu', { id: 'receipt.received' })}</dt>
        <dd>${formatDate(receipt.receivedAt, true)}</dd>
        <dd></dd>
      </div>
      <div>
        <dt>${msg('Sprawę prowadzi', { id: 'receipt.department' })}</dt>
        <dd>${departmentName(receipt.department)}</dd>
        <dd></dd>
      </div>
    </dl>
    <h3>${msg('Co dalej', { id: 'receipt.next' })}</h3>
    ${
      elsewhere
        ? html`<p>
            ${msg('Wniosek nie został jeszcze złożony. Złóż go tutaj:', { id: 'receipt.file-elsewhere' })}
            <a href=${elsewhere.url}>${t(elsewhere.service)}</a>
          </p>`
        : nothing
    }
    ${
      procedure.inPerson.length
        ? html`<ul>
            ${procedure.inPerson.map((p) => html`<li>${t(p)}</li>`)}
          </ul>`
        : html`<p>${msg('Urząd odpowie Ci w sposób wybrany we wniosku.', { id: 'receipt.no-visit' })}</p>`
    }
    ${follow ? html`<p><a href=${follow}>${msg('Śledź ten wniosek', { id: 'receipt.follow' })}</a></p>` : nothing}
    <h3>${msg('Pobierz dokumenty', { id: 'receipt.downloads' })}</h3>
    <p>${msg('Zachowaj potwierdzenie (UPO): podpisał je urząd.', { id: 'receipt.keep' })}</p>
    <ul>
      ${downloads(receipt, signed).map((d) => html`<li><a href=${d.url} download=${d.name}>${d.name}</a></li>`)}
    </ul>
  `;
}
