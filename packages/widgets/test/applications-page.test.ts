// "Where is my application?" on the example BIP page as the server serves it (strict CSP), each
// resident in a fresh browser context: a backup (.p12) restored there through the widget shows the
// applications that certificate's holder signed elsewhere; another resident's backup shows none.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPkcs12 } from '@ebok/forms-core/pkcs12';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { enrol, formData, prepare, type Resident, signerFor, submit } from '../../server/test/contract/client.js';

const PROCEDURE = 'wgn-informacja-egib';
const PASSWORD = 'kopia-zapasowa-1';

/** A resident's key and certificate as the backup <ebok-certificate> makes, written to a file. */
async function backup(target: NodeTarget, resident: Resident, name: string): Promise<string> {
  const bytes = await exportPkcs12({
    privateKeyPkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', resident.keys.privateKey)),
    certificateDer: resident.certificateDer,
    password: PASSWORD,
  });
  const file = join(target.dataDir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text inside <ebok-applications>, its shadow root and the certificate's in it included. */
const widgetText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const deep = (n: Node): string =>
      [...((n as Element).shadowRoot?.childNodes ?? []), ...n.childNodes]
        .map((c) => (c.nodeType === 3 ? c.textContent : deep(c)))
        .join(' ');
    return deep(document.querySelector('ebok-applications')!).replace(/\s+/g, ' ');
  });

/** Presses a button of the certificate that <ebok-applications> offers, by its text. */
async function press(page: Page, label: string): Promise<void> {
  const button = await page
    .waitForFunction(
      (text: string) => {
        const find = (root: ParentNode): HTMLButtonElement | undefined => {
          for (const el of root.querySelectorAll('*')) {
            if (el instanceof HTMLButtonElement && el.textContent!.trim().startsWith(text)) return el;
            const inner = el.shadowRoot && find(el.shadowRoot);
            if (inner) return inner;
          }
          return undefined;
        };
        return find(document.querySelector('ebok-applications')?.shadowRoot ?? document.createDocumentFragment());
      },
      { timeout: 20_000 },
      label,
    )
    .catch(async (e: unknown) => {
      throw new Error(`no "${label}" in: ${await widgetText(page)}`, { cause: e });
    });
  await (button as ElementHandle<HTMLButtonElement>).click();
}

/** A fresh browser context: the BIP page, the backup restored in the widget, and what the list then says. */
async function restoreIn(browser: Browser, url: string, file: string): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const csp = await watchCsp(page);
  await page.goto(`${url}/bip-page/`, { waitUntil: 'load' });
  await press(page, 'Mam kopię zapasową');
  const input = (await page.waitForSelector(
    'ebok-applications >>> ebok-certificate >>> ebok-file-field >>> input[type=file]',
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  const password = await page.waitForSelector('ebok-applications >>> ebok-certificate >>> ebok-text-field >>> input');
  await password!.type(PASSWORD);
  await press(page, 'Wczytaj');
  // The list replaces the certificate's form, and takes the focus.
  await page.waitForFunction(
    () => document.querySelector('ebok-applications')?.shadowRoot?.activeElement?.matches('h3, .none'),
    { timeout: 20_000 },
  );
  return { page, csp };
}

describe.skipIf(!CHROME)('<ebok-applications> in a fresh browser', () => {
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

  it('a restored backup sees the applications its holder signed; another resident sees none of them', async () => {
    const resident = await signerFor(target, PROCEDURE);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await submit(target, formData(await prepare(resident, PROCEDURE)));
      expect(res.status).toBe(201);
      numbers.push(((await res.json()) as { registryNumber: string }).registryNumber);
    }

    const mine = await restoreIn(browser, target.baseUrl, await backup(target, resident, 'mine.p12'));
    const text = await widgetText(mine.page);
    for (const n of numbers) expect(text).toContain(n);
    expect(text).toContain('Wpłynął do urzędu i jest w rejestrze');
    expect(await axe(mine.page)).toEqual([]);
    expect(mine.csp).toEqual([]);
    await mine.page.browserContext().close();

    const other = await enrol(target, '85071012343');
    const theirs = await restoreIn(browser, target.baseUrl, await backup(target, other, 'theirs.p12'));
    const none = await widgetText(theirs.page);
    expect(none).toContain('Nie ma wniosków podpisanych tym certyfikatem.');
    for (const n of numbers) expect(none).not.toContain(n);
    expect(await axe(theirs.page)).toEqual([]);
    expect(theirs.csp).toEqual([]);
    await theirs.page.browserContext().close();
  }, 120_000);
});
