import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ResidentApplications } from '@ebok/schemas/api';
import type { Text } from '@ebok/forms-core/runtime/base';
import type { Download } from '../internal/receipt-files.js';
import { formatDate, t } from '../localization.js';

export type Application = ResidentApplications[number];
type Notice = Application['notices'][number];

/** Where an application stands, in plain words. */
function statusText(status: Application['status']): string {
  switch (status) {
    case 'registered':
      return msg('Wpłynął do urzędu i jest w rejestrze', { id: 'applications.status-registered' });
    case 'forwarded':
      return msg('Przekazany do wydziału, który go załatwi', { id: 'applications.status-forwarded' });
    case 'accepted':
      return msg('Wydział przyjął wniosek', { id: 'applications.status-accepted' });
    case 'case-opened':
      return msg('Sprawa w toku', { id: 'applications.status-case-opened' });
    case 'waiting-for-resident':
      return msg('Urząd czeka na Ciebie', { id: 'applications.status-waiting' });
    case 'suspended':
      return msg('Postępowanie zawieszone', { id: 'applications.status-suspended' });
    case 'extended':
      return msg('Termin załatwienia przedłużony', { id: 'applications.status-extended' });
    case 'decided':
      return msg('Sprawa rozstrzygnięta', { id: 'applications.status-decided' });
    default:
      return msg('Sprawa zakończona', { id: 'applications.status-closed' });
  }
}

/** One event of the timeline, in plain words. */
function noticeText(n: Notice, departmentName: (code: string) => string): string {
  switch (n.type) {
    case 'forwarded':
      return msg(str`Przekazany do: ${departmentName(n.department ?? '')}`, { id: 'applications.notice-forwarded' });
    case 'resumed':
      return msg('Postępowanie wznowione', { id: 'applications.notice-resumed' });
    case 'extended':
      return msg(str`Termin przedłużony do ${formatDate(n.until ?? '')}`, { id: 'applications.notice-extended' });
    case 'waiting-for-resident':
      return statusText('waiting-for-resident');
    default:
      return statusText(n.type);
  }
}

/** The art. 36 notice as the office wrote it (in Polish), to read and keep. */
const renderNotice = (n: Notice): TemplateResult | typeof nothing =>
  n.notice
    ? html`<details>
        <summary>${msg('Zawiadomienie o przedłużeniu terminu (art. 36 KPA)', { id: 'applications.art36' })}</summary>
        <p class="letter" lang="pl">${n.notice}</p>
      </details>`
    : nothing;

/** The latest notice of a kind. */
const latest = (a: Application, type: Notice['type']): Notice | undefined =>
  a.notices.filter((n) => n.type === type).at(-1);

const row = (term: string, value: unknown): TemplateResult =>
  html`<div>
    <dt>${term}</dt>
    <dd>${value}</dd>
  </div>`;

/** The timeline of one application: received, then every event the resident is told of, oldest first. */
function renderTimeline(a: Application, id: string, departmentName: (code: string) => string): TemplateResult {
  return html`<ol class="timeline" id=${id}>
    <li>
      <time datetime=${a.receivedAt}>${formatDate(a.receivedAt, true)}</time>
      ${msg('Wniosek wpłynął do urzędu', { id: 'applications.notice-received' })}
    </li>
    ${a.notices.map(
      (n) =>
        html`<li>
          <time datetime=${n.at}>${formatDate(n.at, true)}</time>
          ${noticeText(n, departmentName)}
          ${n.reason ? html`<br />${msg('Powód:', { id: 'applications.reason' })} ${n.reason}` : nothing}
          ${n.outcome ? html`<br />${n.outcome}` : nothing} ${renderNotice(n)}
        </li>`,
    )}
  </ol>`;
}

/** What the office waits for: the reason of the latest request, if the officer gave it. */
const waitingFor = (a: Application): string =>
  latest(a, 'waiting-for-resident')?.reason ??
  msg('Urząd powiadomi Cię, czego potrzebuje.', { id: 'applications.waiting-unsaid' });

/** An application's files asked for again: while the office is asked, then the files or why not. */
export interface Fetched {
  readonly busy?: boolean;
  readonly files?: readonly Download[];
  readonly error?: string;
}

export interface ApplicationsHost {
  readonly list: readonly Application[];
  readonly titles: Readonly<Record<string, Text>>;
  readonly open: ReadonlySet<string>;
  /** A department's name for residents (the names come with the first answer; until then, the code). */
  departmentName(code: string): string;
  toggle(registryNumber: string): void;
  /** The applications whose files were asked for again. */
  readonly fetched: ReadonlyMap<string, Fetched>;
  download(registryNumber: string): void;
}

/** The application and its receipt (UPO) to download again: asked on a click, then listed as files. */
function renderDownloads(host: ApplicationsHost, a: Application, i: number): TemplateResult {
  const state = host.fetched.get(a.registryNumber);
  return html`<div class="downloads" aria-busy=${state?.busy ? 'true' : 'false'}>
    <button
      type="button"
      class="secondary"
      aria-describedby=${`a${i}`}
      aria-disabled=${state?.busy ? 'true' : 'false'}
      @click=${() => host.download(a.registryNumber)}
    >
      ${msg('Pobierz wniosek i UPO', { id: 'applications.download' })}
    </button>
    ${state?.busy ? html`<p>${msg('Pobieranie wniosku i UPO…', { id: 'applications.downloading' })}</p>` : nothing}
    ${state?.error ? html`<div class="notice warning" role="alert"><p>${state.error}</p></div>` : nothing}
    ${
      state?.files
        ? html`<ul class="files" aria-labelledby=${`a${i}`}>
            ${state.files.map((d) => html`<li><a href=${d.url} download=${d.name}>${d.name}</a></li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}

/** One application: what it is, where it stands, the notices the office sent, and its timeline behind a button. */
function renderApplication(host: ApplicationsHost, a: Application, i: number): TemplateResult {
  const title = a.procedure
    ? t(host.titles[a.procedure.id]) || a.procedure.id
    : msg('Pismo', { id: 'applications.letter' });
  const open = host.open.has(a.registryNumber);
  const { departmentName } = host;
  const extended = a.status === 'extended' ? latest(a, 'extended') : undefined;
  const forwarded = latest(a, 'forwarded');
  return html`<li class="application">
    <h3 id=${`a${i}`} tabindex="-1">${title}</h3>
    <dl class="summary">
      ${row(msg('Numer w rejestrze', { id: 'applications.number' }), a.registryNumber)}
      ${row(msg('Data wpływu', { id: 'applications.received' }), formatDate(a.receivedAt, true))}
      ${row(msg('Wydział', { id: 'applications.department' }), departmentName(a.department))}
      ${row(
        msg('Stan', { id: 'applications.status' }),
        html`<strong>${statusText(a.status)}</strong>
          (${msg(str`od ${formatDate(a.statusAt)}`, { id: 'applications.since' })})`,
      )}
      ${a.caseNumber ? row(msg('Znak sprawy', { id: 'applications.case' }), a.caseNumber) : nothing}
      ${a.deadline ? row(msg('Przewidywany termin załatwienia', { id: 'applications.deadline' }), formatDate(a.deadline)) : nothing}
      ${a.status === 'waiting-for-resident' ? row(msg('Urząd czeka na', { id: 'applications.waiting' }), waitingFor(a)) : nothing}
      ${forwarded ? row(msg('Przekazanie', { id: 'applications.forward' }), `${noticeText(forwarded, departmentName)} (${formatDate(forwarded.at)})`) : nothing}
      ${extended ? row(msg('Przedłużenie', { id: 'applications.extension' }), html`${noticeText(extended, departmentName)}${extended.reason ? html`. ${msg('Powód:', { id: 'applications.reason' })} ${extended.reason}` : nothing}`) : nothing}
    </dl>
    ${extended ? renderNotice(extended) : nothing}
    <button
      type="button"
      class="link"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${`t${i}`}
      aria-describedby=${`a${i}`}
      @click=${() => host.toggle(a.registryNumber)}
    >
      ${
        open
          ? msg('Ukryj historię wniosku', { id: 'applications.hide-timeline' })
          : msg('Pokaż historię wniosku', { id: 'applications.show-timeline' })
      }
    </button>
    ${open ? renderTimeline(a, `t${i}`, departmentName) : nothing} ${renderDownloads(host, a, i)}
  </li>`;
}

/** The list, newest first (as the office sends it). */
export function renderList(host: ApplicationsHost): TemplateResult {
  if (!host.list.length)
    return html`<p class="none" tabindex="-1">
      ${msg('Nie ma wniosków podpisanych tym certyfikatem.', { id: 'applications.none' })}
    </p>`;
  return html`<ul class="applications">
    ${host.list.map((a, i) => renderApplication(host, a, i))}
  </ul>`;
}
