#!/usr/bin/env node
// Screenshots for the README (docs/screenshots/*.png): the example BIP page, then one procedure
// at every step of the journey, filled with its first valid example, in headless Chromium
// against the real Node intake server on a fresh data folder; then the office console's screens
// (screenshots-office.mjs). Run after `npm run build`.
//
//   npm run screenshots            (CHROME_PATH picks the browser)
// Functions passed to page.evaluate run in the page:
/* global document, window */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { officeScreenshots } from './screenshots-office.mjs';

const PROCEDURE = 'usc-odpis-aktu';
const OUT = 'docs/screenshots';
const examples = join('schemas/examples', PROCEDURE);
const example = JSON.parse(
  readFileSync(
    join(
      examples,
      readdirSync(examples)
        .filter((f) => f.startsWith('valid-'))
        .sort()[0],
    ),
    'utf8',
  ),
);

const dataDir = mkdtempSync(join(tmpdir(), 'ebok-screenshots-'));
const server = spawn(process.execPath, ['packages/server/dist/adapters/node/main.js'], {
  env: { ...process.env, EBOK_DATA_DIR: dataDir, EBOK_PORT: '0' },
  // Its banner (development tokens) is no part of the screenshots' output.
  stdio: ['ignore', 'pipe', 'ignore'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /"url":"([^"]+)"/.exec(out);
    if (m) resolve(m[1]);
  });
  server.once('exit', (code) => reject(new Error(`the intake server exited (${code})`)));
});

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
mkdirSync(OUT, { recursive: true });
const shots = [];

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  /** The page as a visitor first sees it, or only the form: the steps need no page around them. */
  const shoot = async (name, selector) => {
    // Focus rings and the caret are not what a screenshot is for.
    await page.evaluate(() => document.activeElement?.blur?.());
    const target = selector ? await page.$(selector) : page;
    await target.screenshot({ path: join(OUT, `${name}.png`) });
    shots.push(name);
  };

  await page.goto(`${url}/bip-page/`, { waitUntil: 'networkidle0' });
  await shoot('bip-page');

  await page.goto(`${url}/bip-page/?procedure=${PROCEDURE}`, { waitUntil: 'networkidle0' });
  // The procedure's element sits in <ebok-form>'s shadow root.
  const form = await page.waitForFunction(
    (tag) => document.querySelector('ebok-form')?.shadowRoot?.querySelector(tag)?.shadowRoot?.querySelector('h2'),
    {},
    `ebok-${PROCEDURE}`,
  );
  await form.dispose();
  const el = await page.evaluateHandle(
    (tag) => document.querySelector('ebok-form').shadowRoot.querySelector(tag),
    `ebok-${PROCEDURE}`,
  );
  /** Runs `fn` on the procedure's element in the page, then waits for it to render. */
  const journey = async (fn, ...args) => {
    const result = await el.evaluate(fn, ...args);
    await el.evaluate((e) => e.updateComplete);
    return result;
  };
  await shoot(`${PROCEDURE}-0-start`, 'ebok-form');

  await journey((el, data) => {
    el.value = data;
    el.shadowRoot.querySelector('button.primary').click();
  }, example.data);
  const steps = await journey((el) => el.constructor.model.steps.map((s) => s.id));
  for (const [i, step] of steps.entries()) {
    await journey((el, refs) => {
      for (const field of el.shadowRoot.querySelectorAll('ebok-file-field')) {
        const ref = refs.find((a) => a.name === field.getAttribute('name'));
        if (!ref) continue;
        const file = new File([new Uint8Array(2048)], `${ref.name}.pdf`, { type: ref.mediaType });
        field.value = { file, sha256: '' };
        field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
    }, example.attachments ?? []);
    await shoot(`${PROCEDURE}-${i + 1}-${step}`, 'ebok-form');
    const errors = await journey((el) => {
      el.shadowRoot.querySelector('form button[type=submit]').click();
      return el.shadowRoot.querySelector('.error-summary')?.textContent ?? '';
    });
    if (errors) throw new Error(`the example does not pass step ${step}: ${errors}`);
  }
  await shoot(`${PROCEDURE}-${steps.length + 1}-check`, 'ebok-form');
  await journey((el) => el.shadowRoot.querySelector('button.primary').click());
  await page.waitForFunction(
    (tag) =>
      document
        .querySelector('ebok-form')
        .shadowRoot.querySelector(tag)
        .shadowRoot.querySelector('ebok-certificate')
        ?.shadowRoot?.querySelector('h3'),
    {},
    `ebok-${PROCEDURE}`,
  );
  await shoot(`${PROCEDURE}-${steps.length + 2}-sign`, 'ebok-form');

  // The office console, screen by screen, as each role sees it.
  await officeScreenshots(browser, url, async (page, name) => {
    await page.evaluate(() => {
      document.activeElement?.blur?.();
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    shots.push(name);
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`${shots.length} screenshots in ${OUT}: ${shots.join(', ')}`);
