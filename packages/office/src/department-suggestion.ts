import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { EbokElement, currentLang } from '@ebok/widgets/shared';
import { catalogue } from './catalogue.js';
import { consoleStyles } from './styles.js';
import type { Catalogue, RegisterPage } from '@ebok/schemas/api';
import { api } from './api.js';
import { procedureFor, sameName, words, type Suggestion } from './suggest.js';
import { senderName } from './texts.js';

/** Earlier items of a sender read at most. */
const EARLIER = 20;

/**
 * The department the sender's earlier items are held by (the most of them, if any), else the
 * department of the procedure the subject names. Undefined where neither says anything.
 */
async function suggestDepartment(
  sender: string,
  subject: string,
  catalogue: () => Promise<Catalogue>,
): Promise<Suggestion | undefined> {
  if (words(sender).length > 0) {
    const q = new URLSearchParams({ q: sender.slice(0, 64), limit: String(EARLIER) });
    const page = await api<RegisterPage>(`/v1/register?${q}`);
    const theirs = page.entries.filter((e) => sameName(senderName(e.sender), sender));
    const counts = new Map<string, string[]>();
    for (const e of theirs) {
      const department = e.heldBy ?? e.department;
      counts.set(department, [...(counts.get(department) ?? []), e.registryNumber]);
    }
    const [top] = [...counts].sort((a, b) => b[1].length - a[1].length);
    if (top) return { department: top[0], because: 'sender', items: top[1].slice(0, 3) };
  }
  if (words(subject).length > 0) {
    const procedure = procedureFor(subject, await catalogue());
    if (procedure) return { department: procedure.department, because: 'procedure', procedure: procedure.title };
  }
  return undefined;
}

/** A procedure's title in the console's language. */
const procedureTitle = (title: { pl: string; en: string }): string => (currentLang() === 'en' ? title.en : title.pl);

/** The event a chosen suggestion sends up: `detail` is the department's code. */
export const USE_DEPARTMENT = 'ebok-office-use-department';

/**
 * Beside the chancellery's department field: the department the sender's earlier items went to,
 * else the one of the procedure the subject names, with a button that chooses it. Says nothing
 * when the field already holds it, or when nothing points anywhere.
 *
 * @tagname ebok-office-department-suggestion
 */
export class EbokOfficeDepartmentSuggestion extends EbokElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      .suggestion {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: center;
        margin: 0 0 1rem;
      }
      .suggestion p {
        margin: 0;
      }
    `,
  ];
  static override properties = {
    sender: {},
    subject: {},
    department: {},
    suggestion: { state: true },
  };

  declare sender: string;
  declare subject: string;
  /** The department the field holds now. */
  declare department: string;
  declare suggestion: Suggestion | undefined;
  #asked = 0;

  constructor() {
    super();
    this.sender = '';
    this.subject = '';
    this.department = '';
    this.suggestion = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sender') || changed.has('subject')) void this.#suggest();
  }

  async #suggest(): Promise<void> {
    const asked = ++this.#asked;
    try {
      const suggestion = await suggestDepartment(this.sender.trim(), this.subject.trim(), catalogue);
      // Only the answer to the latest question counts.
      if (asked === this.#asked) this.suggestion = suggestion;
    } catch {
      // A suggestion is a help, not a step: without an answer the clerk chooses as before.
      if (asked === this.#asked) this.suggestion = undefined;
    }
  }

  #use(): void {
    if (!this.suggestion) return;
    this.dispatchEvent(
      new CustomEvent(USE_DEPARTMENT, { detail: this.suggestion.department, bubbles: true, composed: true }),
    );
  }

  protected override render(): TemplateResult | typeof nothing {
    const s = this.suggestion;
    const text = !s
      ? ''
      : s.because === 'sender'
        ? msg(str`Propozycja: ${s.department}. Tam trafiły wcześniejsze pisma tego nadawcy (${s.items.join(', ')}).`, {
            id: 'office.suggest.sender',
          })
        : msg(str`Propozycja: ${s.department}, według procedury „${procedureTitle(s.procedure)}”.`, {
            id: 'office.suggest.procedure',
          });
    return html`<div role="status">
      ${
        s && s.department !== this.department
          ? html`<div class="suggestion">
              <p id="suggestion-text">${text}</p>
              <button type="button" id="use-suggestion" aria-describedby="suggestion-text" @click=${this.#use}>
                ${msg(str`Wybierz ${s.department}`, { id: 'office.suggest.use' })}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('ebok-office-department-suggestion', EbokOfficeDepartmentSuggestion);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-department-suggestion': EbokOfficeDepartmentSuggestion;
  }
}
