// The administrator's screens as the Node server serves them (its strict Content-Security-Policy,
// the development OpenID provider, the real API), in headless Chromium: the audit log shows what
// this test did and its chain checks out; the departments are listed with their procedures; a
// hand-off that failed for real (its department gave it back until its last delivery) is listed,
// retried with the keyboard and gone, and the department then receives it; every screen passes
// axe (WCAG 2.1 AA) in Polish and English.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { api } from '../../server/test/contract/client.js';
import { letter } from '../../server/test/contract/cases.js';
import { failHandOff } from '../../server/test/contract/hand-offs.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { expectFocus, logIn, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

/** The text of an element in a section of the administrator's page. */
function waitForSectionText(page: Page, section: string, selector: string, text: string | RegExp): Promise<unknown> {
  return page.waitForFunction(
    (section, selector, source, flags) => {
      const t =
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-admin')
          ?.shadowRoot?.querySelector(section)
          ?.shadowRoot?.querySelector(selector)
          ?.textContent?.replace(/\s+/g, ' ')
          .trim() ?? '';
      return new RegExp(source, flags).test(t);
    },
    WAIT,
    section,
    selector,
    typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
    typeof text === 'string' ? '' : text.flags,
  );
}

/** Waits until the shell's live region says `text`. */
function waitForAnnouncement(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction(
    (text) =>
      (
        document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement[role="status"]')?.textContent ??
        ''
      ).includes(text),
    WAIT,
    text,
  );
}

/** axe in Polish and English on the page as it is. */
async function axeBothLanguages(page: Page, heading: { pl: string; en: string }): Promise<void> {
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'en');
  await waitForScreenText(page, 'ebok-office-admin', 'h1', heading.en);
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'pl');
  await waitForScreenText(page, 'ebok-office-admin', 'h1', heading.pl);
}

/** Follows a link of the administrator's page with the keyboard. */
async function openSection(page: Page, text: string, path: string): Promise<void> {
  await tabTo(page, (f) => f.tag === 'a' && f.text === text, `the link ${text}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((path) => location.pathname === path, WAIT, path);
}

describe.skipIf(!CHROME)("the administrator's screens", () => {
  let target: NodeTarget;
  let browser: Browser;
  beforeAll(async () => {
    target = await startNodeTarget();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
  });

  it('shows the audit log and checks its chain, lists the departments, and retries a failed hand-off', async () => {
    const item = await letter(target, 'WSL', 'Wniosek o dodatek mieszkaniowy');
    expect(await failHandOff(target, 'WSL', item)).toBe(5);

    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const csp = await watchCsp(page, '/office/');
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/admin/audit')}`, {
      waitUntil: 'load',
    });
    await logIn(page, 'admin');
    await page.waitForFunction(() => location.pathname === '/office/admin/audit', WAIT);

    // The audit log, newest first: this test's registration and the administrator's sign-in.
    await waitForSectionText(page, 'ebok-office-admin-audit', 'tbody', item);
    await waitForSectionText(page, 'ebok-office-admin-audit', 'tbody', 'register.enter');
    await waitForSectionText(page, 'ebok-office-admin-audit', 'tbody tr:first-child', 'session.sign-in');
    await axeBothLanguages(page, { pl: 'Administracja — Dziennik audytu', en: 'Administration — Audit log' });

    // The chain checked with the keyboard, the outcome announced.
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Sprawdź łańcuch', 'the check button');
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, 'Łańcuch dziennika jest cały');
    await waitForSectionText(
      page,
      'ebok-office-admin-audit',
      '.verification',
      /Łańcuch dziennika jest cały: sprawdzono \d+ wpisów/,
    );
    expect(await axe(page)).toEqual([]);

    // The departments with the procedures routed to each.
    await openSection(page, 'Wydziały', '/office/admin/departments');
    await waitForSectionText(page, 'ebok-office-admin-departments', 'tbody', 'WSL');
    await waitForSectionText(page, 'ebok-office-admin-departments', 'tbody', 'pobierane z kolejki wydziału');
    await axeBothLanguages(page, { pl: 'Administracja — Wydziały', en: 'Administration — Departments' });

    // The failed hand-off, listed, retried with the keyboard, and gone.
    await openSection(page, 'Nieudane przekazania', '/office/admin/hand-offs');
    await waitForSectionText(page, 'ebok-office-admin-hand-offs', 'tbody', item);
    await waitForSectionText(page, 'ebok-office-admin-hand-offs', `tr[data-number="${item}"]`, 'kolejka wydziału');
    await axeBothLanguages(page, {
      pl: 'Administracja — Nieudane przekazania',
      en: 'Administration — Failed hand-offs',
    });
    await tabTo(page, (f) => f.tag === 'button' && f.row === item, 'the retry button');
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, `Ponowiono przekazanie pisma ${item} do wydziału WSL.`);
    await page.waitForFunction(
      (item) =>
        !document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-admin')
          ?.shadowRoot?.querySelector('ebok-office-admin-hand-offs')
          ?.shadowRoot?.querySelector(`tr[data-number="${item}"]`),
      WAIT,
      item,
    );
    // Focus stays on the page: with no hand-off left, on its heading.
    await expectFocus(page, { tag: 'h2' });
    expect(await axe(page)).toEqual([]);

    // The department receives it again, with fresh tries.
    const token = target.departmentToken('WSL');
    const lease = await api(target, '/v1/departments/WSL/queue/lease', {
      method: 'POST',
      token,
      json: { max: 100, visibilitySeconds: 60 },
    });
    const messages = (
      (await lease.json()) as {
        messages: Array<{ id: number; leaseId: string; registryNumber: string; deliveries: number }>;
      }
    ).messages.filter((m) => m.registryNumber === item);
    expect(messages.map((m) => m.deliveries)).toEqual([1]);
    const ack = await api(target, `/v1/departments/WSL/queue/${messages[0]!.id}/ack`, {
      method: 'POST',
      token,
      json: { leaseId: messages[0]!.leaseId },
    });
    expect(ack.status).toBe(200);

    // The retry is in the audit log.
    await openSection(page, 'Dziennik audytu', '/office/admin/audit');
    await waitForSectionText(page, 'ebok-office-admin-audit', 'tbody tr:first-child', 'hand-off.retry');
    expect(csp).toEqual([]);
    await context.close();
  });
});
