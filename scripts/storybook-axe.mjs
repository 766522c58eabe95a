#!/usr/bin/env node
// Every Storybook story under axe (WCAG 2.1 A and AA, shadow roots included) in headless Chromium:
// one test per story, "N passed, N failed" at the end, a non-zero exit on any violation.
//
//   node scripts/storybook-axe.mjs [--no-build] [--dir storybook-static] [--filter text]
//
// Builds the static Storybook first unless --no-build; CHROME_PATH picks the browser.
// Functions passed to page.evaluate run in the story's page:
/* global document, window, requestAnimationFrame */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = resolve(option('--dir') ?? 'storybook-static');
const filter = option('--filter');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const started = performance.now();

if (!args.includes('--no-build')) {
  console.log('▶ storybook build');
  const build = spawnSync('npm', ['run', 'build-storybook', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
if (!existsSync(join(dir, 'index.json'))) {
  console.error(`No Storybook build in ${dir} (run npm run build-storybook).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(dir + sep) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((e) => e.type === 'story' && (!filter || e.id.includes(filter)))
  .map((e) => e.id);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1000, height: 800 });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

let passed = 0;
let failed = 0;
for (const id of stories) {
  pageErrors.length = 0;
  let problems = [];
  try {
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
    // Storybook marks the body once a story has rendered, or failed to.
    await page.waitForFunction(
      () =>
        ['sb-show-main', 'sb-show-errordisplay', 'sb-show-nopreview'].some((c) => document.body.classList.contains(c)),
      { timeout: 30_000 },
    );
    const shown = await page.evaluate(async () => {
      if (!document.body.classList.contains('sb-show-main')) {
        return document.querySelector('#error-message')?.textContent?.trim() || 'the story did not render';
      }
      // Lit renders in microtasks: let every ebok element, in every shadow root, finish its update.
      const pending = (root) =>
        [...root.querySelectorAll('*')].flatMap((el) => [
          ...(el.updateComplete ? [el.updateComplete] : []),
          ...(el.shadowRoot ? pending(el.shadowRoot) : []),
        ]);
      await Promise.all(pending(document));
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return '';
    });
    if (shown) problems.push(shown);
    if (!shown) {
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
      const violations = await page.evaluate(async (tags) => {
        const result = await window.axe.run(document.querySelector('#storybook-root'), {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
        return result.violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`),
        }));
      }, WCAG_21_AA);
      problems = violations.flatMap((v) => [`${v.id}: ${v.help}`, ...v.nodes.map((n) => `    at ${n}`)]);
    }
  } catch (e) {
    problems.push(String(e));
  }
  problems.push(...pageErrors.map((e) => `page error: ${e}`));
  if (problems.length) {
    failed++;
    console.log(`✖ ${id}\n  ${problems.join('\n  ')}`);
  } else {
    passed++;
    console.log(`✔ ${id}`);
  }
}

await browser.close();
server.close();
console.log(
  `\nStorybook under axe (WCAG 2.1 AA): ${stories.length} stories in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && stories.length > 0 ? 0 : 1);
