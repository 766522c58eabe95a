// A head of department's screens in Chromium, against the real server and development provider:
// assigning an inbox item to an officer with the keyboard only, handing an absent officer's
// item and case to another, and the overview whose tables hold the figures its charts draw; each
// screen axe clean in Polish and English, with no CSP violation.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, CHROME, launchChromium, watchCsp } from '../../server/test/chromium.js';
import { letter } from '../../server/test/contract/cases.js';
import { startNodeTarget, type NodeTarget } from '../../server/test/node-target.js';
import { expectFocus, logIn, screenText, signedIn, switchLanguage, tabTo, waitForScreenText, WAIT } from './support.js';

/** Waits until the shell's live region says `text`. */
const announced = (page: Page, text: RegExp) =>
  page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector('ebok-office')?.shadowRoot?.querySelector('.announcement')?.textContent ?? '',
      ),
    WAIT,
    text.source,
  );

/** Moves through the focused select's options with the arrow keys until `value` is chosen. */
async function choose(page: Page, value: string): Promise<void> {
  const chosen = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el as HTMLSelectElement).value;
    });
  for (let i = 0; i < 10 && (await chosen()) !== value; i++) await page.keyboard.press('ArrowDown');
  expect(await chosen()).toBe(value);
}

/** Axe in Polish and in English, back in Polish after. */
async function axeBoth(page: Page, screen: string, heading: RegExp): Promise<void> {
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'en');
  await waitForScreenText(page, screen, 'h1', heading);
  expect(await axe(page)).toEqual([]);
  await switchLanguage(page, 'pl');
}

describe.skipIf(!CHROME)('a head of department in the office console', () => {
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

  const work = async (officer: string) =>
    (await (
      await fetch(`${target.baseUrl}/v1/departments/WGN/officers/${officer}/work`, {
        headers: { authorization: `Bearer ${target.adminToken}` },
      })
    ).json()) as { items: Array<{ registryNumber: string }>; cases: Array<{ caseNumber: string }> };

  it('assigns an item with the keyboard, hands an absent officer’s work to another, and reads the overview', async () => {
    // The officers sign in once: the directory knows them from then on.
    for (const login of ['officer-wgn', 'officer2-wgn'])
      await (await signedIn(browser, target.baseUrl, login, '/office/departments/WGN/inbox')).close();
    const item = await letter(target, 'WGN', 'Wniosek o podział działki 7/2');
    const caseItem = await letter(target, 'WGN', 'Wniosek o rozgraniczenie');
    const opened = await fetch(`${target.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.departmentToken('WGN')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ registryNumber: caseItem, jrwa: '6640', officer: 'officer-wgn' }),
    });
    const { caseNumber } = (await opened.json()) as { caseNumber: string };

    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const csp = await watchCsp(page, '/office/');
    await page.goto(`${target.baseUrl}/office/sign-in?return=${encodeURIComponent('/office/departments/WGN/inbox')}`);
    await logIn(page, 'head-wgn');
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-inbox')
          ?.shadowRoot?.querySelector(`tr[data-number="${n}"]`),
      WAIT,
      item,
    );
    await axeBoth(page, 'ebok-office-inbox', /Inbox WGN/);

    // Assign, with the keyboard only.
    await tabTo(page, (f) => f.action === 'assign' && f.row === item, 'the assign button');
    await page.keyboard.press('Enter');
    await expectFocus(page, { dialog: 'assign', tag: 'select' });
    await page.waitForFunction(
      () =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-inbox')
          ?.shadowRoot?.querySelector('ebok-office-assign')
          ?.shadowRoot?.querySelector('ebok-select')
          ?.shadowRoot?.querySelector('option[value="officer-wgn"]'),
      WAIT,
    );
    await choose(page, 'officer-wgn');
    await tabTo(page, (f) => f.dialog === 'assign' && f.tag === 'textarea', 'the note', 6);
    await page.keyboard.type('Proszę o pilne załatwienie.');
    await tabTo(page, (f) => f.dialog === 'assign' && f.type === 'submit', 'the dialog’s submit button', 5);
    await page.keyboard.press('Enter');
    await announced(page, new RegExp(`Przydzielono pismo ${item.replace(/\//g, '\\/')}: Urzędnik WGN`));
    expect((await work('officer-wgn')).items.map((i) => i.registryNumber)).toContain(item);
    expect(await screenText(page, 'ebok-office-inbox', `tr[data-number="${item}"]`)).toContain('przydzielone');

    // The stand-in page: the absent officer's item and case, handed to the other officer.
    await page.goto(`${target.baseUrl}/office/departments/WGN/officers`);
    await page.waitForFunction(
      () =>
        document
          .querySelector('ebok-office')
          ?.shadowRoot?.querySelector('ebok-office-officers')
          ?.shadowRoot?.querySelector('#absent')
          ?.shadowRoot?.querySelector('option[value="officer2-wgn"]'),
      WAIT,
    );
    await axeBoth(page, 'ebok-office-officers', /Stand-ins — WGN/);
    await tabTo(page, (f) => f.control === 'absent' && f.tag === 'select', 'the absent officer');
    await choose(page, 'officer-wgn');
    await waitForScreenText(page, 'ebok-office-officers', 'form', caseNumber);
    expect(await screenText(page, 'ebok-office-officers', 'form')).toContain(item);
    expect(await axe(page)).toEqual([]);
    await tabTo(page, (f) => f.control === 'to' && f.tag === 'select', 'the officer who takes over');
    await choose(page, 'officer2-wgn');
    await tabTo(page, (f) => f.type === 'submit', 'the hand-over button', 5);
    await page.keyboard.press('Enter');
    await announced(page, /Przekazano: 2 .* Urzędniczka WGN/);
    await expectFocus(page, { control: 'absent', tag: 'select' });
    await waitForScreenText(page, 'ebok-office-officers', 'p:not(.muted)', 'nie ma pism ani spraw');
    const taken = await work('officer2-wgn');
    expect(taken.items.map((i) => i.registryNumber)).toContain(item);
    expect(taken.cases.map((c) => c.caseNumber)).toContain(caseNumber);
    expect(await work('officer-wgn')).toEqual(expect.objectContaining({ items: [], cases: [] }));

    // The overview: what the tables say is what was made, and what the charts draw.
    await page.goto(`${target.baseUrl}/office/departments/WGN/overview`);
    await waitForScreenText(page, 'ebok-office-overview', '#open table', 'Później');
    const charts = await page.evaluate(() => {
      const root = document.querySelector('ebok-office')?.shadowRoot?.querySelector('ebok-office-overview')?.shadowRoot;
      return ['#received', '#open'].map((id) => {
        const section = root!.querySelector(id)!;
        return {
          name: section.querySelector('svg')!.getAttribute('aria-label'),
          role: section.querySelector('svg')!.getAttribute('role'),
          bars: [...section.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('data-count'))),
          rows: [...section.querySelectorAll('tbody tr')].map((tr) => [
            tr.querySelector('th')!.textContent!.trim(),
            Number(tr.querySelector('td')!.textContent),
          ]),
        };
      });
    });
    const [received, open] = charts as [(typeof charts)[0], (typeof charts)[0]];
    for (const chart of charts) {
      expect(chart.role).toBe('img');
      expect(chart.name).toBeTruthy();
      expect(chart.bars).toEqual(chart.rows.map((r) => r[1]));
    }
    expect(received.rows).toHaveLength(30);
    expect(received.rows.at(-1)![1]).toBe(2);
    expect(received.rows.slice(0, -1).every((r) => r[1] === 0)).toBe(true);
    expect(open.rows).toEqual([
      ['Po terminie', 0],
      ['Do 3 dni', 0],
      ['Do 7 dni', 0],
      ['Do 14 dni', 0],
      ['Później', 1],
      ['Wstrzymane', 0],
    ]);
    await axeBoth(page, 'ebok-office-overview', /Overview — WGN/);
    expect(csp).toEqual([]);
    await context.close();
  }, 240_000);
});
