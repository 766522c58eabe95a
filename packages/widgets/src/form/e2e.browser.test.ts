// End to end, against the real intake server (`node main.js`, started by the test runner): enrol
// with an activation code, fill a procedure with attachments, sign, submit, see the receipt, and
// find the document in the department's queue with a signature that verifies.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { verifyDetached } from '@ebok/forms-core/signing';
import { x509 } from '@ebok/forms-core/pki';
import { expectedSigner } from '@ebok/forms-core/runtime/base';
import '../form/ebok-form.js';
import { procedureModules } from '../generated/elements/index.js';
import { useLang } from '../localization.js';
import type { EbokForm } from './ebok-form.js';
import { submittable, type JsonObject } from './data.js';
import { IndexedDbDraftStore } from './drafts.js';
import type { ProcedureForm } from './procedure-form.js';
import { expectAccessible, sampleFile, until, validExamples } from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}

const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo | null;
const examples = await validExamples();

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const heading = (el: Element): string => shadow(el).querySelector('h2')?.textContent?.trim() ?? '';

async function press(el: { updateComplete: Promise<unknown> } & Element, selector: string): Promise<void> {
  const button = shadow(el).querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no ${selector} on "${heading(el)}"`);
  button.click();
  await el.updateComplete;
}

/** Types into an ebok control as a resident would: the value changes and `input` fires. */
function type(control: Element, value: string): void {
  (control as Element & { value: string }).value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const api = async (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${server!.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

describe('end to end: enrol, fill, sign, submit, receipt, department queue', function () {
  this.timeout(60_000);

  it('registers a signed application with attachments and hands it to the department', async () => {
    expect(server, 'the intake server (run npm run build first)').to.not.equal(null);
    const { url, tokens } = server!;

    // The resident signs as the person the example names as its signer (the office checks).
    const example = examples['wgn-numer-porzadkowy']!.find((e) => e.name === 'valid-planned-buildings-proxy.json')!;
    await procedureModules['wgn-numer-porzadkowy']!();
    const { model } = customElements.get('ebok-wgn-numer-porzadkowy') as unknown as typeof ProcedureForm;
    const signer = expectedSigner(submittable(model.fields, example.data as JsonObject), model.procedure.signers ?? []);
    expect(signer?.identifier, 'the PESEL of the signer the example names').to.match(/^PNOPL-\d{11}$/);
    const pesel = signer!.identifier!.slice('PNOPL-'.length);

    // At the town hall: a clerk creates an activation code for the resident.
    const enrolment = await api('/v1/enrolments', tokens['registrar']!, {
      method: 'POST',
      body: JSON.stringify({ givenNames: 'Anna Maria', surname: 'Kowalska', pesel }),
    });
    expect(enrolment.status).to.equal(201);
    const { activationCode } = (await enrolment.json()) as { activationCode: string };
    // A browser without a certificate yet (other tests may have left one).
    await (await import('../signing/index.js')).removeCredential();

    await useLang('pl');
    // What the page around the form hears (a host page's analytics), all the way to the receipt.
    const heard: Array<{ type: string; detail: unknown }> = [];
    const types = ['ebok-step', 'ebok-invalid', 'ebok-dirty', 'ebok-submitted'] as const;
    const record = (e: Event): number => heard.push({ type: e.type, detail: (e as CustomEvent).detail });
    for (const t of types) document.addEventListener(t, record);
    const outer = document.createElement('ebok-form') as EbokForm;
    outer.setAttribute('procedure', 'wgn-numer-porzadkowy');
    outer.setAttribute('endpoint', url);
    outer.setAttribute('applications-url', '/moje-wnioski');
    document.body.append(outer);
    try {
      await until(() => shadow(outer).querySelector('ebok-wgn-numer-porzadkowy'), 'the procedure element');
      const el = shadow(outer).querySelector('ebok-wgn-numer-porzadkowy') as ProcedureForm;
      await until(() => shadow(el).querySelector('button.primary'), 'the start page');
      el.value = example.data;
      await press(el, 'button.primary');

      const files: Record<string, { file: File; sha256: string }> = {};
      for (const _ of (el.constructor as typeof ProcedureForm).model.steps) {
        for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
          const name = field.getAttribute('name')!;
          if (!example.attachments?.some((a) => a.name === name)) continue;
          files[name] = await sampleFile(`${name}.pdf`, 'application/pdf', 3000 + name.length);
          field.value = files[name];
          field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        }
        await el.updateComplete;
        await press(el, 'form button[type=submit]');
        expect(shadow(el).querySelector('.error-summary')?.textContent ?? '').to.equal('');
      }
      await press(el, 'button.primary'); // check your answers → sign

      // No certificate in this browser yet: enrol with the code, choosing a backup password.
      await until(() => shadow(el).querySelector('ebok-certificate')?.shadowRoot?.querySelector('form'), 'enrolment');
      const certificate = shadow(el).querySelector('ebok-certificate')!;
      const inputs = shadow(certificate).querySelectorAll('ebok-text-field');
      type(inputs[0]!, activationCode.toLowerCase().replace(/-/g, ' '));
      type(inputs[1]!, 'hasło-do-kopii-2026');
      type(inputs[2]!, 'hasło-do-kopii-2026');
      shadow(certificate).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
      await until(() => shadow(el).querySelector('button.primary:not([disabled])'), 'the sign button', 20_000);
      expect(shadow(el).textContent).to.contain('Anna Maria Kowalska');

      // Everything so far is kept in the browser, until the office has registered it.
      const draftKey = `${url} wgn-numer-porzadkowy@1.0.0`;
      const drafts = new IndexedDbDraftStore();
      await new Promise((r) => setTimeout(r, 600)); // saved 400 ms after the last change
      expect((await drafts.load(draftKey))?.data).to.deep.equal(el.value);

      // The office cannot be reached (here: an address where nothing listens): the resident is
      // told so, and the signed application is kept.
      const unreachable = 'http://127.0.0.1:9';
      el.setAttribute('endpoint', unreachable);
      await el.updateComplete;
      await press(el, 'button.primary'); // sign and send
      await until(() => shadow(el).activeElement?.matches('.error-summary'), 'the error summary to take focus', 20_000);
      expect(shadow(el).querySelector('.error-summary')!.textContent).to.contain('Nie udało się połączyć z urzędem');
      await expectAccessible(el, 'after a send that failed');
      // Drafts are kept per office: this one is under the address it could not reach.
      const elsewhere = `${unreachable} wgn-numer-porzadkowy@1.0.0`;
      const kept = (await drafts.load(elsewhere))?.signed;
      expect(kept, 'the signed application, kept for the next try').to.exist;
      await drafts.remove(elsewhere);

      // Sent again: the same signed document, not a new signature.
      el.setAttribute('endpoint', url);
      await el.updateComplete;
      await press(el, 'button.primary');
      await until(() => shadow(el).querySelector('.panel'), 'the receipt', 20_000);
      expect(await drafts.load(draftKey)).to.equal(undefined);
      const number = shadow(el).querySelector('.panel .number')!.textContent!.trim();
      expect(number).to.match(/^RPW\/\d+\/\d{4}$/);
      // Each page told once; dirty at the first file attached, clean again once registered.
      const { steps } = (el.constructor as typeof ProcedureForm).model;
      const pages = heard.filter((h) => h.type === 'ebok-step').map((h) => (h.detail as { page: string }).page);
      expect(pages).to.deep.equal(['start', ...steps.map(() => 'step'), 'check', 'sign', 'receipt']);
      expect(heard.filter((h) => h.type === 'ebok-dirty').map((h) => h.detail)).to.deep.equal([
        { dirty: true },
        { dirty: false },
      ]);
      expect(heard.filter((h) => h.type === 'ebok-submitted').map((h) => h.detail)).to.have.length(1);
      expect(heard.filter((h) => h.type === 'ebok-invalid')).to.deep.equal([]);
      // Where the page lists the resident's applications (<ebok-applications>): to follow this one.
      const follow = shadow(el).querySelector<HTMLAnchorElement>('a[href$="/moje-wnioski"]');
      expect(follow?.textContent?.trim()).to.equal('Śledź ten wniosek');
      for (const lang of ['pl', 'en', 'uk']) {
        el.setAttribute('lang', lang);
        await until(() => (el as unknown as { lang: string }).lang === lang, lang);
        await useLang(lang as 'pl');
        await el.updateComplete;
        await expectAccessible(el, `on the receipt (${lang})`);
      }
      await useLang('pl');

      // In the department: the document is in the WGN queue, with a signature that verifies.
      const lease = await api('/v1/departments/WGN/queue/lease', tokens['department:WGN']!, {
        method: 'POST',
        body: JSON.stringify({ max: 100, visibilitySeconds: 60 }),
      });
      expect(lease.status).to.equal(200);
      const { messages } = (await lease.json()) as { messages: Array<{ registryNumber: string; documentUrl: string }> };
      const message = messages.find((m) => m.registryNumber === number);
      expect(message, `queue message for ${number}`).to.exist;
      const stored = (await (await api(message!.documentUrl, tokens['department:WGN']!)).json()) as {
        document: string;
        signature: string;
        attachments: Array<{ name: string; sha256: string; url: string }>;
      };
      expect(stored.document, 'the document signed before the failed send').to.equal(kept!.document);
      const caDer = new Uint8Array(await (await fetch(`${url}/v1/ca/certificate`)).arrayBuffer());
      const result = await verifyDetached(
        new TextEncoder().encode(stored.document),
        Uint8Array.from(atob(stored.signature), (c) => c.charCodeAt(0)),
        { trustAnchors: [new x509.X509Certificate(caDer)] },
      );
      expect(result.ok, JSON.stringify(result)).to.equal(true);
      expect(JSON.stringify(result)).to.contain(pesel);
      const document = JSON.parse(stored.document) as { attachments: Array<{ name: string; sha256: string }> };
      for (const [name, { sha256 }] of Object.entries(files)) {
        expect(document.attachments.find((a) => a.name === name)?.sha256).to.equal(sha256);
        const attachment = stored.attachments.find((a) => a.name === name)!;
        const bytes = await (await api(attachment.url, tokens['department:WGN']!)).arrayBuffer();
        const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join('');
        expect(digest).to.equal(sha256);
      }
    } finally {
      outer.remove();
      for (const t of types) window.document.removeEventListener(t, record);
    }
  });
});

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** What a screen reader would call the focused control: its label, or a button's text. */
function nameOf(el: Element): string {
  const labelled = el as Element & { labels?: NodeListOf<HTMLLabelElement> | null };
  const text = labelled.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** Presses Tab until the focused control's name starts with `name`. */
async function tabTo(name: string): Promise<Element> {
  for (let i = 0; i < 80; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (active && nameOf(active).startsWith(name)) return active;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('keyboard only', function () {
  this.timeout(90_000);

  it('a resident completes a procedure with the keyboard alone, enrolment included', async () => {
    const { url, tokens } = server!;
    const enrolment = await api('/v1/enrolments', tokens['registrar']!, {
      method: 'POST',
      body: JSON.stringify({ givenNames: 'Jan', surname: 'Nowak', pesel: '02070803628' }),
    });
    const { activationCode } = (await enrolment.json()) as { activationCode: string };
    // A browser without a certificate yet: the one from the test above is removed.
    const signing = await import('../signing/index.js');
    await signing.removeCredential();

    await useLang('pl');
    const outer = document.createElement('ebok-form') as EbokForm;
    outer.setAttribute('procedure', 'usc-odpis-aktu');
    outer.setAttribute('endpoint', url);
    document.body.append(outer);
    try {
      await until(() => shadow(outer).querySelector('ebok-usc-odpis-aktu'), 'the procedure element');
      const el = shadow(outer).querySelector('ebok-usc-odpis-aktu') as ProcedureForm;
      await until(() => shadow(el).querySelector('button.primary'), 'the start page');
      const label = (path: string): string => {
        let fields = (el.constructor as typeof ProcedureForm).model.fields;
        let found: (typeof fields)[number] | undefined;
        for (const name of path.split('/')) {
          found = fields.find((f) => f.name === name);
          fields = found?.fields ?? [];
        }
        return found!.label.pl;
      };
      const next = async (button: string): Promise<void> => {
        await tabTo(button);
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
      };

      await next('Rozpocznij');
      // A death record of a person not identified, asked for by a public body as the institution (no fee, no files).
      await tabTo('Akt urodzenia');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await tabTo('Odpis zupełny');
      await sendKeys({ press: 'Space' });
      await tabTo(label('copies'));
      await sendKeys({ type: '1' });
      await next('Dalej');
      expect(shadow(el).querySelector('.error-summary')).to.equal(null);

      await tabTo(label('person/surname'));
      await sendKeys({ type: 'NN' });
      await tabTo(label('person/eventDate'));
      await sendKeys({ type: '2026-03' });
      await tabTo(label('person/eventPlace'));
      await sendKeys({ type: 'Olsztyn' });
      await tabTo(label('person/unidentified'));
      await sendKeys({ press: 'Space' });
      await next('Dalej');
      expect(shadow(el).querySelector('.error-summary')).to.equal(null);

      await tabTo(label('relationship'));
      await sendKeys({ type: 'Organ a' });
      await tabTo(label('organisation/name'));
      await sendKeys({ type: 'Miejski Osrodek Pomocy Spolecznej' });
      await tabTo(label('organisation/address/street'));
      await sendKeys({ type: 'Westerplatte' });
      await tabTo(label('organisation/address/houseNumber'));
      await sendKeys({ type: '3' });
      await tabTo(label('organisation/address/postalCode'));
      await sendKeys({ type: '10-445' });
      await tabTo(label('organisation/address/town'));
      await sendKeys({ type: 'Olsztyn' });
      await tabTo(label('organisation/representative/givenNames'));
      await sendKeys({ type: 'Jan' });
      await tabTo(label('organisation/representative/surname'));
      await sendKeys({ type: 'Nowak' });
      await tabTo(label('organisation/representative/position'));
      await sendKeys({ type: 'Dyrektor' });
      await tabTo(label('organisation/representative/pesel'));
      await sendKeys({ type: '02070803628' });
      await tabTo(label('statutoryGrounds'));
      await sendKeys({ type: 'Sprawienie pogrzebu, art. 17 ust. 1 pkt 15 ustawy o pomocy spolecznej' });
      await next('Dalej');
      expect(shadow(el).querySelector('.error-summary')).to.equal(null);

      await tabTo('Odbiorę osobiście');
      await sendKeys({ press: 'Space' });
      await tabTo(label('feeExemption'));
      await sendKeys({ type: 'Art. 7 pkt 1 ustawy o opłacie skarbowej' });
      await next('Dalej');
      await until(() => shadow(el).querySelector('.summary'), 'check your answers');
      expect([...shadow(el).querySelectorAll('.summary')].map((d) => d.textContent).join(' ')).to.contain(
        '02070803628',
      );
      await next('Przejdź do podpisu');

      await until(() => shadow(el).querySelector('ebok-certificate')?.shadowRoot?.querySelector('form'), 'enrolment');
      await tabTo('Kod aktywacyjny');
      await sendKeys({ type: activationCode });
      await tabTo('Hasło do kopii zapasowej');
      await sendKeys({ type: 'klawiatura-2026' });
      await tabTo('Powtórz hasło');
      await sendKeys({ type: 'klawiatura-2026' });
      await tabTo('Uzyskaj certyfikat');
      await sendKeys({ press: 'Enter' });
      await until(() => shadow(el).querySelector('button.primary'), 'the sign button', 20_000);
      await next('Podpisz i wyślij');
      await until(() => shadow(el).querySelector('.panel'), 'the receipt', 20_000);
      expect(shadow(el).querySelector('.panel .number')!.textContent).to.match(/^RPW\/\d+\/\d{4}$/);
      // Focus moves to the confirmation, so a screen reader announces it.
      expect(deepActive()).to.equal(shadow(el).querySelector('.panel'));
    } finally {
      outer.remove();
    }
  });
});
