// Pages as the server serves them, in headless Chromium (Debian's package, or CHROME_PATH):
// starting it, listening for Content-Security-Policy violations, and running axe (WCAG 2.1 AA).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Chromium here, if there is one (the tests that need it are skipped without). */
export const CHROME = [process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
);

const AXE = readFileSync(resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown }>;
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROME!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/**
 * The Content-Security-Policy violations of a page from its next navigation on, as
 * "<path>: <directive> <blocked URI>"; only on paths under `under` when given (a page that
 * passes through another site's, such as an OpenID provider's login form, is not the one tested).
 */
export async function watchCsp(page: Page, under?: string): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.evaluateOnNewDocument((under) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      if (under && !location.pathname.startsWith(under)) return;
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  }, under);
  return violations;
}

/** axe's WCAG 2.1 A and AA rules on the page as it is, injected through DevTools (which the page's CSP does not govern). */
export async function axe(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Violation[] }> } }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
