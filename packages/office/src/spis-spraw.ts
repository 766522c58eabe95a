import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { EbokElement, currentLang } from '@ebok/widgets/shared';
import { AnnounceEvent } from './announce.js';
import { ApiError } from './api.js';
import { downloadCsv } from './csv.js';
import { consoleStyles } from './styles.js';
import { errorText } from './texts.js';

/** Pages of 200 cases read at most for one list (100,000 cases in one class and year). */
const MAX_PAGES = 500;

/** The next page a `Link: <…>; rel="next"` header names, if any. */
function nextPage(link: string | null): string | undefined {
  const m = link?.match(/<([^>]+)>;\s*rel="next"/);
  return m?.[1]?.startsWith('/v1/cases/export?') ? m[1] : undefined;
}

/**
 * Reads every page of a spis spraw as the API gives it, the header row first, with the BOM
 * spreadsheets need to read it as UTF-8 (`Response.text()` drops the one the API sends).
 */
async function spisText(first: string): Promise<string> {
  let text = '';
  let path: string | undefined = first;
  for (let page = 0; path && page < MAX_PAGES; page++) {
    let res: Response;
    try {
      res = await fetch(path, { headers: { 'accept-language': currentLang() }, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({}))) as { type?: string; detail?: string; title?: string };
      throw new ApiError(res.status, problem.type ?? '', problem.detail || problem.title || res.statusText);
    }
    text += await res.text();
    path = nextPage(res.headers.get('link'));
  }
  return `\uFEFF${text}`;
}

/**
 * The spis spraw (the list of a unit's cases of one JRWA class in one year, as the instrukcja
 * kancelaryjna has it) downloaded as CSV, every page of it.
 *
 * @tagname ebok-office-spis
 */
export class EbokOfficeSpis extends EbokElement {
  static override styles = consoleStyles;
  static override properties = {
    department: {},
    busy: { state: true },
    error: { state: true },
  };

  declare department: string;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.department = '';
    this.busy = false;
    this.error = '';
  }

  async #download(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const jrwa = String(form.get('jrwa') ?? '').trim();
    const year = String(form.get('year') ?? '').trim();
    if (!/^[0-9]{1,4}$/.test(jrwa)) {
      this.error = msg('Podaj klasę JRWA: od 1 do 4 cyfr, np. 6640.', { id: 'office.spis.jrwa-invalid' });
      return;
    }
    if (!/^20[0-9]{2}$/.test(year)) {
      this.error = msg('Podaj rok, np. 2026.', { id: 'office.spis.year-invalid' });
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const q = new URLSearchParams({ department: this.department, jrwa, year });
      const text = await spisText(`/v1/cases/export?${q}`);
      const cases = text.split('\r\n').filter(Boolean).length - 1;
      downloadCsv(`spis-spraw-${this.department}-${jrwa}-${year}.csv`, text);
      this.dispatchEvent(
        new AnnounceEvent(
          msg(str`Pobrano spis spraw ${this.department}.${jrwa}: spraw ${cases}.`, { id: 'office.spis.done' }),
        ),
      );
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    return html`<section aria-labelledby="spis-title">
      <h2 id="spis-title">${msg('Spis spraw', { id: 'office.spis.title' })}</h2>
      <p>
        ${msg('Sprawy jednej klasy JRWA z jednego roku, z kolumnami spisu spraw, jako plik CSV.', {
          id: 'office.spis.intro',
        })}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="actions" novalidate @submit=${this.#download}>
        <ebok-text-field
          id="spis-jrwa"
          name="jrwa"
          required
          maxlength="4"
          .label=${msg('Klasa JRWA', { id: 'office.case-dialog.jrwa' })}
        ></ebok-text-field>
        <ebok-text-field
          id="spis-year"
          name="year"
          required
          maxlength="4"
          .value=${String(new Date().getFullYear())}
          .label=${msg('Rok', { id: 'office.spis.year' })}
        ></ebok-text-field>
        <button type="submit" id="spis-download" ?disabled=${this.busy}>
          ${msg('Pobierz spis spraw (CSV)', { id: 'office.spis.download' })}
        </button>
      </form>
    </section>`;
  }
}

customElements.define('ebok-office-spis', EbokOfficeSpis);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office-spis': EbokOfficeSpis;
  }
}
