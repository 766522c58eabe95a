/** @module The dialogs of an item's next steps, in the inbox and on the item's page: forward it, open a case on it, attach it to a case. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Case, CasePage, Catalogue } from '@ebok/schemas/api';
import type { ControlOption } from '@ebok/widgets/shared';
import { api } from './api.js';

/** What a dialog shows and does: for which item, what went wrong, and its submit and cancel. */
export interface ItemDialog {
  readonly registryNumber: string;
  readonly error: string;
  readonly submit: (event: SubmitEvent) => void;
  readonly close: () => void;
}

/** An item's action in the API: `acceptance`, `forwarding`, or the item itself (''). */
export const itemApiPath = (department: string, registryNumber: string, action = ''): string =>
  `/v1/departments/${department}/documents/${encodeURIComponent(registryNumber)}${action ? `/${action}` : ''}`;

/** The departments an item may be forwarded to: every one with a procedure, but this one. */
export async function forwardTargets(department: string): Promise<string[]> {
  const catalogue = await api<Catalogue>('/v1/procedures');
  return [...new Set(catalogue.map((p) => p.department))].filter((d) => d !== department).sort();
}

/** The cases of a department an item may still join: all but the closed ones, by znak. */
export async function openCases(department: string): Promise<CasePage['cases']> {
  const page = await api<CasePage>(`/v1/cases?${new URLSearchParams({ department, limit: '1000' })}`);
  return page.cases.filter((c) => c.status !== 'closed').sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
}

/** Opens a case on an item: its class (or the procedure's) and title (or the item's subject). */
export function openCase(registryNumber: string, values: Record<string, string>): Promise<Case> {
  return api<Case>('/v1/cases', {
    method: 'POST',
    body: {
      registryNumber,
      ...(values['jrwa'] && { jrwa: values['jrwa'] }),
      ...(values['title']?.trim() && { title: values['title'].trim() }),
    },
  });
}

/** Adds an item to an existing case of its department. */
export function attachToCase(caseNumber: string, registryNumber: string): Promise<Case> {
  return api<Case>(`/v1/cases/${encodeURIComponent(caseNumber)}/documents`, {
    method: 'POST',
    body: { registryNumber },
  });
}

const error = (text: string): TemplateResult => html`<p class="error" role="alert">${text}</p>`;

const buttons = (submit: string, d: ItemDialog): TemplateResult =>
  html`<div class="actions">
    <button type="submit" class="primary">${submit}</button>
    <button type="button" @click=${d.close}>${msg('Anuluj', { id: 'office.cancel' })}</button>
  </div>`;

export function renderForwardDialog(d: ItemDialog, departments: readonly string[]): TemplateResult {
  const options: ControlOption[] = departments.map((code) => ({ value: code, label: code }));
  return html`<dialog id="forward" aria-labelledby="forward-title">
    <form novalidate @submit=${d.submit}>
      <h2 id="forward-title">${msg(str`Przekaż pismo ${d.registryNumber}`, { id: 'office.forward.title' })}</h2>
      <ebok-select
        name="to"
        required
        .label=${msg('Do wydziału', { id: 'office.forward.to' })}
        .options=${options}
      ></ebok-select>
      <ebok-textarea
        name="reason"
        required
        maxlength="2000"
        .label=${msg('Powód przekazania', { id: 'office.forward.reason' })}
        .hint=${msg('Np. sprawa należy do innego wydziału.', { id: 'office.forward.reason-hint' })}
      ></ebok-textarea>
      ${error(d.error)} ${buttons(msg('Przekaż', { id: 'office.inbox.forward' }), d)}
    </form>
  </dialog>`;
}

export function renderCaseDialog(d: ItemDialog, needsClass: boolean): TemplateResult {
  return html`<dialog id="case" aria-labelledby="case-title">
    <form novalidate @submit=${d.submit}>
      <h2 id="case-title">
        ${msg(str`Załóż sprawę na piśmie ${d.registryNumber}`, { id: 'office.case-dialog.title' })}
      </h2>
      <ebok-text-field
        name="jrwa"
        ?required=${needsClass}
        pattern="[0-9]{1,4}"
        maxlength="4"
        .label=${msg('Klasa JRWA', { id: 'office.case-dialog.jrwa' })}
        .hint=${
          needsClass
            ? msg('Od 1 do 4 cyfr, np. 6640.', { id: 'office.case-dialog.jrwa-hint' })
            : msg('Od 1 do 4 cyfr; bez niej — klasa z procedury.', { id: 'office.case-dialog.jrwa-hint-procedure' })
        }
      ></ebok-text-field>
      <ebok-text-field
        name="title"
        maxlength="500"
        .label=${msg('Tytuł sprawy', { id: 'office.case-dialog.title-field' })}
        .hint=${msg('Bez niego — temat pisma.', { id: 'office.case-dialog.title-hint' })}
      ></ebok-text-field>
      ${error(d.error)} ${buttons(msg('Załóż sprawę', { id: 'office.inbox.open-case' }), d)}
    </form>
  </dialog>`;
}

/** Choosing one of the department's open cases, by znak and title; undefined while they load. */
export function renderAttachDialog(d: ItemDialog, cases: CasePage['cases'] | undefined): TemplateResult {
  const options: ControlOption[] = (cases ?? []).map((c) => ({
    value: c.caseNumber,
    label: `${c.caseNumber} — ${c.title}`,
  }));
  return html`<dialog id="attach" aria-labelledby="attach-title">
    <form novalidate @submit=${d.submit}>
      <h2 id="attach-title">${msg(str`Dołącz pismo ${d.registryNumber} do sprawy`, { id: 'office.attach.title' })}</h2>
      ${
        cases && cases.length === 0
          ? html`<p>${msg('Wydział nie ma otwartych spraw.', { id: 'office.attach.none' })}</p>`
          : html`<ebok-select
              name="case"
              required
              .label=${msg('Sprawa (znak)', { id: 'office.attach.case' })}
              .options=${options}
            ></ebok-select>`
      }
      ${cases ? nothing : html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`} ${error(d.error)}
      ${buttons(msg('Dołącz do sprawy', { id: 'office.attach.submit' }), d)}
    </form>
  </dialog>`;
}
