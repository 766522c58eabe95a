// Shared by the widgets' browser tests.
import '@open-wc/testing';
// Registers window.axe (the UMD build, as chai-a11y-axe loads it).
import 'axe-core/axe.min.js';
import { createCertificateRequest, generateResidentKeys } from '@ebok/forms-core/resident';

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; html: string }> }>;
}
declare global {
  interface Window {
    axe: { run(context: Element, options: unknown): Promise<AxeResult> };
  }
}

/** WCAG 2.1 A and AA, as the Polish accessibility act requires: the rules tagged so, nothing else. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe (WCAG 2.1 AA) over an element, its shadow roots included; throws listing every violation. */
export async function expectAccessible(el: Element, where = ''): Promise<void> {
  const result = await window.axe.run(el, {
    runOnly: { type: 'tag', values: WCAG_21_AA },
    resultTypes: ['violations'],
  });
  if (result.violations.length) {
    const lines = result.violations.flatMap((v) => [
      `${v.id} (${v.impact}): ${v.help}`,
      ...v.nodes.map((n) => `  at ${JSON.stringify(n.target)}: ${n.html.slice(0, 200)}`),
    ]);
    throw new Error(`axe found ${result.violations.length} WCAG 2.1 AA violation(s) ${where}\n${lines.join('\n')}`);
  }
}

/** Waits until `check` holds, re-checking each frame; fails after `ms`. */
export async function until(check: () => unknown, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** An element in a failure message: its tag, id and classes. */
const nameOf = (el: Element | null | undefined): string =>
  el ? `<${el.localName}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}>` : String(el);

/**
 * Fails unless `actual` is `expected`. Chai's `equal` on two elements of a live page builds a
 * diff of both that does not finish: the test runner would wait out its timeout instead of failing.
 */
export function expectSame(
  actual: Element | null | undefined,
  expected: Element | null | undefined,
  what: string,
): void {
  if (actual === expected) return;
  const [want, got] = [nameOf(expected), nameOf(actual)];
  throw new Error(`${what}: expected ${want}, got ${got === want ? `another ${got}` : got}`);
}

/** A file of a given media type whose SHA-256 is computed as the browser computes it. */
export async function sampleFile(name: string, type: string, size = 2048): Promise<{ file: File; sha256: string }> {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + name.length) & 0xff);
  const file = new File([bytes], name, { type });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { file, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
}

export interface ValidExample {
  readonly name: string;
  readonly data: Record<string, unknown>;
  readonly attachments?: ReadonlyArray<{ name: string; mediaType: string; size: number }>;
}

/** The valid example documents of every procedure (served by the test runner from schemas/examples). */
export async function validExamples(): Promise<Record<string, ValidExample[]>> {
  return (await fetch('/__ebok/examples.json')).json() as Promise<Record<string, ValidExample[]>>;
}

/** What the journey tests need of a procedure's element. */
interface Journey extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
}

/** Presses the button `selector` in a journey and waits for it to render again. */
export async function press(el: Journey, selector: string): Promise<void> {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>(selector);
  const heading = el.shadowRoot!.querySelector('h2')?.textContent?.trim() ?? '';
  if (!button) throw new Error(`no ${selector} on "${heading}"`);
  button.click();
  await el.updateComplete;
}

/** A procedure's element (its code loaded) on the page, in `lang`, sending to `endpoint`, rendered. */
export async function mountProcedure<T extends Journey>(id: string, lang: string, endpoint: string): Promise<T> {
  const { procedureModules, procedureTags } = await import('../src/generated/elements/index.js');
  await procedureModules[id]!();
  const el = document.createElement(procedureTags[id]!) as T;
  el.setAttribute('lang', lang);
  el.setAttribute('endpoint', endpoint);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** A resident enrolled at the test intake server now: their keys and the city certificate (DER) issued for them. */
export async function enrolledResident(server: {
  readonly url: string;
  readonly tokens: Readonly<Record<string, string>>;
}): Promise<{ keys: CryptoKeyPair; certificateDer: Uint8Array }> {
  const code = (await (
    await fetch(`${server.url}/v1/enrolments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens['registrar']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ givenNames: 'Piotr', surname: 'Zieliński', pesel: '44051401359' }),
    })
  ).json()) as { activationCode: string };
  const keys = await generateResidentKeys();
  const issued = (await (
    await fetch(`${server.url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activationCode: code.activationCode, csr: await createCertificateRequest(keys) }),
    })
  ).json()) as { certificate: string };
  const b64 = issued.certificate.replace(/-----[A-Z ]+-----|\s/g, '');
  return { keys, certificateDer: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) };
}
