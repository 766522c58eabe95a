// The console in Chromium, for its browser tests: what has focus (through shadow roots), moving
// to it with Tab, the text of a screen, the language switch, and signing in through the
// development provider's login form.
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';

export const WAIT = { timeout: 20_000 };

/** What has focus, looked for through shadow roots: enough to tell the console's controls apart. */
export interface Focused {
  tag: string;
  id: string;
  /** The id of the control around it (a shared control's host), or its own in the console's screens. */
  control: string;
  action: string | null;
  /** The register number of the table row it is in. */
  row: string | null;
  text: string;
  /** The id of the dialog it is in. */
  dialog: string | null;
  type: string | null;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const e = el as HTMLElement;
    const host = (e.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
    /** The nearest ancestor that matches, across the shadow roots of the controls. */
    const closest = (selector: string): Element | null => {
      for (let n: Element | null = e; n; n = (n.getRootNode() as ShadowRoot).host ?? null) {
        const found = n.closest(selector);
        if (found) return found;
      }
      return null;
    };
    return {
      tag: e.localName,
      id: e.id,
      control: host?.localName.startsWith('ebok-office') ? e.id : (host?.id ?? ''),
      action: e.getAttribute('data-action'),
      row: closest('tr')?.getAttribute('data-number') ?? null,
      text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      dialog: closest('dialog')?.id ?? null,
      type: e.getAttribute('type'),
    };
  });
}

/** Waits until what has focus matches `expected` (dialogs open and give focus back a moment after a key). */
export async function expectFocus(page: Page, expected: Partial<Focused>): Promise<void> {
  const matches = (f: Focused) => Object.entries(expected).every(([k, v]) => f[k as keyof Focused] === v);
  let last = await focused(page);
  for (let i = 0; i < 100 && !matches(last); i++) {
    await new Promise((r) => setTimeout(r, 100));
    last = await focused(page);
  }
  expect(last).toMatchObject(expected);
}

/** Presses Tab until what has focus is what `wanted` says (at most `max` presses). */
export async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (wanted(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** The text of an element in a screen's shadow root (the screen in the shell's <main>). */
export function screenText(page: Page, screen: string, selector: string): Promise<string> {
  return page.evaluate(
    (screen, selector) =>
      document
        .querySelector('ebok-office')
        ?.shadowRoot?.querySelector(screen)
        ?.shadowRoot?.querySelector(selector)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
    screen,
    selector,
  );
}

/** Waits until that text has `text` in it (or matches it). */
export function waitForScreenText(
  page: Page,
  screen: string,
  selector: string,
  text: string | RegExp,
): Promise<unknown> {
  return page.waitForFunction(
    (screen, selector, source, flags) => {
      const t =
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector(screen)
          ?.shadowRoot?.querySelector(selector)
          ?.textContent?.replace(/\s+/g, ' ')
          .trim() ?? '';
      return new RegExp(source, flags).test(t);
    },
    WAIT,
    screen,
    selector,
    typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
    typeof text === 'string' ? '' : text.flags,
  );
}

/** Switches the console's language with its own buttons, and waits for the page to say so. */
export async function switchLanguage(page: Page, lang: 'pl' | 'en'): Promise<void> {
  await page.evaluate((lang) => {
    document
      .querySelector('ebok-office')
      ?.shadowRoot?.querySelector<HTMLButtonElement>(`button[lang="${lang}"]`)
      ?.click();
  }, lang);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, WAIT, lang);
}

/** Fills in the development provider's login form as `login` (any password) on the page it is on. */
export async function logIn(page: Page, login: string): Promise<void> {
  await page.waitForSelector('input[name="login"]', WAIT);
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any');
  await page.keyboard.press('Enter');
}

/** A fresh browser context (no cookies) signed in as `login`, at `path`. */
export async function signedIn(browser: Browser, baseUrl: string, login: string, path: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/office/sign-in?return=${encodeURIComponent(path)}`, { waitUntil: 'load' });
  await logIn(page, login);
  await page.waitForFunction((path) => location.pathname === path, WAIT, path);
  return page;
}
