/** @module The parts of an item's page that only show: the signature's verdict, the receipt, the attachments. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { DepartmentDocument } from '@ebok/schemas/api';
import { formatDate, formatNumber } from '@ebok/widgets/shared';

type Verdict = NonNullable<DepartmentDocument['verdict']>;
type Attachment = DepartmentDocument['attachments'][number];

/** The files a browser shows itself; the rest (TIFF among them) are only downloaded. */
const SHOWN: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

function kindText(kind: Verdict['kind']): string {
  switch (kind) {
    case 'city':
      return msg('certyfikat mieszkańca wydany przez urząd', { id: 'office.item.kind.city' });
    case 'qualified':
      return msg('podpis kwalifikowany', { id: 'office.item.kind.qualified' });
    case 'personal':
      return msg('podpis osobisty', { id: 'office.item.kind.personal' });
    case 'trusted-profile':
      return msg('podpis zaufany', { id: 'office.item.kind.trusted-profile' });
  }
}

function revocationText(v: Verdict): string {
  switch (v.revocation) {
    case 'good':
      return v.revocationSource === 'city-register'
        ? msg('nieunieważniony (rejestr certyfikatów urzędu)', { id: 'office.item.revocation.good-city' })
        : msg('nieunieważniony', { id: 'office.item.revocation.good' });
    case 'revoked':
      return msg('unieważniony', { id: 'office.item.revocation.revoked' });
    case 'unavailable':
      return msg('nie udało się sprawdzić', { id: 'office.item.revocation.unavailable' });
    case 'not-checked':
      return msg('nie sprawdzano', { id: 'office.item.revocation.not-checked' });
  }
}

/** Who signed and what was found of the signature when the office received the item. */
export function renderVerdict(v: Verdict | null | undefined): TemplateResult {
  const heading = html`<h2 id="signature">${msg('Podpis', { id: 'office.item.signature' })}</h2>`;
  if (!v)
    return html`${heading}
      <p>${msg('Pismo wpłynęło bez podpisu elektronicznego (pismo papierowe).', { id: 'office.item.unsigned' })}</p>`;
  const good = v.validAtReceipt && v.revocation === 'good';
  return html`${heading}
    <p class=${good ? 'verdict good' : 'verdict bad'}>
      ${
        good
          ? msg('Podpis ważny w chwili wpływu.', { id: 'office.item.verdict.valid' })
          : msg('Podpis wymaga sprawdzenia: zob. szczegóły poniżej.', { id: 'office.item.verdict.check' })
      }
    </p>
    <dl>
      <dt>${msg('Podpisał(a)', { id: 'office.item.signer' })}</dt>
      <dd id="signer">
        ${v.signer.name}${v.signer.identifier ? html` <span class="muted">(${v.signer.identifier})</span>` : nothing}
        ${
          v.signerCount
            ? html`<br />${msg(str`Podpisały ${v.signerCount} osoby; powyżej pierwsza.`, { id: 'office.item.signers' })}`
            : nothing
        }
      </dd>
      <dt>${msg('Rodzaj podpisu', { id: 'office.item.kind' })}</dt>
      <dd>${kindText(v.kind)}${v.format ? ` (${v.format})` : ''}</dd>
      <dt>${msg('Certyfikat', { id: 'office.item.certificate' })}</dt>
      <dd>
        ${msg(str`nr seryjny ${v.certificate.serialNumber}`, { id: 'office.item.serial' })}
        ${v.certificate.issuer ? html`<br />${msg(str`wystawca: ${v.certificate.issuer}`, { id: 'office.item.issuer' })}` : nothing}
      </dd>
      ${
        v.certificate.notBefore && v.certificate.notAfter
          ? html`<dt>${msg('Ważność certyfikatu', { id: 'office.item.validity' })}</dt>
              <dd>${formatDate(v.certificate.notBefore, true)} – ${formatDate(v.certificate.notAfter, true)}</dd>`
          : nothing
      }
      <dt>${msg('Ważny w chwili wpływu', { id: 'office.item.valid-at-receipt' })}</dt>
      <dd>${v.validAtReceipt ? msg('tak', { id: 'office.yes' }) : msg('nie', { id: 'office.no' })}</dd>
      <dt>${msg('Unieważnienie w chwili wpływu', { id: 'office.item.revocation' })}</dt>
      <dd id="revocation">${revocationText(v)} — ${formatDate(v.checkedAt, true)}</dd>
      ${
        v.signingTime
          ? html`<dt>${msg('Czas złożenia podpisu', { id: 'office.item.signing-time' })}</dt>
              <dd>${formatDate(v.signingTime, true)}</dd>`
          : nothing
      }
    </dl>`;
}

/** A text file to download from the page itself (no request): the receipt and its signature. */
const dataUrl = (mediaType: string, text: string): string =>
  `data:${mediaType};charset=utf-8,${encodeURIComponent(text)}`;
const base64Url = (mediaType: string, base64: string): string => `data:${mediaType};base64,${base64}`;

/** The receipt (UPO): its number, time and digest, and the signed receipt to download. */
export function renderReceipt(doc: DepartmentDocument): TemplateResult {
  const file = doc.entry.identifier ?? doc.entry.registryNumber.replace(/[/\\*?:=,;]/g, '-');
  return html`<h2 id="receipt">${msg('Potwierdzenie wpływu (UPO)', { id: 'office.item.receipt' })}</h2>
    <dl>
      <dt>${msg('Numer w rejestrze', { id: 'office.col.number' })}</dt>
      <dd>${doc.entry.registryNumber}</dd>
      <dt>${msg('Wpłynęło', { id: 'office.col.received' })}</dt>
      <dd>${formatDate(doc.entry.receivedAt, true)}</dd>
      <dt>${msg('Skrót dokumentu (SHA-256)', { id: 'office.item.digest' })}</dt>
      <dd class="digest">${doc.entry.documentSha256 ?? '—'}</dd>
    </dl>
    <div class="actions">
      <a class="button" href=${dataUrl('application/json', doc.receipt.document)} download=${`upo-${file}.json`}
        >${msg('Pobierz potwierdzenie', { id: 'office.item.receipt-download' })}</a
      >
      <a
        class="button"
        href=${base64Url('application/pkcs7-signature', doc.receipt.signature)}
        download=${`upo-${file}.p7s`}
        >${msg('Pobierz podpis potwierdzenia', { id: 'office.item.receipt-signature' })}</a
      >
    </div>`;
}

/** A size in kB or MB for the attachment list. */
const size = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${formatNumber(Math.ceil(bytes / 1024))} kB` : `${formatNumber(bytes / 1024 / 1024)} MB`;

/**
 * The attachments (for paper, the scans): each downloadable, and a PDF, JPEG or PNG shown in the
 * page from the address that serves it under a sandbox policy (its response's
 * Content-Security-Policy: the frame itself has no sandbox attribute, under which Chromium
 * refuses to show a PDF at all). `label` names a file by what the procedure calls it.
 */
export function renderAttachments(attachments: readonly Attachment[], label: (name: string) => string): TemplateResult {
  if (attachments.length === 0)
    return html`<h2>${msg('Załączniki', { id: 'office.item.attachments' })}</h2>
      <p>${msg('Brak załączników.', { id: 'office.item.no-attachments' })}</p>`;
  return html`<h2>${msg('Załączniki', { id: 'office.item.attachments' })}</h2>
    <ul class="attachments">
      ${attachments.map((a) => {
        const name = label(a.name);
        const inline = `${a.url}?view=inline`;
        return html`<li data-name=${a.name}>
          <h3>${name}</h3>
          <p class="muted">${a.name} · ${a.mediaType} · ${size(a.size)}</p>
          ${
            !SHOWN.has(a.mediaType)
              ? html`<p>
                  ${msg('Tego pliku nie da się pokazać w przeglądarce: pobierz go.', { id: 'office.item.download-only' })}
                </p>`
              : a.mediaType === 'application/pdf'
                ? html`<iframe
                    class="preview"
                    src=${inline}
                    title=${msg(str`Podgląd: ${name}`, { id: 'office.item.preview' })}
                  ></iframe>`
                : html`<img
                    class="preview"
                    src=${inline}
                    alt=${msg(str`Podgląd: ${name}`, { id: 'office.item.preview' })}
                  />`
          }
          <p>
            <a href=${a.url} download=${a.name}
              >${msg('Pobierz', { id: 'office.item.download' })}<span class="visually-hidden"> ${name}</span></a
            >
          </p>
        </li>`;
      })}
    </ul>`;
}
