// "Where is my application?" against the real intake server: a resident files applications
// signed in this browser, the office acts on them, and the list shows where each stands, in
// three languages under axe and with the keyboard alone; the same list after a backup (.p12)
// is restored into an empty store, none of it for another resident's certificate. An application
// and its receipt download again as the very files filed, and not for another's certificate.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './ebok-applications.js';
import type { EbokApplications } from './ebok-applications.js';
import { backupFile, enrolWithCode, restoreBackup } from '../certificate/credentials.js';
import { useLang } from '../localization.js';
import * as signing from '../signing/index.js';
import { expectAccessible, until, validExamples } from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;
const PROCEDURE = 'wgn-informacja-egib';
const PASSWORD = 'kopia-zapasowa-1';

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const text = (el: Element): string => shadow(el).textContent!.replace(/\s+/g, ' ');
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function api(path: string, token: string | undefined, json?: unknown): Promise<Response> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(json !== undefined && { 'content-type': 'application/json' }),
    },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
}
const registrar = () => server.tokens['registrar'];
const department = (code: string) => server.tokens[`department:${code}`];

/** A resident's certificate got in this browser, as <ebok-certificate> gets it (with its backup). */
async function enrol(givenNames: string, surname: string, pesel: string): Promise<void> {
  await signing.removeCredential();
  const res = await api('/v1/enrolments', registrar(), { givenNames, surname, pesel });
  const { activationCode } = (await res.json()) as { activationCode: string };
  await enrolWithCode(server.url, activationCode, PASSWORD, 'pl');
}

/** What was filed, by register number: the signed document's text and its signature. */
const filed = new Map<string, { document: string; signature: Uint8Array }>();

/** An application signed with the certificate in this browser and filed; its register number. */
async function file(): Promise<string> {
  const example = (await validExamples())[PROCEDURE]!.find((e) => e.name === 'valid-owner-land-extract-paper.json')!;
  const loaded = (await signing.loadCredential())!;
  const signed = await signing.signDocument(
    {
      procedure: PROCEDURE,
      schemaVersion: '1.0.0',
      data: example.data,
      attachments: [],
      submittedAt: new Date().toISOString(),
      nonce: crypto.randomUUID(),
    } as signing.SubmissionDocument,
    loaded.credential,
  );
  const body = new FormData();
  body.append('document', new Blob([signed.document], { type: 'application/json' }), 'document.json');
  body.append('signature', new Blob([signed.signature as BlobPart], { type: 'application/pkcs7-signature' }), 'd.p7s');
  const res = await fetch(`${server.url}/v1/submissions`, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
  if (res.status !== 201) throw new Error(`submission: ${res.status} ${await res.text()}`);
  const { registryNumber } = (await res.json()) as { registryNumber: string };
  filed.set(registryNumber, { document: signed.document, signature: signed.signature });
  return registryNumber;
}

/** The office assigns it to WGN, which accepts it and opens a case; the case's number. */
async function openCase(number: string, code = 'WGN'): Promise<string> {
  const item = encodeURIComponent(number);
  await api(`/v1/register/${item}/assignment`, registrar(), { department: 'WGN', deadline: inDays(10) });
  if (code !== 'WGN')
    await api(`/v1/departments/WGN/documents/${item}/forwarding`, department('WGN'), {
      to: code,
      reason: 'sprawa wydziału obok',
    });
  await api(`/v1/departments/${code}/documents/${item}/acceptance`, department(code));
  const opened = await api('/v1/cases', department(code), { registryNumber: number, officer: 'Anna Referentka' });
  return ((await opened.json()) as { caseNumber: string }).caseNumber;
}

async function mount(): Promise<EbokApplications> {
  const el = document.createElement('ebok-applications');
  el.setAttribute('endpoint', server.url);
  document.body.append(el);
  await until(() => shadow(el).querySelector('.applications, p:not(.letter), ebok-certificate'), 'the list');
  await until(() => !text(el).includes('Sprawdzanie wniosków'), 'the answer', 15_000);
  return el;
}

// One resident's applications, filed once: registered; forwarded to WSO and extended (art. 36); waiting for the resident.
let numbers: { registered: string; extended: string; waiting: string; caseNumber: string };
let backup: Uint8Array;

describe('<ebok-applications>', function () {
  this.timeout(120_000);

  before(async () => {
    await useLang('pl');
    await enrol('Anna Maria', 'Kowalska', '44051401359');
    backup = new Uint8Array(await (await backupFile())!.arrayBuffer());
    const registered = await file();
    const extended = await file();
    const waiting = await file();
    const caseNumber = await openCase(extended, 'WSO');
    await api(`/v1/cases/${caseNumber}/events`, department('WSO'), {
      type: 'extended',
      reason: 'Potrzebna opinia biegłego',
      until: inDays(90),
      inform: true,
    });
    const waitingCase = await openCase(waiting);
    await api(`/v1/cases/${waitingCase}/events`, department('WGN'), {
      type: 'waiting-for-resident',
      reason: 'Proszę dołączyć pełnomocnictwo',
      inform: true,
    });
    numbers = { registered, extended, waiting, caseNumber };
  });
  afterEach(() => useLang('pl'));

  it('lists where each application stands, with its notices and timeline, in pl, en and uk under axe', async () => {
    const el = await mount();
    try {
      const all = text(el);
      for (const n of [numbers.registered, numbers.extended, numbers.waiting]) expect(all).to.contain(n);
      expect(all).to.contain('Wpłynął do urzędu i jest w rejestrze');
      expect(all).to.contain('Termin załatwienia przedłużony');
      expect(all).to.contain(numbers.caseNumber);
      expect(all).to.contain('Przekazany do: Wydział Spraw Obywatelskich');
      expect(all).to.contain('Potrzebna opinia biegłego');
      expect(all).to.contain('Urząd czeka na Ciebie');
      expect(all).to.contain('Proszę dołączyć pełnomocnictwo');
      // Named as the catalogue names the procedure.
      const catalogue = (await (await fetch(`${server.url}/v1/procedures`)).json()) as Array<{
        id: string;
        title: { pl: string };
      }>;
      const title = catalogue.find((p) => p.id === PROCEDURE)!.title.pl;
      expect(shadow(el).querySelector('.application h3')!.textContent!.trim()).to.equal(title);
      expect(all).not.to.contain('Anna Referentka');
      expect(all).not.to.contain('sprawa wydziału obok');
      const letter = shadow(el).querySelector('details .letter')!;
      expect(letter.textContent).to.contain('art. 36 § 1');

      const extendedItem = [...shadow(el).querySelectorAll('.application')].find((li) =>
        li.textContent!.includes(numbers.extended),
      )!;
      const toggle = extendedItem.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const timeline = shadow(el).getElementById(toggle.getAttribute('aria-controls')!)!;
      expect(timeline.querySelectorAll('li').length).to.be.greaterThan(1);
      expect(timeline.textContent).to.contain('Wniosek wpłynął do urzędu');

      const words = {
        pl: ['Numer w rejestrze', 'Ukryj historię wniosku'],
        en: ['Register number', 'Hide the application’s history'],
        uk: ['Номер у реєстрі', 'Сховати історію заяви'],
      } as const;
      for (const lang of ['pl', 'en', 'uk'] as const) {
        await useLang(lang);
        await el.updateComplete;
        for (const w of words[lang]) expect(text(el), lang).to.contain(w);
        await expectAccessible(el, `with a timeline open (${lang})`);
      }
    } finally {
      el.remove();
    }
  });

  it('works with the keyboard alone: a timeline opens and closes, the list is asked again', async () => {
    const el = await mount();
    try {
      const deepActive = (): Element | null => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active;
      };
      const tabTo = async (name: string): Promise<Element> => {
        for (let i = 0; i < 40; i++) {
          await sendKeys({ press: 'Tab' });
          const active = deepActive();
          if (active?.textContent?.replace(/\s+/g, ' ').trim().startsWith(name)) return active;
        }
        throw new Error(`Tab never reached "${name}"`);
      };
      const first = await tabTo('Pokaż historię wniosku');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(first.getAttribute('aria-expanded')).to.equal('true');
      expect(shadow(el).querySelector('.timeline')).to.exist;
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(first.getAttribute('aria-expanded')).to.equal('false');
      await tabTo('Zawiadomienie o przedłużeniu terminu');
      await sendKeys({ press: 'Enter' });
      expect(shadow(el).querySelector('details')!.open).to.equal(true);
      await tabTo('Sprawdź ponownie');
      await sendKeys({ press: 'Enter' });
      await until(() => text(el).includes('Lista wniosków jest aktualna'), 'the list asked again');
      expect(text(el)).to.contain(numbers.extended);
    } finally {
      el.remove();
    }
  });

  it('shows the same applications after the backup (.p12) is restored into an empty store', async () => {
    await signing.removeCredential();
    await restoreBackup(backup, PASSWORD);
    const el = await mount();
    try {
      for (const n of [numbers.registered, numbers.extended, numbers.waiting]) expect(text(el)).to.contain(n);
    } finally {
      el.remove();
    }
  });

  it('downloads an application and its receipt again: the files the receipt page names, the very text filed, under axe', async () => {
    const el = await mount();
    try {
      const item = [...shadow(el).querySelectorAll('.application')].find((li) =>
        li.textContent!.includes(numbers.registered),
      )!;
      const button = [...item.querySelectorAll('button')].find((b) =>
        b.textContent!.includes('Pobierz wniosek i UPO'),
      )!;
      button.click();
      await el.updateComplete;
      expect(item.querySelector('.downloads')!.getAttribute('aria-busy')).to.equal('true');
      expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain('Pobieranie wniosku i UPO…');
      await until(() => item.querySelector('.files a'), 'the files', 15_000);
      expect(item.querySelector('.downloads')!.getAttribute('aria-busy')).to.equal('false');
      expect(shadow(el).querySelector('[role=status]')!.textContent).to.contain(
        'Wniosek i UPO są gotowe do zapisania.',
      );
      const links = [...item.querySelectorAll<HTMLAnchorElement>('.files a')];
      const n = numbers.registered.replace(/[^A-Za-z0-9]+/g, '-');
      expect(links.map((a) => a.getAttribute('download'))).to.deep.equal([
        `wniosek-${n}.json`,
        `wniosek-${n}.p7s`,
        `upo-${n}.json`,
        `upo-${n}.p7s`,
      ]);
      const bytes = async (a: HTMLAnchorElement) => new Uint8Array(await (await fetch(a.href)).arrayBuffer());
      const sent = filed.get(numbers.registered)!;
      expect(await (await fetch(links[0]!.href)).text()).to.equal(sent.document);
      expect(await bytes(links[1]!)).to.deep.equal(sent.signature);
      const upo = JSON.parse(await (await fetch(links[2]!.href)).text()) as Record<string, unknown>;
      expect(upo).to.include({ type: 'ebok-receipt', registryNumber: numbers.registered });
      expect((await bytes(links[3]!)).length).to.be.greaterThan(100);
      await expectAccessible(el, 'with the files to download');
    } finally {
      el.remove();
    }
  });

  it("shows none of them to another resident's certificate", async () => {
    await enrol('Piotr', 'Nowak', '85071012343');
    const el = await mount();
    try {
      expect(text(el)).to.contain('Nie ma wniosków podpisanych tym certyfikatem.');
      for (const n of [numbers.registered, numbers.extended, numbers.waiting]) expect(text(el)).not.to.contain(n);
      await expectAccessible(el, 'with no applications');
    } finally {
      el.remove();
    }
  });

  it("refuses another resident's certificate an application kept on the page, in an alert, with the keyboard alone", async () => {
    // The other resident's certificate is in this browser; the page shows a list kept earlier.
    const el = document.createElement('ebok-applications');
    el.setAttribute('endpoint', server.url);
    el.applications = [
      {
        registryNumber: numbers.registered,
        procedure: { id: PROCEDURE, version: '1.0.0' },
        receivedAt: new Date().toISOString(),
        department: 'WGN',
        status: 'registered',
        statusAt: new Date().toISOString(),
        notices: [],
      },
    ];
    document.body.append(el);
    try {
      await until(() => shadow(el).querySelector('.downloads button'), 'the list');
      shadow(el).querySelector<HTMLButtonElement>('.downloads button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => shadow(el).querySelector('.downloads [role=alert]'), 'the refusal', 15_000);
      expect(shadow(el).querySelector('.downloads [role=alert]')!.textContent).to.contain('Nie znaleziono.');
      expect(shadow(el).querySelector('.files')).to.equal(null);
      await expectAccessible(el, 'with a download refused');
    } finally {
      el.remove();
    }
  });

  it('offers <ebok-certificate> without a certificate, and lists once one is restored there', async () => {
    await signing.removeCredential();
    const el = await mount();
    try {
      const certificate = shadow(el).querySelector('ebok-certificate')!;
      expect(certificate).to.exist;
      await until(() => certificate.shadowRoot?.querySelector('h3'), 'the enrolment view');
      await expectAccessible(el, 'without a certificate');
      await restoreBackup(backup, PASSWORD);
      // As <ebok-certificate> tells the page when it restores one.
      certificate.dispatchEvent(new Event('ebok-certificate-change', { bubbles: true, composed: true }));
      await until(() => text(el).includes(numbers.extended), 'the list after the restore', 15_000);
      // The certificate's form is gone: the first application's heading has the focus.
      await until(() => shadow(el).activeElement?.matches('h3'), 'the focus on the list');
    } finally {
      el.remove();
    }
  });
});
