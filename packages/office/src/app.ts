import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { SignOut, StaffSession } from '@ebok/schemas/api';
import { EbokElement, currentLang, useLang } from '@ebok/widgets/shared';
import './localization.js';
import type { AnnounceEvent } from './announce.js';
import { ApiError, SESSION_ENDED, api, useCsrfToken } from './api.js';
import {
  DESK_PATH,
  ENROL_PATH,
  NEW_ITEM_PATH,
  REGISTER_PATH,
  isDesk,
  adminPath,
  casesPath,
  departmentsOf,
  headedBy,
  officersPath,
  overviewPath,
  inboxPath,
  navigate,
  routeOf,
  type Route,
} from './routes.js';
import { shellStyles } from './shell-styles.js';
import { errorText, roleText } from './texts.js';
import './inbox.js';
import './case-view.js';
import './item-view.js';
import './case-list.js';
import './late-notice.js';
import './chancellery.js';
import { officeName } from './label.js';
import './register.js';
import './desk.js';
import './desk-enrol.js';
import { adminSectionText } from './admin.js';
import './officers.js';
import './overview.js';

const LANGUAGE_KEY = 'ebok-office-lang';
type ConsoleLang = 'pl' | 'en';

/**
 * The office console's shell at /office/: who is signed in and with which roles, the language,
 * signing in and out, the navigation the roles open, and the page the address names.
 *
 * @tagname ebok-office
 */
export class EbokOffice extends EbokElement {
  static override styles = shellStyles;

  static override properties = {
    session: { state: true },
    route: { state: true },
    announcement: { state: true },
    providerSignOut: { state: true },
    problem: { state: true },
  };

  /** Undefined while asked, null when nobody is signed in. */
  declare session: StaffSession | null | undefined;
  declare route: Route;
  declare announcement: string;
  /** After signing out: the provider's own sign-out address, when it has one. */
  declare providerSignOut: string | undefined;
  declare problem: string;
  #routed = false;

  constructor() {
    super();
    this.session = undefined;
    this.route = routeOf(location.pathname);
    this.announcement = '';
    this.providerSignOut = undefined;
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.#onPopState);
    addEventListener(SESSION_ENDED, this.#onSessionEnded);
    this.addEventListener('office-announce', this.#onAnnounce);
    this.addEventListener('click', this.#onClick);
    const saved = localStorage.getItem(LANGUAGE_KEY);
    void this.#useLanguage(saved === 'en' ? 'en' : 'pl');
    void this.#loadSession();
  }

  override disconnectedCallback(): void {
    removeEventListener('popstate', this.#onPopState);
    removeEventListener(SESSION_ENDED, this.#onSessionEnded);
    super.disconnectedCallback();
  }

  get #office(): string {
    return officeName();
  }

  async #useLanguage(lang: ConsoleLang): Promise<void> {
    await useLang(lang);
    document.documentElement.lang = lang;
    localStorage.setItem(LANGUAGE_KEY, lang);
    this.#setTitle();
  }

  async #loadSession(): Promise<void> {
    try {
      this.session = await api<StaffSession>('/v1/session');
      useCsrfToken(this.session.csrfToken);
      this.problem = '';
    } catch (e) {
      this.session = null;
      useCsrfToken(undefined);
      if (!(e instanceof ApiError && e.status === 401)) this.problem = errorText(e);
    }
    this.#settleHome();
  }

  /**
   * The start page of a person who works a department is its inbox; of the chancellery,
   * registering an item; of an administrator, the register.
   */
  #settleHome(): void {
    const roles = this.session?.roles ?? [];
    const [first] = departmentsOf(roles);
    const start = first
      ? inboxPath(first)
      : roles.includes('chancellery')
        ? NEW_ITEM_PATH
        : roles.includes('admin')
          ? REGISTER_PATH
          : isDesk(roles)
            ? DESK_PATH
            : undefined;
    if (this.route.page === 'home' && start) {
      history.replaceState(null, '', start);
      this.route = routeOf(location.pathname);
    }
  }

  #onPopState = (): void => {
    this.route = routeOf(location.pathname);
    this.announcement = '';
    this.#routed = true;
    this.#settleHome();
  };

  #onSessionEnded = (): void => {
    if (!this.session) return;
    this.session = null;
    useCsrfToken(undefined);
    this.announcement = msg('Sesja wygasła. Zaloguj się ponownie, aby wrócić do tej strony.', {
      id: 'office.session-ended',
    });
  };

  #onAnnounce = (event: Event): void => {
    this.announcement = (event as AnnounceEvent).text;
  };

  /** Links to the console's pages open without a reload; sign-in and the callback are the server's. */
  #onClick = (event: MouseEvent): void => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const a = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.origin !== location.origin) return;
    if (!a.pathname.startsWith('/office/') || /^\/office\/(sign-in|callback)/.test(a.pathname)) return;
    event.preventDefault();
    navigate(a.pathname);
  };

  async #signOut(): Promise<void> {
    try {
      const done = await api<SignOut>('/v1/session/sign-out', { method: 'POST' });
      this.providerSignOut = done.endSessionUrl;
      this.session = null;
      useCsrfToken(undefined);
      history.pushState(null, '', '/office/');
      this.route = routeOf('/office/');
      this.announcement = msg('Wylogowano.', { id: 'office.signed-out' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#sign-in')?.focus();
    } catch (e) {
      this.announcement = errorText(e);
    }
  }

  #pageTitle(): string {
    const r = this.route;
    switch (r.page) {
      case 'home':
        return msg('Konsola urzędu', { id: 'office.title.home' });
      case 'inbox':
        return msg(str`Skrzynka ${r.department}`, { id: 'office.title.inbox' });
      case 'cases':
        return r.due === 'soon'
          ? msg(str`Sprawy z bliskim terminem — ${r.department}`, { id: 'office.title.due-soon' })
          : msg(str`Sprawy po terminie — ${r.department}`, { id: 'office.title.overdue' });
      case 'case':
        return msg(str`Sprawa ${r.caseNumber}`, { id: 'office.title.case' });
      case 'late-notice':
        return msg(str`Zawiadomienie w sprawie ${r.caseNumber}`, { id: 'office.title.notice' });
      case 'item':
        return msg(str`Pismo ${r.registryNumber}`, { id: 'office.title.item' });
      case 'chancellery-new':
        return msg('Rejestracja pisma papierowego', { id: 'office.title.new' });
      case 'label':
        return msg(str`Etykieta pisma ${r.registryNumber}`, { id: 'office.title.label' });
      case 'register':
        return msg('Rejestr przesyłek wpływających', { id: 'office.title.register' });
      case 'desk':
        return msg('Punkt obsługi: certyfikaty', { id: 'office.title.desk' });
      case 'enrol':
        return msg('Wydanie kodu aktywacyjnego', { id: 'office.title.enrol' });
      case 'admin':
        return `${msg('Administracja', { id: 'office.admin.title' })} — ${adminSectionText(r.section)}`;
      case 'officers':
        return msg(str`Zastępstwa — ${r.department}`, { id: 'office.title.officers' });
      case 'overview':
        return msg(str`Przegląd — ${r.department}`, { id: 'office.title.overview' });
      case 'not-found':
        return msg('Nie ma takiej strony', { id: 'office.title.not-found' });
    }
  }

  #setTitle(): void {
    document.title = `${this.#pageTitle()} — ${this.#office}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#setTitle();
    if (changed.has('route') && this.#routed) {
      this.#routed = false;
      // A new page: focus goes to its heading, so keyboard and screen reader users start there.
      const screen = this.renderRoot.querySelector('main')?.firstElementChild as EbokElement | null;
      void (screen?.updateComplete ?? Promise.resolve()).then(() => {
        const heading = screen?.shadowRoot?.querySelector<HTMLElement>('h1') ?? this.renderRoot.querySelector('h1');
        heading?.focus();
      });
    }
  }

  protected override render(): TemplateResult {
    const lang = currentLang();
    return html`
      <a class="skip" href="#main" @click=${this.#skip}>${msg('Przejdź do treści', { id: 'office.skip' })}</a>
      <header>
        <p class="office">${this.#office}</p>
        <div class="actions" role="group" aria-label=${msg('Język', { id: 'office.language' })}>
          ${(['pl', 'en'] as const).map(
            (l) =>
              html`<button
                type="button"
                lang=${l}
                aria-pressed=${lang === l ? 'true' : 'false'}
                @click=${() => this.#useLanguage(l)}
              >
                ${l === 'pl' ? 'Polski' : 'English'}
              </button>`,
          )}
        </div>
        ${this.#renderWho()}
      </header>
      ${this.#renderNav()}
      <p class="announcement" role="status">${this.announcement}</p>
      <main id="main" tabindex="-1">${this.#renderPage()}</main>
    `;
  }

  #skip(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  #renderWho(): TemplateResult | typeof nothing {
    if (this.session === undefined) return nothing;
    if (!this.session) {
      const back = location.pathname.startsWith('/office/') ? location.pathname : '/office/';
      return html`<a id="sign-in" class="button" href=${`/office/sign-in?return=${encodeURIComponent(back)}`}
        >${msg('Zaloguj się', { id: 'office.sign-in' })}</a
      >`;
    }
    const roles = this.session.roles.map(roleText).join(', ');
    const name = this.session.name ?? this.session.subject ?? '';
    return html`<div class="actions">
      <p class="who">${msg(str`Zalogowano: ${name} (${roles})`, { id: 'office.signed-in-as' })}</p>
      <button type="button" @click=${this.#signOut}>${msg('Wyloguj się', { id: 'office.sign-out' })}</button>
    </div>`;
  }

  #renderNav(): TemplateResult | typeof nothing {
    const roles = this.session?.roles ?? [];
    const departments = departmentsOf(roles);
    const heads = headedBy(roles);
    const chancellery = roles.includes('chancellery');
    const admin = roles.includes('admin');
    const register = chancellery || admin;
    const desk = isDesk(roles);
    if (departments.length === 0 && !register && !desk) return nothing;
    const here = location.pathname;
    const link = (href: string, text: string) =>
      html`<li><a href=${href} aria-current=${here === href ? 'page' : nothing}>${text}</a></li>`;
    return html`<nav class="main" aria-label=${msg('Menu konsoli', { id: 'office.nav' })}>
      <ul>
        ${chancellery ? link(NEW_ITEM_PATH, msg('Rejestracja pisma', { id: 'office.nav.new' })) : nothing}
        ${register ? link(REGISTER_PATH, msg('Rejestr', { id: 'office.nav.register' })) : nothing}
        ${desk ? link(DESK_PATH, msg('Certyfikaty', { id: 'office.nav.desk' })) : nothing}
        ${desk ? link(ENROL_PATH, msg('Wydanie kodu', { id: 'office.nav.enrol' })) : nothing}
        ${
          admin
            ? html`<li>
                <a href=${adminPath('audit')} aria-current=${here.startsWith('/office/admin') ? 'page' : nothing}
                  >${msg('Administracja', { id: 'office.admin.title' })}</a
                >
              </li>`
            : nothing
        }
        ${departments.map(
          (d) => html`
            ${link(inboxPath(d), msg(str`Skrzynka ${d}`, { id: 'office.nav.inbox' }))}
            ${link(casesPath(d, 'soon'), msg(str`Bliski termin ${d}`, { id: 'office.nav.due-soon' }))}
            ${link(casesPath(d, 'overdue'), msg(str`Po terminie ${d}`, { id: 'office.nav.overdue' }))}
            ${heads.includes(d) ? link(officersPath(d), msg(str`Zastępstwa ${d}`, { id: 'office.nav.officers' })) : nothing}
            ${heads.includes(d) ? link(overviewPath(d), msg(str`Przegląd ${d}`, { id: 'office.nav.overview' })) : nothing}
          `,
        )}
      </ul>
    </nav>`;
  }

  #renderNotFor(): TemplateResult {
    return html`<h1 tabindex="-1">${this.#pageTitle()}</h1>
      <p>${msg('Twoje role nie otwierają tej strony.', { id: 'office.not-for-you' })}</p>`;
  }

  #renderPage(): TemplateResult {
    if (this.session === undefined) return html`<p>${msg('Wczytywanie…', { id: 'office.loading' })}</p>`;
    if (this.problem) return html`<p class="error" role="alert">${this.problem}</p>`;
    if (!this.session) {
      return html`<h1 tabindex="-1">${msg('Konsola urzędu', { id: 'office.title.home' })}</h1>
        <p>${msg('Zaloguj się kontem urzędu, aby pracować w konsoli.', { id: 'office.signed-out.hint' })}</p>
        ${
          this.providerSignOut
            ? html`<p>
                <a href=${this.providerSignOut}
                  >${msg('Wyloguj się także u dostawcy tożsamości', { id: 'office.signed-out.provider' })}</a
                >
              </p>`
            : nothing
        }`;
    }
    const r = this.route;
    const departments = departmentsOf(this.session.roles);
    switch (r.page) {
      case 'inbox':
        return html`<ebok-office-inbox
          .department=${r.department}
          .head=${headedBy(this.session.roles).includes(r.department)}
        ></ebok-office-inbox>`;
      case 'officers':
      case 'overview':
        if (!headedBy(this.session.roles).includes(r.department) && !this.session.roles.includes('admin'))
          return this.#renderNotFor();
        return r.page === 'officers'
          ? html`<ebok-office-officers .department=${r.department}></ebok-office-officers>`
          : html`<ebok-office-overview .department=${r.department}></ebok-office-overview>`;
      case 'cases':
        return html`<ebok-office-case-list .department=${r.department} .due=${r.due}></ebok-office-case-list>`;
      case 'case':
        return html`<ebok-office-case .caseNumber=${r.caseNumber}></ebok-office-case>`;
      case 'late-notice':
        return html`<ebok-office-late-notice .caseNumber=${r.caseNumber}></ebok-office-late-notice>`;
      case 'item':
        return html`<ebok-office-item
          .department=${r.department}
          .registryNumber=${r.registryNumber}
        ></ebok-office-item>`;
      case 'chancellery-new':
        return this.session.roles.includes('chancellery')
          ? html`<ebok-office-chancellery></ebok-office-chancellery>`
          : this.#renderNotFor();
      case 'label':
        return this.session.roles.includes('chancellery') || this.session.roles.includes('admin')
          ? html`<ebok-office-label .registryNumber=${r.registryNumber}></ebok-office-label>`
          : this.#renderNotFor();
      case 'register':
        return this.session.roles.includes('chancellery') || this.session.roles.includes('admin')
          ? html`<ebok-office-register></ebok-office-register>`
          : this.#renderNotFor();
      case 'desk':
        return isDesk(this.session.roles) ? html`<ebok-office-desk></ebok-office-desk>` : this.#renderNotFor();
      case 'enrol':
        return isDesk(this.session.roles)
          ? html`<ebok-office-enrol .clerk=${this.session.name ?? this.session.subject ?? ''}></ebok-office-enrol>`
          : this.#renderNotFor();
      case 'admin':
        return this.session.roles.includes('admin')
          ? html`<ebok-office-admin .section=${r.section}></ebok-office-admin>`
          : this.#renderNotFor();
      case 'home':
        return html`<h1 tabindex="-1">${msg('Konsola urzędu', { id: 'office.title.home' })}</h1>
          <p>
            ${
              departments.length
                ? msg('Wybierz skrzynkę wydziału z menu.', { id: 'office.home.choose' })
                : msg('Ekrany dla Twoich ról pojawią się w kolejnych wersjach konsoli.', { id: 'office.home.later' })
            }
          </p>`;
      case 'not-found':
        return html`<h1 tabindex="-1">${msg('Nie ma takiej strony', { id: 'office.title.not-found' })}</h1>
          <p><a href="/office/">${msg('Strona główna konsoli', { id: 'office.home.link' })}</a></p>`;
    }
  }
}

customElements.define('ebok-office', EbokOffice);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-office': EbokOffice;
  }
}
