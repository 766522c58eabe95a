import { expect } from '@open-wc/testing';
import { catalogue } from '@ebok/schemas';
import { procedureModules, procedureTags } from '../generated/elements/index.js';
import { useLang } from '../localization.js';
import type { ProcedureForm } from './procedure-form.js';
import {
  expectAccessible,
  expectSame,
  sampleFile,
  until,
  validExamples,
  type ValidExample,
  press,
} from '../../test/helpers.js';

const examples = await validExamples();
const LANGS = ['pl', 'en', 'uk'] as const;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const heading = (el: Element): string => shadow(el).querySelector('h2')?.textContent?.trim() ?? '';
const errorSummary = (el: Element): string =>
  shadow(el).querySelector('.error-summary')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function mount(id: string, lang: string, endpoint: string): Promise<ProcedureForm> {
  await procedureModules[id]!();
  await useLang(lang as 'pl');
  const el = document.createElement(procedureTags[id]!) as ProcedureForm;
  el.setAttribute('lang', lang);
  el.setAttribute('endpoint', endpoint);
  document.body.append(el);
  const title = catalogue.find((p) => p.id === id)!.title[lang as 'pl'];
  await until(() => shadow(el).querySelector('.caption')?.textContent?.trim() === title, `the ${lang} title of ${id}`);
  return el;
}

/** Attaches a generated file for each attachment the example lists on this step, as a resident would. */
async function attach(el: ProcedureForm, example: ValidExample): Promise<void> {
  for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
    const ref = example.attachments?.find((a) => a.name === field.getAttribute('name'));
    if (!ref) continue;
    field.value = await sampleFile(`${ref.name}.pdf`, ref.mediaType);
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

describe('every procedure, every step, in every language', () => {
  // The signing step then shows enrolment (other test files may leave a certificate behind).
  before(async () => (await import('../signing/index.js')).removeCredential());

  for (const id of Object.keys(procedureTags)) {
    for (const lang of LANGS) {
      it(`${id} (${lang}): passes WCAG 2.1 AA at every step and takes a valid example through`, async () => {
        const example = examples[id]![0]!;
        const el = await mount(id, lang, `http://127.0.0.1:9/${lang}`);
        try {
          el.value = example.data;
          await el.updateComplete;
          await expectAccessible(el, `on the start page of ${id}`);
          await press(el, 'button.primary');
          const steps = (el.constructor as typeof ProcedureForm).model.steps;
          for (const step of steps) {
            expect(heading(el)).to.equal(step.title[lang]);
            await expectAccessible(el, `on step ${step.id} of ${id}`);
            await attach(el, example);
            await press(el, 'form button[type=submit]');
            expect(errorSummary(el), `errors on step ${step.id}`).to.equal('');
          }
          // The answers' code comes when the last step is reached: it may still be on its way.
          await until(() => shadow(el).querySelector('.summary'), 'check your answers');
          await expectAccessible(el, `on "check your answers" of ${id}`);
          await press(el, 'button.primary');
          if ((el.constructor as typeof ProcedureForm).model.procedure.signatures?.includes('city')) {
            await until(
              () => shadow(el).querySelector('ebok-certificate')?.shadowRoot?.querySelector('h3'),
              'enrolment',
            );
          } else {
            // Only the signatures the law names (residence): signing with a file, said, not offered as a choice.
            await until(() => shadow(el).querySelector('#signed-file'), 'signing with a file');
            expect(shadow(el).querySelector('input[name=sign-way]')).to.equal(null);
            expect(shadow(el).querySelector('.sign-file-steps')?.previousElementSibling?.textContent).to.contain(
              ({ pl: 'podpisem zaufanym', en: 'podpis zaufany', uk: 'podpis zaufany' } as const)[lang],
            );
          }
          if ((el.constructor as typeof ProcedureForm).model.procedure.channel?.kind === 'elsewhere') {
            expect(heading(el), 'a notice of a visit is signed, not the application').to.equal(
              (
                {
                  pl: 'Podpisz i wyślij zgłoszenie wizyty',
                  en: 'Sign and send the notice of your visit',
                  uk: 'Підпишіть і надішліть повідомлення про візит',
                } as const
              )[lang],
            );
          }
          await expectAccessible(el, `on the signing step of ${id}`);
        } finally {
          el.remove();
        }
      });
    }
  }
});

describe('the journey', () => {
  it('shows an error summary that takes focus and links each error to its field', async () => {
    const el = await mount('wgn-numer-porzadkowy', 'pl', 'http://127.0.0.1:9/summary');
    try {
      await press(el, 'button.primary');
      await press(el, 'form button[type=submit]');
      const summary = shadow(el).querySelector<HTMLElement>('.error-summary');
      expect(summary).to.exist;
      await until(() => shadow(el).activeElement === summary, 'the summary to take focus');
      const links = summary!.querySelectorAll<HTMLButtonElement>('button.link');
      expect(links.length).to.be.greaterThan(1);
      links[0]!.click();
      const first = shadow(el).querySelector('.fields > [id]');
      expectSame(shadow(el).activeElement, first, 'focus');
      // The same error is shown next to its field.
      expect((first as HTMLElement & { error: string }).error).to.not.equal('');
    } finally {
      el.remove();
    }
  });

  it("gives a schema's own message in the resident's language, loaded with the form's texts", async () => {
    const el = await mount('wgn-numer-porzadkowy', 'en', 'http://127.0.0.1:9/own-message');
    try {
      el.value = { ...examples['wgn-numer-porzadkowy']![0]!.data, parcelNumbers: ['28/a'] };
      await press(el, 'button.primary');
      await press(el, 'form button[type=submit]');
      expect(errorSummary(el)).to.contain('A parcel number is a number, optionally followed by a slash');
    } finally {
      el.remove();
    }
  });

  it('does not submit a field its condition hides', async () => {
    const el = await mount('wgn-numer-porzadkowy', 'pl', 'http://127.0.0.1:9/hidden');
    try {
      const data = { ...examples['wgn-numer-porzadkowy']![0]!.data, buildingUse: 'inny', buildingUseOther: 'garaż' };
      el.value = data;
      expect((el.value as Record<string, unknown>)['buildingUseOther']).to.equal('garaż');
      el.value = { ...data, buildingUse: 'mieszkalny-jednorodzinny' };
      expect(el.value as Record<string, unknown>).to.not.have.property('buildingUseOther');
      expect((el.value as Record<string, unknown>)['buildingUse']).to.equal('mieszkalny-jednorodzinny');
    } finally {
      el.remove();
    }
  });

  it('keeps the answers in the browser: a new page offers to continue where the resident left off', async () => {
    const endpoint = 'http://127.0.0.1:9/draft';
    const first = await mount('usc-odpis-aktu', 'pl', endpoint);
    const data = examples['usc-odpis-aktu']![0]!.data;
    await press(first, 'button.primary');
    first.value = data;
    // Saved shortly after it changes.
    await new Promise((r) => setTimeout(r, 700));
    first.remove();

    const second = await mount('usc-odpis-aktu', 'pl', endpoint);
    try {
      await until(() => shadow(second).querySelectorAll('.actions button').length === 2, 'the offer to continue');
      await press(second, 'button.primary');
      expect(second.value).to.deep.equal(first.value);
      expect(heading(second)).to.equal((second.constructor as typeof ProcedureForm).model.steps[0]!.title.pl);
    } finally {
      second.remove();
    }
  });

  it('shows a receipt it is given: number, department, and the receipt and its signature to download', async () => {
    const el = await mount('usc-odpis-aktu', 'pl', 'http://127.0.0.1:9/receipt');
    try {
      el.showReceipt({
        registryNumber: 'RPW/17/2026',
        receivedAt: '2026-03-02T09:30:00Z',
        procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
        department: 'USC',
        documentSha256: 'ab'.repeat(32),
        receipt: { document: '{"registryNumber":"RPW/17/2026"}', signature: btoa('not a real signature') },
      });
      await until(() => shadow(el).querySelector('.number'), 'the receipt');
      expect(shadow(el).querySelector('.number')?.textContent).to.equal('RPW/17/2026');
      expect(shadow(el).textContent).to.contain('Urząd Stanu Cywilnego');
      const downloads = [...shadow(el).querySelectorAll('a[download]')].map((a) => a.getAttribute('download'));
      expect(downloads).to.deep.equal(['upo-RPW-17-2026.json', 'upo-RPW-17-2026.p7s']);
      expectSame(shadow(el).activeElement, shadow(el).querySelector('.panel'), 'focus');
      await expectAccessible(el, 'on a receipt shown again');
    } finally {
      el.remove();
    }
  });

  it('says plainly, for an application the law has filed elsewhere, where it is filed: at the start, when signing, on the receipt', async () => {
    const el = await mount('wso-ceidg-wpis', 'pl', 'http://127.0.0.1:9/elsewhere');
    try {
      const link = (): string | null | undefined => shadow(el).querySelector('.notice a')?.getAttribute('href');
      expect(shadow(el).querySelector('.notice h3')?.textContent).to.equal('Tego wniosku nie złożysz tutaj');
      expect(link()).to.equal('https://www.biznes.gov.pl/');
      el.showReceipt({
        registryNumber: 'RPW/18/2026',
        receivedAt: '2026-03-02T09:30:00Z',
        procedure: { id: 'wso-ceidg-wpis', version: '1.0.0' },
        department: 'WSO',
        documentSha256: 'ab'.repeat(32),
        receipt: { document: '{"registryNumber":"RPW/18/2026"}', signature: btoa('not a real signature') },
      });
      await until(() => shadow(el).querySelector('.number'), 'the receipt');
      expect(heading(el)).to.equal('Urząd otrzymał zgłoszenie wizyty');
      expect(shadow(el).textContent).to.contain('Wniosek nie został jeszcze złożony.');
      expect([...shadow(el).querySelectorAll('a:not([download])')].map((a) => a.getAttribute('href'))).to.include(
        'https://www.biznes.gov.pl/',
      );
      await expectAccessible(el, 'on the receipt of a notice of a visit');
    } finally {
      el.remove();
    }
  });

  it('switches language without losing what was typed', async () => {
    const el = await mount('usc-odpis-aktu', 'pl', 'http://127.0.0.1:9/switch');
    try {
      el.value = examples['usc-odpis-aktu']![0]!.data;
      await press(el, 'button.primary');
      const before = el.value;
      el.setAttribute('lang', 'uk');
      const step = (el.constructor as typeof ProcedureForm).model.steps[0]!;
      await until(() => heading(el) === step.title.uk, 'the Ukrainian step title');
      expect(el.value).to.deep.equal(before);
    } finally {
      el.remove();
      await useLang('pl');
    }
  });
});
