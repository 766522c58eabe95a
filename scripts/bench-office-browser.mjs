// The console's lists in Chromium on the office at scale (numbers, not pass/fail): signed in
// through the development provider, each list is loaded 20 times (after 2 that warm up) and timed
// from the start of navigation to its first row on screen. Used by bench-office.mjs, on the server
// it started over the generated register.
// Functions passed to page.evaluate run in the page:
/* global document, location */
import puppeteer from 'puppeteer-core';

const LOADS = 20;
const WAIT = { timeout: 60_000, polling: 'raf' };

/** A browser context signed in as `login` at the development provider (any password). */
async function signedIn(browser, url, login) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${url}/office/sign-in?return=${encodeURIComponent('/office/')}`, { waitUntil: 'load' });
  await page.waitForSelector('input[name="login"]', WAIT);
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => location.pathname.startsWith('/office/') && document.querySelector('ebok-office'),
    WAIT,
  );
  return page;
}

/** Milliseconds from the start of navigation to the first row of `screen`'s table. */
async function timeToFirstRow(page, url, screen) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(
    (screen) =>
      document.querySelector('ebok-office')?.shadowRoot?.querySelector(screen)?.shadowRoot?.querySelector('tbody tr'),
    WAIT,
    screen,
  );
  return page.evaluate(() => performance.now());
}

/**
 * Times the department's inbox (as its officer) and the register view (as an administrator),
 * and prints median and p95 for each.
 */
export async function benchConsoleLists(url, chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium') {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const lists = [
      ["a department's inbox (officer-wgn)", 'officer-wgn', '/office/departments/WGN/inbox', 'ebok-office-inbox'],
      ['the register (admin)', 'admin', '/office/register', 'ebok-office-register'],
    ];
    console.log(`\n## The console's lists in Chromium (time to the first row, ${LOADS} loads)`);
    for (const [name, login, path, screen] of lists) {
      const page = await signedIn(browser, url, login);
      const times = [];
      for (let i = 0; i < LOADS + 2; i++) {
        const ms = await timeToFirstRow(page, `${url}${path}`, screen);
        if (i >= 2) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.ceil(times.length * 0.95) - 1];
      console.log(
        `${name.padEnd(36)} median ${times[times.length >> 1].toFixed(0).padStart(6)} ms, p95 ${p95.toFixed(0).padStart(6)} ms`,
      );
      await page.browserContext().close();
    }
  } finally {
    await browser.close();
  }
}
