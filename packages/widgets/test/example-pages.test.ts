// The example pages as the server serves them (with its strict Content-Security-Policy), in
// headless Chromium: they work, raise no CSP violation, and pass axe (WCAG 2.1 AA), the forms in
// them included.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';

async function open(browser: Browser, url: string): Promise<{ page: Page; csp: string[] }> {
  const page = await browser.newPage();
  const csp = await watchCsp(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, csp };
}

describe.skipIf(!CHROME)('example pages under their CSP', () => {
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

  it('the BIP page lists every procedure', async () => {
    const { page, csp } = await open(browser, `${target.baseUrl}/bip-page/`);
    await page.waitForFunction(() => document.querySelectorAll('#procedures a').length === 14, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('ebok-certificate')?.shadowRoot?.querySelector('h3'), {
      timeout: 20_000,
    });
    expect(await axe(page)).toEqual([]);
    expect(csp).toEqual([]);
    await page.close();
  });

  // The bundle's own texts in each language (their ids are shortened when bundling).
  const START = { pl: 'Rozpocznij', en: 'Start', uk: 'Почати' };
  for (const lang of ['pl', 'en', 'uk'] as const) {
    it(`the BIP page shows a form (${lang})`, async () => {
      const { page, csp } = await open(browser, `${target.baseUrl}/bip-page/?procedure=wk-prawo-jazdy&lang=${lang}`);
      await page.waitForFunction(
        () =>
          document
            .querySelector('ebok-form')
            ?.shadowRoot?.querySelector('ebok-wk-prawo-jazdy')
            ?.shadowRoot?.querySelector('button.primary'),
        { timeout: 20_000 },
      );
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await page.waitForFunction(
        (want: string) =>
          document
            .querySelector('ebok-form')
            ?.shadowRoot?.querySelector('ebok-wk-prawo-jazdy')
            ?.shadowRoot?.querySelector('button.primary')
            ?.textContent?.trim() === want,
        { timeout: 20_000 },
        START[lang],
      );
      expect(await axe(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.close();
    });
  }

  it('the API page renders the OpenAPI document', async () => {
    const { page, csp } = await open(browser, `${target.baseUrl}/api.html`);
    await page.waitForFunction(() => document.querySelectorAll('#operations section').length > 10, {
      timeout: 20_000,
    });
    expect(await axe(page)).toEqual([]);
    expect(csp).toEqual([]);
    await page.close();
  });
});
