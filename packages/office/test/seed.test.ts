// The whole seed, end to end, in one test, on the Node server as `npm start` runs it (the
// development OpenID provider, SQLite, its strict CSP), in headless Chromium with one browser
// context per person: a desk clerk signs in and enrols a resident; the resident, on the city's
// BIP page with the widgets, gets a certificate with the code and files an application signed
// with it; a chancellery clerk registers a scanned paper letter from the same person; the
// department's officer signs in, sees both in the inbox, forwards the misrouted letter, opens a
// case on the application, tells the resident the office waits for them (flagged "inform": an
// e-mail reaches a real SMTP server once, though it refused the first try), resumes, decides and
// closes it; the resident's own status question, signed with the certificate from their backup,
// shows "waiting for you", then the case number and "closed".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, signDetached } from '@ebok/forms-core/signing';
import { importPkcs12 } from '@ebok/forms-core/pkcs12';
import { EC_ALGORITHM, toArrayBuffer } from '@ebok/forms-core/pki';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { startSmtpRelay, type SmtpRelay } from '../../server/test/smtp-relay.js';
import { expectFocus, screenText, signedIn, tabTo, waitForScreenText, WAIT } from './support.js';
import { enrolAtTheDesk } from './desk-steps.js';

const PROCEDURE = 'wgn-numer-porzadkowy';
const example = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, `../../../schemas/examples/${PROCEDURE}/valid-existing-house-owner.json`),
    'utf8',
  ),
) as { data: { applicant: { givenNames: string; surname: string; pesel: string; email: string } } };
const person = example.data.applicant;
const BACKUP_PASSWORD = 'hasło-do-kopii-2026';
const APPLICATIONS_PAGE = 'https://bip.olsztyn.example/moje-wnioski';

/** The resident's browser: the BIP page's form, filled, a certificate got with the code, signed and sent. */
async function residentFiles(
  browser: Browser,
  baseUrl: string,
  activationCode: string,
): Promise<{ page: Page; number: string }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const csp = await watchCsp(page, '/bip-page/');
  await page.goto(`${baseUrl}/bip-page/?procedure=${PROCEDURE}`, { waitUntil: 'load' });
  const form = (await page.waitForFunction(
    (tag) => {
      const el = document.querySelector('ebok-form')?.shadowRoot?.querySelector(tag);
      return el?.shadowRoot?.querySelector('button.primary') && el;
    },
    WAIT,
    `ebok-${PROCEDURE}`,
  )) as ElementHandle<Element>;
  type Form = HTMLElement & { value: unknown; updateComplete: Promise<unknown> };
  const press = (selector: string) =>
    form.evaluate(async (el, selector) => {
      const f = el as Form;
      f.shadowRoot!.querySelector<HTMLButtonElement>(selector)!.click();
      await f.updateComplete;
      return f.shadowRoot!.querySelector('.error-summary')?.textContent ?? '';
    }, selector);
  await form.evaluate(async (el, data) => {
    (el as Form).value = data;
    await (el as Form).updateComplete;
  }, example.data);
  await press('button.primary');
  const steps = await form.evaluate(
    (el) => (el.constructor as unknown as { model: { steps: unknown[] } }).model.steps.length,
  );
  for (let i = 0; i < steps; i++) expect(await press('form button[type=submit]')).toBe('');
  await press('button.primary'); // check your answers → sign

  // No certificate in this browser yet: the code from the desk, and a password for the backup.
  await page.waitForFunction(
    (el) => el.shadowRoot?.querySelector('ebok-certificate')?.shadowRoot?.querySelector('form'),
    WAIT,
    form,
  );
  await form.evaluate(
    (el, code, password) => {
      const certificate = el.shadowRoot!.querySelector('ebok-certificate')!;
      const [codeField, p1, p2] = certificate.shadowRoot!.querySelectorAll('ebok-text-field');
      for (const [control, value] of [
        [codeField, code],
        [p1, password],
        [p2, password],
      ] as const) {
        (control as unknown as { value: string }).value = value;
        control!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        control!.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
      certificate.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    },
    activationCode,
    BACKUP_PASSWORD,
  );
  await page.waitForFunction((el) => el.shadowRoot?.querySelector('button.primary:not([disabled])'), WAIT, form);
  expect(await form.evaluate((el) => el.shadowRoot!.textContent)).toContain(`${person.givenNames} ${person.surname}`);
  await press('button.primary'); // sign and send
  const number = await page.waitForFunction(
    (el) => el.shadowRoot?.querySelector('.panel .number')?.textContent?.trim(),
    WAIT,
    form,
  );
  expect(csp).toEqual([]);
  return { page, number: (await number.jsonValue()) as string };
}

/** The resident's backup of the certificate (.p12), as the BIP page's certificate element offers it. */
async function backupOf(page: Page, dir: string): Promise<Uint8Array> {
  await page.reload({ waitUntil: 'load' });
  const certificate = (await page.waitForFunction(() => {
    const el = [...document.querySelectorAll('ebok-certificate')].find((c) => c.shadowRoot?.querySelector('h3'));
    return el?.shadowRoot?.querySelector('button, a') && el;
  }, WAIT)) as ElementHandle<Element>;
  const click = (label: string) =>
    certificate.evaluate((el, label) => {
      const button = [...el.shadowRoot!.querySelectorAll('button, a')].find((b) =>
        b.textContent!.trim().startsWith(label),
      );
      if (!button) throw new Error(`no "${label}" in ${el.shadowRoot!.textContent}`);
      (button as HTMLElement).click();
    }, label);
  await click('Zapisz kopię zapasową');
  await page.waitForFunction((el) => el.shadowRoot?.textContent?.includes('Przygotuj plik'), WAIT, certificate);
  await click('Przygotuj plik');
  // Saved as a resident saves it: the browser downloads the file.
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: dir,
    browserContextId: (page.browserContext() as unknown as { id: string }).id,
  });
  await page.waitForFunction((el) => el.shadowRoot?.querySelector('a[download]'), WAIT, certificate);
  await click('Pobierz plik certyfikat-ebok.p12');
  const file = join(dir, 'certyfikat-ebok.p12');
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  return new Uint8Array(readFileSync(file));
}

/** The chancellery registers a scanned paper letter from `sender`, for WGN (though it is WSL's). */
async function registerPaperLetter(browser: Browser, target: NodeTarget, sender: string): Promise<string> {
  const page = await signedIn(browser, target.baseUrl, 'chancellery', '/office/chancellery/new');
  const csp = await watchCsp(page, '/office/');
  await page.waitForFunction(
    () =>
      (
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-chancellery')
          ?.shadowRoot?.querySelector('ebok-select#department') as unknown as { options: unknown[] } | null
      )?.options.length,
    WAIT,
  );
  const field = (id: string) => tabTo(page, (f) => f.control === id, `the field ${id}`);
  await field('sender');
  await page.keyboard.type(sender);
  await field('subject');
  await page.keyboard.type('Wniosek o dodatek mieszkaniowy');
  // The sender's earlier item (the application) went to WGN: the form proposes it, and the clerk takes it.
  await page.waitForFunction(
    () =>
      document
        .querySelector('ebok-office')
        ?.shadowRoot?.querySelector('ebok-office-chancellery')
        ?.shadowRoot?.querySelector('ebok-office-department-suggestion')
        ?.shadowRoot?.textContent?.includes('Propozycja: WGN. Tam trafiły wcześniejsze pisma tego nadawcy (RPW/1/'),
    WAIT,
  );
  expect(await axe(page)).toEqual([]);
  await tabTo(page, (f) => f.id === 'use-suggestion', 'the suggested department');
  await page.keyboard.press('Enter');
  await expectFocus(page, { control: 'department' });
  await field('senderAddress-town');
  await page.keyboard.type('Olsztyn');
  await tabTo(page, (f) => f.id === 'scans', 'the scans');
  const input = (await page.waitForFunction(
    () =>
      document
        .querySelector('ebok-office')
        ?.shadowRoot?.querySelector('ebok-office-chancellery')
        ?.shadowRoot?.querySelector('#scans'),
    WAIT,
  )) as ElementHandle<HTMLInputElement>;
  const file = join(target.dataDir, 'list.pdf');
  writeFileSync(file, '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
  await input.uploadFile(file);
  await waitForScreenText(page, 'ebok-office-chancellery', 'ul.files', 'list.pdf');
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Zarejestruj pismo', 'the submit button');
  await page.keyboard.press('Enter');
  await waitForScreenText(page, 'ebok-office-chancellery', '.number', /RPW/);
  const number = await screenText(page, 'ebok-office-chancellery', '.number');
  expect(csp).toEqual([]);
  await page.browserContext().close();
  return number;
}

/** Waits until the shell announces `text`. */
function announced(page: Page, text: string): Promise<unknown> {
  return page.waitForFunction(
    (text) =>
      (document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '').includes(
        text,
      ),
    WAIT,
    text,
  );
}

interface Application {
  registryNumber: string;
  status: string;
  caseNumber?: string;
}

/** "Where is my application?": a challenge signed with the key and certificate of the backup. */
async function residentAsks(baseUrl: string, backup: Uint8Array): Promise<Application[]> {
  const { privateKeyPkcs8, certificateDer } = await importPkcs12(backup, BACKUP_PASSWORD);
  const key = await crypto.subtle.importKey('pkcs8', toArrayBuffer(privateKeyPkcs8), EC_ALGORITHM, false, ['sign']);
  const { challenge } = (await (await fetch(`${baseUrl}/v1/resident/challenges`, { method: 'POST' })).json()) as {
    challenge: string;
  };
  const text = canonicalJson({ challenge, signedAt: new Date().toISOString() });
  const signature = await signDetached(new TextEncoder().encode(text), key, certificateDer);
  const body = new FormData();
  body.append('document', new Blob([text], { type: 'application/json' }), 'document');
  body.append('signature', new Blob([toArrayBuffer(signature)], { type: 'application/pkcs7-signature' }), 'signature');
  const res = await fetch(`${baseUrl}/v1/resident/applications`, { method: 'POST', body });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Application[];
}

describe.skipIf(!CHROME)('the seed, end to end', () => {
  let target: NodeTarget;
  let browser: Browser;
  let relay: SmtpRelay;
  beforeAll(async () => {
    relay = await startSmtpRelay();
    target = await startNodeTarget({
      EBOK_MAIL_FROM: 'Urząd Miasta Olsztyn <wnioski@olsztyn.example>',
      EBOK_APPLICATIONS_URL: APPLICATIONS_PAGE,
      EBOK_SMTP_URL: relay.url,
      EBOK_MAIL_RETRY_SECONDS: '1',
      EBOK_MAIL_POLL_SECONDS: '1',
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await target?.stop();
    await relay?.close();
  });

  it('desk, resident, chancellery and department: an application from enrolment to a closed case the resident sees', async () => {
    // The town hall's desk: the clerk checks the resident's ID and gives them an activation code.
    const desk = await signedIn(browser, target.baseUrl, 'desk', '/office/desk');
    const deskCsp = await watchCsp(desk, '/office/');
    const activationCode = await enrolAtTheDesk(desk, person, 'ABA 300000');
    expect(activationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    expect(deskCsp).toEqual([]);

    // At home: the resident files the application on the BIP page.
    const resident = await residentFiles(browser, target.baseUrl, activationCode);
    expect(resident.number).toMatch(/^RPW\/\d+\/\d{4}$/);
    const backup = await backupOf(resident.page, target.dataDir);
    expect(await residentAsks(target.baseUrl, backup)).toEqual([
      expect.objectContaining({ registryNumber: resident.number, status: 'registered' }),
    ]);

    // The chancellery: a paper letter from the same person, scanned, registered for WGN, where the
    // sender's earlier item went, though it is WSL's.
    const letter = await registerPaperLetter(browser, target, `${person.givenNames} ${person.surname}`);

    // The department: both in the inbox; the letter forwarded, a case opened on the application.
    const officer = await signedIn(browser, target.baseUrl, 'officer-wgn', '/office/departments/WGN/inbox');
    const csp = await watchCsp(officer, '/office/');
    const row = (n: string) => `tr[data-number="${n}"]`;
    await waitForScreenText(officer, 'ebok-office-inbox', row(resident.number), person.surname);
    await waitForScreenText(officer, 'ebok-office-inbox', row(letter), person.surname);
    await tabTo(officer, (f) => f.action === 'forward' && f.row === letter, 'the forward button');
    await officer.keyboard.press('Enter');
    await expectFocus(officer, { dialog: 'forward', tag: 'select' });
    await officer.keyboard.type('WSL');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type('Dodatek mieszkaniowy przyznaje WSL.');
    await tabTo(officer, (f) => f.dialog === 'forward' && f.type === 'submit', 'the submit button', 5);
    await officer.keyboard.press('Enter');
    await announced(officer, `Przekazano pismo ${letter}`);

    await tabTo(officer, (f) => f.action === 'accept' && f.row === resident.number, 'the accept button');
    await officer.keyboard.press('Enter');
    await announced(officer, `Przyjęto pismo ${resident.number}.`);
    await expectFocus(officer, { action: 'case', row: resident.number });
    await officer.keyboard.press('Enter');
    await expectFocus(officer, { dialog: 'case', tag: 'input' });
    await officer.keyboard.type('6620');
    await tabTo(officer, (f) => f.dialog === 'case' && f.type === 'submit', 'the submit button', 5);
    await officer.keyboard.press('Enter');
    await officer.waitForFunction(() => location.pathname.startsWith('/office/cases/WGN.6620.'), WAIT);
    const caseNumber = decodeURIComponent(await officer.evaluate(() => location.pathname.split('/').pop()!));

    /** An event recorded on the case page with the keyboard: its text, and whether the resident is told. */
    const record = async (action: string, text: string | null, inform: boolean) => {
      await tabTo(officer, (f) => f.action === action, `the ${action} button`);
      await officer.keyboard.press('Enter');
      if (text !== null) {
        await expectFocus(officer, { dialog: 'event', tag: 'textarea' });
        await officer.keyboard.type(text);
        await officer.keyboard.press('Tab');
      }
      if (inform) await officer.keyboard.press('Space'); // inform the resident
      await tabTo(officer, (f) => f.dialog === 'event' && f.type === 'submit', 'the submit button', 5);
      await officer.keyboard.press('Enter');
      // Focus is back on the page: on the button that opened the dialog, or the heading where it is gone.
      await expectFocus(officer, { dialog: null });
    };

    // "Waiting for you", flagged: the resident's list says so, and an e-mail goes out, once,
    // though the office's relay refused the first try.
    relay.refuseNext(1);
    await record('waiting-for-resident', 'Proszę dołączyć mapę z zaznaczonym budynkiem.', true);
    expect(await residentAsks(target.baseUrl, backup)).toEqual([
      expect.objectContaining({ registryNumber: resident.number, status: 'waiting-for-resident', caseNumber }),
    ]);
    const [mail] = await relay.waitFor(1);
    expect(relay.refused).toBe(1);
    expect(mail!.to).toEqual([person.email]);
    expect(mail!.subject).toBe(`Twój wniosek ${resident.number}: urząd czeka na Ciebie`);
    expect(mail!.text).toContain(APPLICATIONS_PAGE);
    expect(mail!.text).not.toContain('mapę');
    expect(mail!.text).not.toContain(person.surname);

    // Resumed, decided, closed: none of it flagged, so the list moves and no e-mail follows.
    await record('resumed', null, false);
    await record('decided', 'Nadano numer porządkowy 12A.', false);
    await record('closed', 'Zawiadomienie o nadaniu numeru doręczono.', false);
    await waitForScreenText(officer, 'ebok-office-case', '#status', 'zakończona');
    expect(csp).toEqual([]);

    // "Where is my application?": the resident's own question, signed with their certificate.
    expect(await residentAsks(target.baseUrl, backup)).toEqual([
      expect.objectContaining({ registryNumber: resident.number, status: 'closed', caseNumber }),
    ]);
    await new Promise((ok) => setTimeout(ok, 2500)); // a poll round or two of the sender
    expect(relay.messages).toHaveLength(1);
  }, 240_000);
});
