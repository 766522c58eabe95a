// One item on its own page, in headless Chromium against the Node server (its strict CSP, the
// development provider, the real API): a resident's signed application read back by its
// procedure's steps and labels with the signature's verdict and the receipt; a paper letter whose
// PDF and PNG scans show in the page from the sandboxed inline address; the letter attached to an
// existing case with the keyboard. Axe clean in Polish and English; no CSP violations.
import type { Browser, HTTPResponse, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formModels } from '@ebok/schemas';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { letter } from '../../server/test/contract/cases.js';
import { api, formData, prepare, signerFor, submit } from '../../server/test/contract/client.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { expectFocus, logIn, screenText, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

// A 1×1 PNG: a scan the browser really shows.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n');

/** A paper letter for USC registered by the chancellery with a PDF and a PNG scan. */
async function scannedLetter(target: NodeTarget): Promise<string> {
  const form = new FormData();
  form.append(
    'metadata',
    JSON.stringify({ sender: 'Anna Nowak, ul. Polna 2, Olsztyn', subject: 'Pismo w sprawie aktu', department: 'USC' }),
  );
  form.append('scan-1', new Blob([PDF], { type: 'application/pdf' }), 'scan-1.pdf');
  form.append('scan-2', new Blob([PNG], { type: 'image/png' }), 'scan-2.png');
  const res = await fetch(`${target.baseUrl}/v1/chancelleries/k1/documents`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${target.registrarToken}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registryNumber: string }).registryNumber;
}

const ITEM = 'ebok-office-item';

/** Whether the item's page shows its content (the register entry and what follows). */
const itemShown = (page: Page, text: string | RegExp) => waitForScreenText(page, ITEM, '#status', text);

describe.skipIf(!CHROME)('an item on its own page', () => {
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

  it('shows a signed application by its procedure, its signer and receipt; shows scans sandboxed; attaches a letter to a case with the keyboard', async () => {
    const resident = await signerFor(target, 'usc-odpis-aktu');
    const s = await prepare(resident, 'usc-odpis-aktu');
    const filed = await submit(target, formData(s));
    expect(filed.status).toBe(201);
    const signed = ((await filed.json()) as { registryNumber: string }).registryNumber;
    const paper = await scannedLetter(target);
    // An open case of the department, for the letter to join.
    const other = await letter(target, 'USC', 'Wniosek o sprostowanie aktu');
    const opened = await api(target, '/v1/cases', {
      method: 'POST',
      token: target.departmentToken('USC'),
      json: { registryNumber: other, jrwa: '5360' },
    });
    expect(opened.status).toBe(201);
    const caseNumber = ((await opened.json()) as { caseNumber: string }).caseNumber;
    const doc = (await (
      await api(target, `/v1/departments/USC/documents/${encodeURIComponent(signed)}`, {
        token: target.departmentToken('USC'),
      })
    ).json()) as { verdict: { signer: { name: string } }; entry: { documentSha256: string } };
    const { default: model } = await formModels['usc-odpis-aktu@1.0.0']!();

    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const csp = await watchCsp(page, '/office/');
    const inline: HTTPResponse[] = [];
    page.on('response', (r) => r.url().includes('view=inline') && inline.push(r));
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/departments/USC/inbox')}`);
    await logIn(page, 'officer-usc');
    await page.waitForFunction(() => location.pathname === '/office/departments/USC/inbox', WAIT);
    await waitForScreenText(page, 'ebok-office-inbox', 'tbody', signed);

    // From the inbox to the item, with the keyboard: its page starts at its heading.
    await tabTo(page, (f) => f.tag === 'a' && f.text === signed, 'the item’s link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (p) => location.pathname === p,
      WAIT,
      `/office/departments/USC/items/${encodeURIComponent(signed)}`,
    );
    await itemShown(page, /\S/);
    await expectFocus(page, { tag: 'h1', text: `Pismo ${signed}` });

    // The application by the procedure's steps and labels, not its JSON.
    const content = await screenText(page, ITEM, '.application');
    expect(content).toContain(model.steps[0]!.title.pl);
    const first = model.fields.find((f) => model.steps[0]!.fields.includes(f.name))!;
    expect(content).toContain(first.label.pl);
    expect(content).not.toMatch(/"data"|recordType|givenNames/);
    // Who signed, and the verdict; the receipt with its number and digest.
    expect(await screenText(page, ITEM, '#signer')).toContain(doc.verdict.signer.name);
    expect(await screenText(page, ITEM, '#signer')).toContain(resident.identifier);
    const shadow = (selector: string) =>
      page.evaluate(
        (item, selector) =>
          [
            ...(document
              .querySelector('ebok-office')
              ?.shadowRoot?.querySelector(item)
              ?.shadowRoot?.querySelectorAll(selector) ?? []),
          ].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
        ITEM,
        selector,
      );
    expect((await shadow('.verdict')).join()).toContain('Podpis ważny w chwili wpływu.');
    expect(await screenText(page, ITEM, '#revocation')).toContain('nieunieważniony');
    const receipt = (await shadow('dl')).join(' ');
    expect(receipt).toContain(doc.entry.documentSha256);
    expect((await shadow('a[download]')).join()).toContain('Pobierz potwierdzenie');
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await waitForScreenText(page, ITEM, 'h1', `Item ${signed}`);
    expect(await screenText(page, ITEM, '.application')).toContain(model.steps[0]!.title.en!);
    expect((await shadow('.verdict')).join()).toContain('Signature valid when received.');
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'pl');

    // The paper letter: no signature; its scans in the page from the sandboxed address.
    await page.goto(`${target.baseUrl}/office/departments/USC/items/${encodeURIComponent(paper)}`);
    await itemShown(page, /\S/);
    expect(await shadow('#signature + p')).toEqual(['Pismo wpłynęło bez podpisu elektronicznego (pismo papierowe).']);
    const previews = await page.evaluate((item) => {
      const root = document.querySelector('ebok-office')?.shadowRoot?.querySelector(item)?.shadowRoot;
      const frame = root?.querySelector<HTMLIFrameElement>('iframe.preview');
      const img = root?.querySelector<HTMLImageElement>('img.preview');
      return {
        frame: frame && { src: frame.getAttribute('src'), sandbox: frame.getAttribute('sandbox'), title: frame.title },
        img: img && { src: img.getAttribute('src'), alt: img.alt },
      };
    }, ITEM);
    expect(previews.frame).toMatchObject({
      src: expect.stringMatching(/attachments\/scan-1\?view=inline$/),
    });
    expect(previews.img).toMatchObject({ src: expect.stringMatching(/attachments\/scan-2\?view=inline$/) });
    await page.waitForFunction(
      (item) =>
        (
          document
            .querySelector('ebok-office')
            ?.shadowRoot?.querySelector(item)
            ?.shadowRoot?.querySelector('img.preview') as HTMLImageElement | null | undefined
        )?.naturalWidth === 1,
      WAIT,
      ITEM,
    );
    // Each file the page asked for (Chromium's PDF viewer reads the PDF again from its own stream, without headers).
    for (let i = 0; i < 100 && !inline.some((r) => r.url().includes('scan-1?view=inline')); i++)
      await new Promise((r) => setTimeout(r, 100));
    const served = inline.filter((r) => Object.keys(r.headers()).length > 0);
    expect(served.map((r) => r.url())).toEqual(
      expect.arrayContaining([
        expect.stringContaining('scan-1?view=inline'),
        expect.stringContaining('scan-2?view=inline'),
      ]),
    );
    for (const r of served) {
      expect(r.headers()['content-security-policy']).toMatch(/^sandbox;/);
      expect(r.headers()['x-content-type-options']).toBe('nosniff');
    }
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await waitForScreenText(page, ITEM, 'h1', `Item ${paper}`);
    expect(await axe(page)).toEqual([]);
    await switchLanguage(page, 'pl');
    await waitForScreenText(page, ITEM, 'h1', `Pismo ${paper}`);

    // Attach it to the open case, with the keyboard: the case by its znak.
    await tabTo(page, (f) => f.action === 'attach', 'the attach button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'attach', tag: 'select' });
    const options = await page.evaluate((item) => {
      const root = document.querySelector('ebok-office')?.shadowRoot?.querySelector(item)?.shadowRoot;
      const select = root?.querySelector('#attach ebok-select')?.shadowRoot?.querySelector('select');
      return [...(select?.options ?? [])].map((o) => o.value);
    }, ITEM);
    const at = options.indexOf(caseNumber);
    expect(at).toBeGreaterThan(-1);
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    await tabTo(page, (f) => f.dialog === 'attach' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await itemShown(page, `sprawa ${caseNumber}`);
    await expectFocus(page, { id: 'status' });
    await page.waitForFunction(
      (t) => document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent === t,
      WAIT,
      `Dołączono pismo ${paper} do sprawy ${caseNumber}.`,
    );
    const joined = (await (
      await api(target, `/v1/cases/${encodeURIComponent(caseNumber)}`, { token: target.departmentToken('USC') })
    ).json()) as { documents: string[] };
    expect(joined.documents).toContain(paper);
    expect(await axe(page)).toEqual([]);
    expect(csp).toEqual([]);
    await context.close();
  }, 120_000);
});
