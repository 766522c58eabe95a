// The desk's screens as the Node server serves them (its strict Content-Security-Policy, the
// development OpenID provider, the real API), in headless Chromium: a desk clerk enrols a person
// with the keyboard only, the server's word on a wrong PESEL shown at the field; the activation
// protocol shows the code and the clerk and prints on exactly one A4 page; the resident activates
// the code; the clerk finds the person by PESEL and by name, sees the certificate valid and among
// those that end within 30 days, revokes it with a reason and sees it revoked. Every screen passes axe (WCAG 2.1 AA) in Polish and English.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, generateResidentKeys } from '@ebok/forms-core/signing';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { pesel } from '../../server/test/contract/desk.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { expectFocus, focused, logIn, screenText, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

const field = (page: Page, id: string) => tabTo(page, (f) => f.control === id, `the field ${id}`);
const button = (page: Page, text: string) =>
  tabTo(page, (f) => (f.tag === 'button' || f.tag === 'a') && f.text === text, `“${text}”`, 120);

/** The shell's live region says `text`. */
const announced = (page: Page, text: string) =>
  page.waitForFunction(
    (text) =>
      (document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '').includes(
        text,
      ),
    WAIT,
    text,
  );

/** axe in Polish and English on the page as it is. */
async function axeBothLanguages(page: Page, screen: string, heading: { pl: string; en: string }): Promise<void> {
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'en');
  await waitForScreenText(page, screen, 'h1', heading.en);
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'pl');
  await waitForScreenText(page, screen, 'h1', heading.pl);
}

/** The text of the protocol (in the enrolment screen's protocol element). */
const protocolText = (page: Page, selector: string) =>
  page.evaluate(
    (selector) =>
      document
        .querySelector('ebok-office')
        ?.shadowRoot?.querySelector('ebok-office-enrol')
        ?.shadowRoot?.querySelector('ebok-office-protocol')
        ?.shadowRoot?.querySelector(selector)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
    selector,
  );

const DESK = { pl: 'Punkt obsługi: certyfikaty', en: 'Desk: certificates' };
const ENROL = { pl: 'Wydanie kodu aktywacyjnego', en: 'Issue an activation code' };

describe.skipIf(!CHROME)('the desk', () => {
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

  it('enrols a person with the keyboard, prints the protocol on one A4 page, finds the person and revokes the certificate', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const csp = await watchCsp(page, '/office/');
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/')}`, { waitUntil: 'load' });
    await logIn(page, 'desk');
    // The desk starts at its certificates, with the list of those that end soon.
    await page.waitForFunction(() => location.pathname === '/office/desk', WAIT);
    await waitForScreenText(page, 'ebok-office-desk', 'h1', DESK.pl);
    await page.waitForFunction(
      () =>
        /Żaden certyfikat/.test(
          document
            .querySelector('ebok-office')
            ?.shadowRoot?.querySelector('ebok-office-desk')
            ?.shadowRoot?.querySelector('ebok-office-expiring')?.shadowRoot?.textContent ?? '',
        ),
      WAIT,
    );
    await axeBothLanguages(page, 'ebok-office-desk', DESK);

    await button(page, 'Wydaj kod aktywacyjny');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.pathname === '/office/desk/enrol', WAIT);
    await waitForScreenText(page, 'ebok-office-enrol', 'h1', ENROL.pl);
    await axeBothLanguages(page, 'ebok-office-enrol', ENROL);

    // A PESEL of eleven digits with a wrong checksum: the server's word, at the field.
    const number = pesel('7806120843');
    const wrong = `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}`;
    await field(page, 'givenNames');
    await page.keyboard.type('Bożena Anna');
    await field(page, 'surname');
    await page.keyboard.type('Świętochowska');
    await field(page, 'pesel');
    await page.keyboard.type(wrong);
    await field(page, 'documentNumber');
    await page.keyboard.type('ABA 300000');
    await button(page, 'Wydaj kod aktywacyjny');
    await page.keyboard.press('Enter');
    await waitForScreenText(page, 'ebok-office-enrol', '.summary', 'PESEL');
    expect(
      await page.evaluate(
        () =>
          (
            document
              .querySelector('ebok-office')
              ?.shadowRoot?.querySelector('ebok-office-enrol')
              ?.shadowRoot?.querySelector('#pesel') as unknown as { error: string }
          ).error,
      ),
    ).not.toBe('');
    expect(await axe(page)).toEqual([]);
    // From the summary to the field, and the right number.
    await expectFocus(page, { tag: 'div' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).control).toBe('pesel');
    for (let i = 0; i < 11; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(number);
    await button(page, 'Wydaj kod aktywacyjny');
    await page.keyboard.press('Enter');

    // The protocol: the code, large, its expiry, the person, the clerk; focus on its heading.
    await announced(page, 'Wydano kod aktywacyjny.');
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'protocol-title';
    }, WAIT);
    const code = await protocolText(page, '.code');
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    const sheet = await protocolText(page, '.sheet');
    for (const text of ['Dorota Okienko', 'Bożena Anna', 'Świętochowska', number, 'dowód osobisty PL ABA300000'])
      expect(sheet).toContain(text);
    expect(await protocolText(page, '.expires')).toMatch(/\d{4}/);
    expect(sheet).toContain('Podpis mieszkańca');
    expect(sheet).toContain('Podpis urzędnika');
    // The code is kept nowhere but on the page.
    const kept = await page.evaluate(() => [
      location.href,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      document.cookie,
      history.state === null ? '' : JSON.stringify(history.state),
    ]);
    for (const k of kept) expect(k).not.toContain(code);
    await axeBothLanguages(page, 'ebok-office-enrol', ENROL);

    // Printed: the protocol alone, on exactly one A4 page.
    await page.emulateMediaType('print');
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    await page.emulateMediaType('screen');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);

    // The resident activates the code at home.
    const res = await fetch(`${target.baseUrl}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activationCode: code, csr: await createCertificateRequest(await generateResidentKeys()) }),
    });
    expect(res.status).toBe(201);
    const { serialNumber: serial } = (await res.json()) as { serialNumber: string };

    // Its end brought near, as two years would: it is among those that end within 30 days.
    target.sql('UPDATE certificates SET not_after = ? WHERE serial = ?', [
      new Date(Date.now() + 10 * 86_400_000).toISOString(),
      serial,
    ]);

    // Found by PESEL: the certificate valid, ending soon; the code used.
    await page.keyboard.down('Shift');
    await tabTo(page, (f) => f.text === 'Certyfikaty i wyszukiwanie osób', 'the link back to the desk', 10);
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.pathname === '/office/desk', WAIT);
    const expiring = (text: string | RegExp) =>
      page.waitForFunction(
        (source) =>
          new RegExp(source).test(
            document
              .querySelector('ebok-office')
              ?.shadowRoot?.querySelector('ebok-office-desk')
              ?.shadowRoot?.querySelector('ebok-office-expiring')
              ?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
          ),
        WAIT,
        typeof text === 'string' ? text : text.source,
      );
    await expiring(`Bożena Anna Świętochowska PESEL ${number} ${serial}`);
    await field(page, 'q');
    await page.keyboard.type(number);
    await button(page, 'Szukaj');
    await page.keyboard.press('Enter');
    await announced(page, 'Znaleziono osoby: 1.');
    const row = `tr[data-number="${serial}"]`;
    await waitForScreenText(page, 'ebok-office-desk', `${row} .state`, /^ważny, wygasa za 10 dni$/);
    expect(await screenText(page, 'ebok-office-desk', 'article')).toContain('Bożena Anna Świętochowska');
    expect(await screenText(page, 'ebok-office-desk', 'table.codes')).toContain('użyty');

    // Found by name, however typed.
    await field(page, 'q');
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type('swietochowska BOZENA');
    await button(page, 'Szukaj');
    await page.keyboard.press('Enter');
    await announced(page, 'Znaleziono osoby: 1.');
    await waitForScreenText(page, 'ebok-office-desk', `${row} .state`, /^ważny, wygasa za 10 dni$/);
    await axeBothLanguages(page, 'ebok-office-desk', DESK);

    // Revoked with a reason, in the dialog; announced, and shown.
    await tabTo(page, (f) => f.action === 'revoke' && f.row === serial, 'the revoke button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'revoke', tag: 'select' });
    await page.keyboard.type('klucz');
    await tabTo(page, (f) => f.dialog === 'revoke' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await announced(page, `Unieważniono certyfikat ${serial}: klucz utracony lub ujawniony.`);
    await waitForScreenText(page, 'ebok-office-desk', `${row} .state`, /unieważniony.*klucz utracony lub ujawniony/);
    expect(
      target.sql<{ revocation_reason: string }>('SELECT revocation_reason FROM certificates WHERE serial = ?', [
        serial,
      ]),
    ).toEqual([{ revocation_reason: 'keyCompromise' }]);
    // Revoked, it is no longer among those that end soon.
    await expiring('Żaden certyfikat');
    expect(await axe(page)).toEqual([]);

    expect(csp).toEqual([]);
    await context.close();
  }, 180_000);

  it('a person without the desk’s role is not shown its screens', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/desk')}`, {
      waitUntil: 'load',
    });
    await logIn(page, 'chancellery');
    await page.waitForFunction(() => location.pathname === '/office/desk', WAIT);
    await page.waitForFunction(
      () => /Twoje role nie otwierają/.test(document.querySelector('ebok-office')?.shadowRoot?.textContent ?? ''),
      WAIT,
    );
    const nav = await page.evaluate(
      () => document.querySelector('ebok-office')?.shadowRoot?.querySelector('nav.main')?.textContent ?? '',
    );
    expect(nav).not.toContain('Certyfikaty');
    await context.close();
  }, 60_000);
});
