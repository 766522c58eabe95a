import { html, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { procedureModules } from '../generated/elements/index.js';
import { define, EbokElement } from '../internal/ebok-element.js';
import { requestedLang, useLang } from '../localization.js';

/**
 * Any procedure's form by its id: `<ebok-form procedure="usc-odpis-aktu">`. The procedure's
 * own element (`<ebok-usc-odpis-aktu>`) and its code are loaded when the form is first shown.
 *
 * @tagname ebok-form
 * @summary The form of a procedure, loaded on demand.
 * @tag ebok-form
 * @attr procedure - The procedure id, as in `GET /v1/procedures`.
 * @attr endpoint - The intake server's URL; by default the origin the widgets were loaded from.
 * @attr lang - pl, en or uk; by default the nearest `lang` of the page.
 * @attr applications-url - The page with `<ebok-applications>`, linked from the receipt ("follow this application").
 * @attr start - `first-step`: open on the first step, without the start page (for a page that describes the
 *   procedure itself); a saved draft is offered above the first step.
 * @event {EbokStepEvent} ebok-step - From the procedure's element: the form shows another page (`detail.page`,
 *   `step`, `index`, `count`, `title`).
 * @event {EbokInvalidEvent} ebok-invalid - From the procedure's element: a step's answers need correcting
 *   (`detail.step`, `index`, `fields` as JSON Pointers).
 * @event {EbokDraftRestoredEvent} ebok-draft-restored - From the procedure's element: a draft kept in this browser
 *   was taken back (`detail.savedAt`, `step`).
 * @event {EbokDirtyEvent} ebok-dirty - From the procedure's element: `detail.dirty` is `true` at the resident's first
 *   change, `false` once the application is registered.
 * @event {EbokSubmittedEvent} ebok-submitted - From the procedure's element: the application was registered.
 */
export class EbokForm extends EbokElement {
  static override properties = {
    procedure: { reflect: true },
    endpoint: {},
    lang: { reflect: true },
    start: {},
    failed: { state: true },
  };
  declare procedure: string;
  declare endpoint: string;
  declare lang: string;
  /** `first-step`: the form opens on its first step, without the start page. */
  declare start: string;
  declare protected failed: boolean;

  #inner: HTMLElement | undefined;

  /** Whether `procedure` names a procedure; its element is `ebok-<procedure>`, as the loader knows too. */
  get #known(): boolean {
    return Object.hasOwn(procedureModules, this.procedure);
  }

  constructor() {
    super();
    this.procedure = '';
    this.endpoint = '';
    this.failed = false;
  }

  /** The answers of the procedure's element, once it is loaded. */
  get value(): unknown {
    return (this.#inner as { value?: unknown } | undefined)?.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLang(requestedLang(this));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('procedure')) {
      this.#inner = undefined;
      this.failed = false;
      const id = this.procedure;
      if (this.#known) {
        procedureModules[id]!().then(
          () => {
            if (this.procedure !== id) return;
            this.#inner = document.createElement(`ebok-${id}`);
            // Before it is on the page: its journey opens where `start` says.
            this.#pass();
            this.requestUpdate();
          },
          () => (this.failed = true),
        );
      }
    }
    if (changed.has('lang') && this.lang) void useLang(requestedLang(this));
  }

  protected override updated(): void {
    this.#pass();
  }

  /** Gives the procedure's element the attributes it reads itself. */
  #pass(): void {
    const inner = this.#inner;
    if (!inner) return;
    for (const name of ['endpoint', 'start'] as const) {
      const value = this[name];
      if (value) inner.setAttribute(name, value);
      else inner.removeAttribute(name);
    }
  }

  override render(): TemplateResult {
    if (!this.#known) {
      return html`<p role="alert">
        ${
          this.procedure
            ? msg(str`Nie ma takiego wniosku: „${this.procedure}”.`, { id: 'form.unknown' })
            : msg('Nie wskazano wniosku (atrybut procedure).', { id: 'form.missing' })
        }
      </p>`;
    }
    if (this.failed) {
      return html`<p role="alert">
        ${msg('Nie udało się wczytać formularza. Sprawdź połączenie i odśwież stronę.', { id: 'form.load-failed' })}
      </p>`;
    }
    if (!this.#inner) return html`<p role="status">${msg('Wczytywanie formularza…', { id: 'form.loading' })}</p>`;
    return html`${this.#inner}`;
  }
}
define('ebok-form', EbokForm);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-form': EbokForm;
  }
}
