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
 * @event ebok-submitted - From the procedure's element: the application was registered.
 */
export class EbokForm extends EbokElement {
  static override properties = {
    procedure: { reflect: true },
    endpoint: {},
    lang: { reflect: true },
    failed: { state: true },
  };
  declare procedure: string;
  declare endpoint: string;
  declare lang: string;
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
            this.requestUpdate();
          },
          () => (this.failed = true),
        );
      }
    }
    if (changed.has('lang') && this.lang) void useLang(requestedLang(this));
  }

  protected override updated(): void {
    if (!this.#inner) return;
    if (this.endpoint) this.#inner.setAttribute('endpoint', this.endpoint);
    else this.#inner.removeAttribute('endpoint');
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
