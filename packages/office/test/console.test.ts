// The office console as the Node server serves it (its strict Content-Security-Policy, the real
// development OpenID provider, the real API), in headless Chromium: an officer signs in through the
// provider's login form, finds a registered letter in the department's inbox and, with the
// keyboard only, accepts it, opens a case on it and closes the case; the inbox and the case pass
// axe (WCAG 2.1 AA) in Polish and English; signing out leaves the signed-out shell.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { letter } from '../../server/test/contract/cases.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { expectFocus, logIn, screenText, signedIn, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

/** The text of an element in the shell's own shadow root. */
function shellText(page: Page, selector: string): Promise<string> {
  return page.evaluate(
    (selector) =>
      document
        .querySelector('ebok-office')
        ?.shadowRoot?.querySelector(selector)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
    selector,
  );
}

describe.skipIf(!CHROME)('the office console', () => {
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

  it('an officer signs in, and with the keyboard only accepts an item, opens a case and closes it', async () => {
    const item = await letter(target, 'WGN', 'Wniosek o wznowienie granic działki 12/3');
    const page = await browser.newPage();
    // Violations on the console's pages (the provider's own login page is not the console's).
    const csp = await watchCsp(page, '/office/');
    await page.goto(`${target.baseUrl}/office/`, { waitUntil: 'load' });

    // Signed out: the shell offers to sign in, back to this page.
    await page.waitForFunction(
      () => document.querySelector('ebok-office')?.shadowRoot?.querySelector('#sign-in'),
      WAIT,
    );
    expect(
      await page.evaluate(() =>
        document.querySelector('ebok-office')?.shadowRoot?.querySelector('#sign-in')?.getAttribute('href'),
      ),
    ).toBe('/office/sign-in?return=%2Foffice%2F');
    expect(await axe(page)).toEqual([]);

    // Signing in through the development provider's form, as a person would.
    await tabTo(page, (f) => f.tag === 'a' && /Zaloguj się/.test(f.text), 'the sign-in link');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(page.url()).toContain('/dev-oidc/');
    await logIn(page, 'officer-wgn');

    // The inbox of the officer's department, with the letter in it.
    await page.waitForFunction(() => location.pathname === '/office/departments/WGN/inbox', WAIT);
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-inbox')
          ?.shadowRoot?.querySelector(`tr[data-number="${n}"]`),
      WAIT,
      item,
    );
    expect(await shellText(page, 'header')).toContain('Urzędnik WGN');
    expect(await shellText(page, 'header')).toContain('urzędnik WGN');
    expect(await screenText(page, 'ebok-office-inbox', `tr[data-number="${item}"]`)).toContain(
      'Wniosek o wznowienie granic działki 12/3',
    );
    // Its deadline beside its age: a month from the day the office received it, in time.
    expect(await screenText(page, 'ebok-office-inbox', `tr[data-number="${item}"]`)).toMatch(/\d{4}\s*w terminie/);
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await waitForScreenText(page, 'ebok-office-inbox', 'h1', 'Inbox WGN');
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'pl');
    await waitForScreenText(page, 'ebok-office-inbox', 'h1', 'Skrzynka WGN');

    // Accept, with the keyboard: focus then moves on to opening a case on the same item.
    await tabTo(page, (f) => f.action === 'accept' && f.row === item, 'the accept button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => /Przyjęto pismo/.test(document.querySelector('ebok-office')?.shadowRoot?.textContent ?? ''),
      WAIT,
    );
    expect(await shellText(page, '.announcement')).toBe(`Przyjęto pismo ${item}.`);
    expect(await screenText(page, 'ebok-office-inbox', `tr[data-number="${item}"]`)).toContain('przyjęte');
    await expectFocus(page, { action: 'case', row: item });

    // The case dialog: Escape closes it and gives focus back; then opened again and filled in.
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'case', tag: 'input' });
    await page.keyboard.press('Escape');
    await expectFocus(page, { action: 'case', row: item });
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'case', tag: 'input' });
    await page.keyboard.type('6640');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wznowienie granic działki 12/3');
    await tabTo(page, (f) => f.dialog === 'case' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');

    // The case, opened from the inbox.
    await page.waitForFunction(() => location.pathname.startsWith('/office/cases/WGN.6640.'), WAIT);
    const caseNumber = decodeURIComponent(await page.evaluate(() => location.pathname.split('/').pop()!));
    expect(caseNumber).toMatch(/^WGN\.6640\.\d+\.\d{4}$/);
    await waitForScreenText(page, 'ebok-office-case', '#status', 'w toku');
    await expectFocus(page, { tag: 'h1', text: `Sprawa ${caseNumber}` });
    expect(await shellText(page, '.announcement')).toBe(`Założono sprawę ${caseNumber}.`);
    expect(await screenText(page, 'ebok-office-case', 'dl')).toContain('Wznowienie granic działki 12/3');
    expect(await screenText(page, 'ebok-office-case', 'ul')).toContain(item);
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await waitForScreenText(page, 'ebok-office-case', '#status', 'open');
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'pl');
    await waitForScreenText(page, 'ebok-office-case', '#status', 'w toku');

    // Closing it with an outcome, the resident informed.
    await tabTo(page, (f) => f.action === 'closed', 'the close button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'event', tag: 'textarea' });
    await page.keyboard.type('Wydano decyzję o wznowieniu granic.');
    await page.keyboard.press('Tab');
    await expectFocus(page, { dialog: 'event', type: 'checkbox' });
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.dialog === 'event' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await waitForScreenText(page, 'ebok-office-case', '#status', 'zakończona');
    expect(await shellText(page, '.announcement')).toBe('Zapisano: Zakończenie. Status sprawy: zakończona.');
    expect(await screenText(page, 'ebok-office-case', 'table')).toContain('Wydano decyzję o wznowieniu granic.');
    expect(await screenText(page, 'ebok-office-case', 'tbody td:nth-child(4)')).toBe('tak');
    // The close button is gone with the dialog: focus is back at the case's heading.
    await expectFocus(page, { tag: 'h1' });
    expect(await axe(page)).toEqual([]);

    // The API agrees, and the item has left the inbox.
    const closed = await fetch(`${target.baseUrl}/v1/cases/${caseNumber}`, {
      headers: { authorization: `Bearer ${target.departmentToken('WGN')}` },
    });
    expect(await closed.json()).toMatchObject({ status: 'closed', outcome: 'Wydano decyzję o wznowieniu granic.' });

    // Signing out: the signed-out shell, and the session is gone.
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Wyloguj się', 'the sign-out button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('ebok-office')?.shadowRoot?.querySelector('#sign-in'),
      WAIT,
    );
    expect(await shellText(page, 'header')).not.toContain('Urzędnik WGN');
    expect(await page.evaluate(async () => (await fetch('/v1/session')).status)).toBe(401);
    expect(csp).toEqual([]);
    await page.close();
  }, 180_000);
  it('forwards an item with a reason, which it asks for first; the cases due soon and overdue, a late one with its notice; the session ending', async () => {
    const item = await letter(target, 'WGN', 'Skarga na hałas z budowy');
    const page = await signedIn(browser, target.baseUrl, 'head-wgn', '/office/departments/WGN/inbox');
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-inbox')
          ?.shadowRoot?.querySelector(`tr[data-number="${n}"]`),
      WAIT,
      item,
    );
    await tabTo(page, (f) => f.action === 'forward' && f.row === item, 'the forward button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'forward', tag: 'select' });
    // Sent without a department or a reason: the dialog stays, and says what is missing.
    await tabTo(page, (f) => f.dialog === 'forward' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'forward', tag: 'select' });
    expect(await screenText(page, 'ebok-office-inbox', 'dialog#forward')).toContain('Przekaż pismo');
    await page.waitForFunction(
      () =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-inbox')
          ?.shadowRoot?.querySelector('dialog#forward ebok-select')
          ?.shadowRoot?.querySelector('select option[value="WSO"]'),
      WAIT,
    );
    await page.keyboard.type('WSO');
    await page.keyboard.press('Tab');
    await expectFocus(page, { dialog: 'forward', tag: 'textarea' });
    await page.keyboard.type('Sprawa ochrony środowiska, nie geodezji.');
    await tabTo(page, (f) => f.dialog === 'forward' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => /Przekazano pismo/.test(document.querySelector('ebok-office')?.shadowRoot?.textContent ?? ''),
      WAIT,
    );
    expect(await shellText(page, '.announcement')).toBe(`Przekazano pismo ${item} do WSO.`);
    expect(await screenText(page, 'ebok-office-inbox', 'tbody')).not.toContain(item);
    const found = await fetch(`${target.baseUrl}/v1/register?q=${encodeURIComponent(item)}`, {
      headers: { authorization: `Bearer ${target.registrarToken}` },
    });
    expect(((await found.json()) as { entries: Array<{ heldBy: string }> }).entries[0]?.heldBy).toBe('WSO');

    // The department's cases by their deadline, from the menu: one due in two days, one late.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const dated: Record<'soon' | 'late', string> = { soon: '', late: '' };
    for (const [which, received, due] of [
      ['soon', day(-28), day(2)],
      ['late', day(-45), day(-14)],
    ] as const) {
      const opened = await fetch(`${target.baseUrl}/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.departmentToken('WGN')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ registryNumber: await letter(target, 'WGN', `Pismo (${which})`), jrwa: '6641' }),
      });
      dated[which] = ((await opened.json()) as { caseNumber: string }).caseNumber;
      target.sql('UPDATE cases SET received_on = ?, due_on = ? WHERE case_number = ?', [received, due, dated[which]]);
    }
    for (const [link, heading, listed] of [
      ['Bliski termin WGN', 'Sprawy z bliskim terminem — WGN', dated.soon],
      ['Po terminie WGN', 'Sprawy po terminie — WGN', dated.late],
    ] as const) {
      await tabTo(page, (f) => f.tag === 'a' && f.text === link, link);
      await page.keyboard.press('Enter');
      await waitForScreenText(page, 'ebok-office-case-list', 'h1', heading);
      await page.waitForFunction(
        () =>
          !/Wczytywanie/.test(
            document.querySelector('ebok-office')?.shadowRoot?.querySelector('ebok-office-case-list')?.shadowRoot
              ?.textContent ?? 'Wczytywanie',
          ),
        WAIT,
      );
      await expectFocus(page, { tag: 'h1', text: heading });
      expect(await screenText(page, 'ebok-office-case-list', 'tbody')).toContain(listed);
      expect(await axe(page)).toEqual([]);
    }

    // The department's spis spraw of the class, every page, downloaded as CSV with the keyboard.
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: target.dataDir,
      browserContextId: (page.browserContext() as unknown as { id: string }).id,
    });
    await tabTo(page, (f) => f.control === 'spis-jrwa', 'the JRWA class of the spis spraw');
    await page.keyboard.type('6641');
    await tabTo(page, (f) => f.id === 'spis-download', 'the spis spraw download');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        /Pobrano spis spraw WGN\.6641: spraw 2\./.test(
          document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '',
        ),
      WAIT,
    );
    const spis = join(target.dataDir, `spis-spraw-WGN-6641-${dated.late.split('.')[3]}.csv`);
    for (let i = 0; i < 100 && !existsSync(spis); i++) await new Promise((r) => setTimeout(r, 100));
    const csv = readFileSync(spis, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(3);
    for (const n of [dated.soon, dated.late]) expect(csv).toContain(n);
    expect(await axe(page)).toEqual([]);

    // The late case from its list: overdue, with the drafted art. 36 notice.
    await tabTo(page, (f) => f.tag === 'a' && f.text === dated.late, 'the late case');
    await page.keyboard.press('Enter');
    await waitForScreenText(page, 'ebok-office-case', 'dl', 'po terminie');
    expect(await screenText(page, 'ebok-office-case', '.notice')).toContain(dated.late);
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await waitForScreenText(page, 'ebok-office-case', 'dl', 'overdue');
    expect(await axe(page)).toEqual([]);

    // The notice as a letter to print: alone on one A4 page, in Polish whatever the console's language.
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'The notice, to print', 'the notice link');
    await page.keyboard.press('Enter');
    await waitForScreenText(page, 'ebok-office-late-notice', 'article', dated.late);
    await expectFocus(page, { tag: 'h1', text: `Notice in case ${dated.late}` });
    expect(await screenText(page, 'ebok-office-late-notice', 'article h2')).toBe(
      'Zawiadomienie o niezałatwieniu sprawy w terminie (art. 36 KPA)',
    );
    expect(await axe(page)).toEqual([]);
    await page.emulateMediaType('print');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMediaType('screen');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The session ends while the page is open: the next request says so, and offers to sign in again.
    target.sql('DELETE FROM staff_sessions');
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Inbox WGN', 'the inbox link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('ebok-office')?.shadowRoot?.querySelector('#sign-in'),
      WAIT,
    );
    expect(await shellText(page, '.announcement')).toBe(
      'Your session has ended. Sign in again to come back to this page.',
    );
    expect(
      await page.evaluate(() =>
        document.querySelector('ebok-office')?.shadowRoot?.querySelector('#sign-in')?.getAttribute('href'),
      ),
    ).toBe('/office/sign-in?return=%2Foffice%2Fdepartments%2FWGN%2Finbox');
    await page.browserContext().close();
  }, 120_000);
});
