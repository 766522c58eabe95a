// The desk's enrolment as a clerk does it in the console: the person's names, PESEL and the
// identity document checked, typed with the keyboard; the code read off the printed protocol.
import type { Page } from 'puppeteer-core';
import { tabTo, WAIT } from './support.js';

/** The text of an element of the protocol on the enrolment screen. */
function protocolText(page: Page, selector: string): Promise<string> {
  return page.evaluate(
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
}

/**
 * On the signed-in desk clerk's page: enrols the person, with the ID card they showed, and
 * returns the activation code the protocol gives them.
 */
export async function enrolAtTheDesk(
  page: Page,
  person: { givenNames: string; surname: string; pesel: string },
  idCard: string,
): Promise<string> {
  await page.goto(new URL('/office/desk/enrol', page.url()).href, { waitUntil: 'load' });
  const field = async (id: string, text: string) => {
    await tabTo(page, (f) => f.control === id, `the field ${id}`);
    await page.keyboard.type(text);
  };
  await field('givenNames', person.givenNames);
  await field('surname', person.surname);
  await field('pesel', person.pesel);
  await field('documentNumber', idCard);
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Wydaj kod aktywacyjny', 'the enrol button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id === 'protocol-title';
  }, WAIT);
  return protocolText(page, '.code');
}
