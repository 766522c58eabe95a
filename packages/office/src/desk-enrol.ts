import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Enrolment, EnrolmentRequest } from '@ebok/schemas/api';
import { EbokElement, type ControlOption } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { api } from './api.js';
import { documentKindText } from './certificates.js';
import type { ActivationProtocol } from './desk-protocol.js';
import { usePageRule } from './print.js';
import { DESK_PATH } from './routes.js';
import { problemIssues, renderErrorSummary, type Issue } from './error-summary.js';
import { consoleStyles, formStyles } from './styles.js';
import { errorText } from './texts.js';
import './desk-protocol.js';

type Control = HTMLElement & {
  label: string;
  error: string;
  checkValidity(): boolean;
  reportValidity(): boolean;
  validationMessage: string;
};

/** The form's control for each field of the API's request, by its JSON pointer. */
const CONTROL_BY_POINTER: Readonly<Record<string, string>> = {
  '/givenNames': 'givenNames',
  '/surname': 'surname',
  '/pesel': 'pesel',
  '/identityDocument/kind': 'documentKind',
  '/identityDocument/country': 'documentCountry',
  '/identityDocument/number': 'documentNumber',
};

/**
 * Enrolment at the desk: the person's names and PESEL (or, for a person without one, the identity
 * document alone), the document the clerk checked; then the activation protocol to print and sign.
 * The code lives in this page's memory only: never in the address or the browser's storage.
 *
 * @tagname ebok-office-enrol
 */
export class EbokOfficeEnrol extends EbokElement {
  static override styles = [
    consoleStyles,
    formStyles,
    css`
      .actions.after {
        margin-block-start: 1rem;
      }
      @media print {
        .screen {
          display: none !important;
        }
      }
    `,
  ];

  static override properties = {
    clerk: {},
    issues: { state: true },
    sending: { state: true },
    protocol: { state: true },
  };

  /** Who is issuing the code: the signed-in clerk's name. */
  declare clerk: string;
  declare issues: Issue[];
  declare sending: boolean;
  /** The protocol of the code just issued; the code is nowhere else. */
  declare protocol: ActivationProtocol | undefined;
  #dropPageRule: (() => void) | undefined;

  constructor() {
    super();
    this.clerk = '';
    this.issues = [];
    this.sending = false;
    this.protocol = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#dropPageRule = usePageRule('size: A4; margin: 20mm;');
  }

  override disconnectedCallback(): void {
    this.#dropPageRule?.();
    // Leaving the page forgets the code.
    this.protocol = undefined;
    super.disconnectedCallback();
  }

  #control(id: string): Control | null {
    return this.renderRoot.querySelector<Control>(`#${CSS.escape(id)}`);
  }

  /** An edited field drops the error the server gave it. */
  #onInput(event: Event): void {
    const control = event.target as Control;
    if (control.error) control.error = '';
  }

  async #showIssues(issues: Issue[]): Promise<void> {
    this.issues = issues;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  /** The API's problem, next to the fields it names (its `errors[].pointer`), and in the summary. */
  #problemIssues(e: unknown): Issue[] {
    return problemIssues(
      e,
      (pointer) => CONTROL_BY_POINTER[pointer],
      (id) => this.#control(id),
    );
  }

  async #enrol(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const form = event.target as HTMLFormElement;
    const issues: Issue[] = [];
    for (const el of form.querySelectorAll<Control>('[name]'))
      if (!el.checkValidity()) {
        el.reportValidity();
        issues.push({ id: el.id, label: el.label, message: el.validationMessage });
      }
    if (issues.length) return this.#showIssues(issues);
    const v: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') v[name] = value.trim();
    const document = {
      kind: v['documentKind'] === 'passport' ? ('passport' as const) : ('id-card' as const),
      country: (v['documentCountry'] ?? '').toUpperCase(),
      number: (v['documentNumber'] ?? '').replace(/\s+/g, '').toUpperCase(),
    };
    const person = { givenNames: v['givenNames'] ?? '', surname: v['surname'] ?? '' };
    const pesel = v['pesel'] || undefined;
    const body: EnrolmentRequest = pesel ? { ...person, pesel } : { ...person, identityDocument: document };
    this.sending = true;
    this.issues = [];
    try {
      const done = await api<Enrolment>('/v1/enrolments', { method: 'POST', body });
      this.protocol = {
        ...done,
        ...person,
        ...(pesel && { pesel }),
        identityDocument: document,
        clerk: this.clerk,
        issuedAt: new Date().toISOString(),
      };
      this.dispatchEvent(
        new AnnounceEvent(msg('Wydano kod aktywacyjny. Wydrukuj protokół do podpisu.', { id: 'office.enrol.done' })),
      );
      await this.updateComplete;
      const sheet = this.renderRoot.querySelector('ebok-office-protocol');
      await sheet?.updateComplete;
      sheet?.shadowRoot?.querySelector<HTMLElement>('#protocol-title')?.focus();
    } catch (e) {
      this.dispatchEvent(new AnnounceEvent(errorText(e)));
      await this.#showIssues(this.#problemIssues(e));
    } finally {
      this.sending = false;
    }
  }

  #another(): void {
    this.protocol = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h1')?.focus());
  }

  #goTo(event: Event, id: string): void {
    event.preventDefault();
    this.#control(id)?.focus();
  }

  protected override render(): TemplateResult {
    return html`
      <div class="screen">
        <h1 tabindex="-1">${msg('Wydanie kodu aktywacyjnego', { id: 'office.title.enrol' })}</h1>
        <p><a href=${DESK_PATH}>${msg('Certyfikaty i wyszukiwanie osób', { id: 'office.enrol.back' })}</a></p>
      </div>
      ${this.protocol ? this.#renderProtocol() : this.#renderForm()}
    `;
  }

  #renderProtocol(): TemplateResult {
    return html`<ebok-office-protocol .protocol=${this.protocol}></ebok-office-protocol>
      <div class="screen actions after">
        <button type="button" class="primary" id="print" @click=${() => window.print()}>
          ${msg('Drukuj protokół', { id: 'office.enrol.print' })}
        </button>
        <button type="button" id="another" @click=${this.#another}>
          ${msg('Wydaj kolejny kod', { id: 'office.enrol.another' })}
        </button>
      </div>`;
  }

  #renderSummary(): TemplateResult | typeof nothing {
    return renderErrorSummary(msg('Popraw, zanim wydasz kod:', { id: 'office.enrol.summary' }), this.issues, (e, id) =>
      this.#goTo(e, id),
    );
  }

  #renderForm(): TemplateResult {
    const kinds: ControlOption[] = (['id-card', 'passport'] as const).map((k) => ({
      value: k,
      label: documentKindText(k),
    }));
    return html`<div class="screen">
      <p class="muted">${msg('Sprawdź dokument tożsamości osoby, zanim wydasz kod.', { id: 'office.enrol.intro' })}</p>
      ${this.#renderSummary()}
      <form novalidate @submit=${this.#enrol} @input=${this.#onInput}>
        <ebok-text-field
          id="givenNames"
          name="givenNames"
          required
          maxlength="64"
          .label=${msg('Imiona', { id: 'office.enrol.given-names' })}
        ></ebok-text-field>
        <ebok-text-field
          id="surname"
          name="surname"
          required
          maxlength="64"
          .label=${msg('Nazwisko', { id: 'office.enrol.surname' })}
        ></ebok-text-field>
        <ebok-text-field
          id="pesel"
          name="pesel"
          pattern="[0-9]{11}"
          maxlength="11"
          .label=${msg('PESEL', { id: 'office.enrol.pesel' })}
          .hint=${msg('Zostaw puste dla osoby bez numeru PESEL: wtedy certyfikat wskaże dokument poniżej.', {
            id: 'office.enrol.pesel-hint',
          })}
        ></ebok-text-field>
        <fieldset>
          <legend>${msg('Okazany dokument tożsamości', { id: 'office.enrol.document' })}</legend>
          <ebok-select
            id="documentKind"
            name="documentKind"
            required
            .value=${'id-card'}
            .label=${msg('Rodzaj dokumentu', { id: 'office.enrol.document-kind' })}
            .options=${kinds}
          ></ebok-select>
          <ebok-text-field
            id="documentCountry"
            name="documentCountry"
            required
            maxlength="2"
            pattern="[A-Za-z]{2}"
            .value=${'PL'}
            .label=${msg('Państwo wydania', { id: 'office.enrol.document-country' })}
            .hint=${msg('Dwuliterowy kod, np. PL, DE, UA.', { id: 'office.enrol.document-country-hint' })}
          ></ebok-text-field>
          <ebok-text-field
            id="documentNumber"
            name="documentNumber"
            required
            maxlength="30"
            .label=${msg('Seria i numer dokumentu', { id: 'office.enrol.document-number' })}
          ></ebok-text-field>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.sending}>
            ${msg('Wydaj kod aktywacyjny', { id: 'office.desk.enrol' })}
          </button>
        </div>
      </form>
    </div>`;
  }
}

customElements.define('ebok-office-enrol', EbokOfficeEnrol);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-enrol': EbokOfficeEnrol;
  }
}
