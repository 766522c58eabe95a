// The chancellery's screens as the Node server serves them (its strict Content-Security-Policy,
// the development OpenID provider, the real API), in headless Chromium: a clerk registers a paper
// item with the keyboard only, assigns it, prints its label on one label-sized page, finds it in
// the register by the sender's name and in the register of the day, and downloads that as CSV;
// the form, the label and the register pass axe (WCAG 2.1 AA) in Polish and English.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { focused, logIn, screenText, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

const PDF = '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';

const field = (page: Page, id: string) => tabTo(page, (f) => f.control === id, `the field ${id}`);

/** An element in a screen's shadow root (the screen in the shell's <main>). */
function inScreen(page: Page, screen: string, selector: string): Promise<ElementHandle<Element>> {
  return page.waitForFunction(
    (screen, selector) =>
      document.querySelector('ebok-office')?.shadowRoot?.querySelector(screen)?.shadowRoot?.querySelector(selector),
    WAIT,
    screen,
    selector,
  ) as Promise<ElementHandle<Element>>;
}

/** axe in Polish and English on the page as it is. */
async function axeBothLanguages(page: Page, screen: string, heading: { pl: string; en: string }): Promise<void> {
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'en');
  await waitForScreenText(page, screen, 'h1', heading.en);
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'pl');
  await waitForScreenText(page, screen, 'h1', heading.pl);
}

describe.skipIf(!CHROME)('the chancellery', () => {
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

  it('registers a paper item with the keyboard, assigns it, prints its label and finds it in the register', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const csp = await watchCsp(page, '/office/');
    await page.evaluateOnNewDocument(() => {
      // The CSV offered for download, kept to read back.
      const blobs: Blob[] = [];
      (window as unknown as { __blobs: Blob[] }).__blobs = blobs;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob) blobs.push(b);
        return create(b);
      };
    });
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/')}`, { waitUntil: 'load' });
    await logIn(page, 'chancellery');
    // The chancellery starts at registering an item.
    await page.waitForFunction(() => location.pathname === '/office/chancellery/new', WAIT);
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
    await axeBothLanguages(page, 'ebok-office-chancellery', {
      pl: 'Rejestracja pisma papierowego',
      en: 'Register a paper item',
    });

    // Submitting empty: the error summary, focused, links to the fields.
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Zarejestruj pismo', 'the submit button', 120);
    await page.keyboard.press('Enter');
    await inScreen(page, 'ebok-office-chancellery', '.summary');
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.classList.contains('summary');
    }, WAIT);
    expect(await screenText(page, 'ebok-office-chancellery', '.summary')).toContain('Nadawca');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).control).toBe('sender');

    // The whole entry, with the keyboard only.
    await page.keyboard.type('Zofia Wiśniewska-Kancelaryjna');
    await field(page, 'subject');
    await page.keyboard.type('Wniosek o wypis z rejestru gruntów');
    await field(page, 'department');
    await page.keyboard.type('USC');
    await field(page, 'documentType');
    await page.keyboard.type('wniosek');
    await field(page, 'documentDate');
    // A day that does not exist: the form's pattern lets it through, the API says what is wrong.
    await page.keyboard.type('2026-02-31');
    await field(page, 'senderReference');
    await page.keyboard.type('ZW;1/2026');
    await field(page, 'senderAddress-street');
    await page.keyboard.type('Prosta');
    await field(page, 'senderAddress-building');
    await page.keyboard.type('5');
    await field(page, 'senderAddress-postalCode');
    await page.keyboard.type('10-001');
    await field(page, 'senderAddress-town');
    await page.keyboard.type('Olsztyn');
    await field(page, 'paperAttachments');
    await page.keyboard.type('2');
    await field(page, 'notes');
    await page.keyboard.type('=Koperta uszkodzona');
    await field(page, 'notFullyScanned');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.id === 'scans', 'the scans');
    const input = (await inScreen(page, 'ebok-office-chancellery', '#scans')) as ElementHandle<HTMLInputElement>;
    const file = join(target.dataDir, 'skan.pdf');
    writeFileSync(file, PDF);
    await input.uploadFile(file);
    await waitForScreenText(page, 'ebok-office-chancellery', 'ul.files', 'skan.pdf');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Zarejestruj pismo', 'the submit button');
    await page.keyboard.press('Enter');

    // The API's problem next to the field its pointer names, and in the summary; nothing typed is lost.
    await waitForScreenText(page, 'ebok-office-chancellery', '.summary', 'Data pisma');
    expect(
      await page.evaluate(
        () =>
          (
            document
              .querySelector('ebok-office')
              ?.shadowRoot?.querySelector('ebok-office-chancellery')
              ?.shadowRoot?.querySelector('#documentDate') as unknown as { error: string }
          ).error,
      ),
    ).not.toBe('');
    expect(await screenText(page, 'ebok-office-chancellery', 'ul.files')).toContain('skan.pdf');
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.classList.contains('summary');
    }, WAIT);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).control).toBe('documentDate');
    for (let i = 0; i < 10; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('2026-11');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Zarejestruj pismo', 'the submit button');
    await page.keyboard.press('Enter');

    // The number, large; focus on the result.
    await inScreen(page, 'ebok-office-chancellery', '#registered');
    const number = await screenText(page, 'ebok-office-chancellery', '.number');
    expect(number).toMatch(/\d/);
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'registered';
    }, WAIT);

    // Assigned to WGN, with an officer and a note.
    await tabTo(page, (f) => f.id === 'assign-open', 'the assign button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.localName === 'select';
    }, WAIT);
    await page.keyboard.type('WGN');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Anna Geodetka');
    await tabTo(page, (f) => f.tag === 'textarea', 'the note');
    await page.keyboard.type('Pilne');
    await tabTo(page, (f) => f.tag === 'button' && f.dialog === 'assign' && f.text === 'Przydziel', 'assign');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) =>
        (document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '').includes(
          `Przydzielono pismo ${n} do WGN.`,
        ),
      WAIT,
      number,
    );

    // The entry, as the API has it: every field, and the dispatch.
    const res = await fetch(`${target.baseUrl}/v1/register?q=${encodeURIComponent(number)}`, {
      headers: { authorization: `Bearer ${target.registrarToken}` },
    });
    expect(res.status).toBe(200);
    const [entry] = ((await res.json()) as { entries: Array<Record<string, unknown>> }).entries;
    expect(entry).toMatchObject({
      registryNumber: number,
      channel: 'chancellery:k1',
      sender: { name: 'Zofia Wiśniewska-Kancelaryjna' },
      subject: 'Wniosek o wypis z rejestru gruntów',
      department: 'USC',
      heldBy: 'WGN',
      status: 'assigned',
      senderReference: 'ZW;1/2026',
      documentDate: '2026-11',
      notes: '=Koperta uszkodzona',
      attachmentCount: 1,
      notFullyScanned: true,
      details: {
        accessLevel: 'not-public',
        deliveryMethod: 'post',
        documentType: 'wniosek',
        paperAttachments: 2,
        senderAddress: { street: 'Prosta', building: '5', postalCode: '10-001', town: 'Olsztyn', country: 'PL' },
      },
    });
    expect(
      target.sql('SELECT kind, department, officer, note FROM dispatches WHERE registry_number = ?', [number]),
    ).toEqual([{ kind: 'assigned', department: 'WGN', officer: 'Anna Geodetka', note: 'Pilne' }]);

    // The label: the number, readable, on exactly one label-sized page.
    await tabTo(page, (f) => f.id === 'label-link', 'the label link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (p) => location.pathname === p,
      WAIT,
      `/office/chancellery/labels/${encodeURIComponent(number)}`,
    );
    await waitForScreenText(page, 'ebok-office-label', '.label-card .number', number);
    const label = await screenText(page, 'ebok-office-label', '.label-card');
    expect(label).toContain('Urząd Miasta Olsztyn');
    expect(label).toContain('Kancelaria k1');
    expect(label).toContain('Skany: 1 · załączniki papierowe: 2');
    expect(label).toContain(`Identyfikator: ${entry!['identifier'] as string}`);
    await axeBothLanguages(page, 'ebok-office-label', {
      pl: `Etykieta pisma ${number}`,
      en: `Label of item ${number}`,
    });
    await page.emulateMediaType('print');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    await page.emulateMediaType('screen');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

    // The register: found by the sender's name.
    await page.goto(`${target.baseUrl}/office/register`, { waitUntil: 'load' });
    await inScreen(page, 'ebok-office-register', '#results');
    await axeBothLanguages(page, 'ebok-office-register', {
      pl: 'Rejestr przesyłek wpływających',
      en: 'Register of incoming items',
    });
    await field(page, 'q');
    await page.keyboard.type('wiśniewska');
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Szukaj', 'search');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '').includes(
          'Znaleziono pisma: 1.',
        ),
      WAIT,
    );
    expect(await screenText(page, 'ebok-office-register', `#results tr[data-number="${number}"]`)).toContain(
      'Zofia Wiśniewska-Kancelaryjna',
    );

    // The register of the day: its table, and the same rows as CSV.
    await tabTo(page, (f) => f.id === 'day-show', 'the register of the day');
    await page.keyboard.press('Enter');
    await inScreen(page, 'ebok-office-register', `#day-report tr[data-number="${number}"]`);
    const row = await screenText(page, 'ebok-office-register', `#day-report tr[data-number="${number}"]`);
    expect(row).toContain('Kancelaria k1');
    expect(row).toContain('WGN');
    expect(await axe(page)).toEqual([]);
    await tabTo(page, (f) => f.id === 'day-csv', 'the CSV download');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __blobs: Blob[] }).__blobs.length > 0, WAIT);
    const bytes = await page.evaluate(async () => [
      ...new Uint8Array(await (window as unknown as { __blobs: Blob[] }).__blobs[0]!.arrayBuffer()),
    ]);
    const csv = Buffer.from(bytes);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('Numer w rejestrze;Godzina;Kanał;Nadawca;Dotyczy;Wydział');
    expect(text).toMatch(
      new RegExp(
        `\\r\\n${number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};\\d\\d:\\d\\d;Kancelaria k1;Zofia Wiśniewska-Kancelaryjna;Wniosek o wypis z rejestru gruntów;WGN\\r\\n`,
      ),
    );
    // The print of the day's register: the table alone, on A4.
    await page.emulateMediaType('print');
    const report = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
    await page.emulateMediaType('screen');
    expect(report.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThanOrEqual(1);

    // The items not scanned whole: this one among them.
    await tabTo(page, (f) => f.id === 'partial-show', 'the items not scanned whole');
    await page.keyboard.press('Enter');
    await inScreen(page, 'ebok-office-register', `#partial tr[data-number="${number}"]`);
    expect(await screenText(page, 'ebok-office-register', `#partial tr[data-number="${number}"]`)).toContain(
      '=Koperta uszkodzona',
    );
    expect(await axe(page)).toEqual([]);

    expect(csp).toEqual([]);
    await context.close();
  }, 180_000);

  it('an administrator starts at the register, and the registration is not offered', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/')}`, { waitUntil: 'load' });
    await logIn(page, 'admin');
    await page.waitForFunction(() => location.pathname === '/office/register', WAIT);
    await inScreen(page, 'ebok-office-register', '#results tbody tr');
    const nav = await page.evaluate(
      () => document.querySelector('ebok-office')?.shadowRoot?.querySelector('nav.main')?.textContent ?? '',
    );
    expect(nav).toContain('Rejestr');
    expect(nav).not.toContain('Rejestracja pisma');
    await context.close();
  }, 60_000);
});
