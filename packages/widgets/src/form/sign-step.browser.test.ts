// The signing step against the real intake server: a certificate that is not the person the form
// names as its signer is caught before signing (the server would refuse it), with a way back to the
// field to correct; the right person's certificate signs, and the office registers the application.
import { expect } from '@open-wc/testing';
import { expectedSigner, type BrowserFormModel } from '@ebok/forms-core/runtime/base';
import { catalogue } from '@ebok/schemas';
import { createCertificateRequest, generateResidentKeys } from '@ebok/forms-core/resident';
import { procedureModules, procedureTags } from '../generated/elements/index.js';
import { useLang } from '../localization.js';
import * as signing from '../signing/index.js';
import { getAt, submittable, type JsonObject } from './data.js';
import type { ProcedureForm } from './procedure-form.js';
import {
  expectAccessible,
  expectSame,
  mountProcedure,
  press,
  sampleFile,
  until,
  validExamples,
  type ValidExample,
} from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;
const examples = await validExamples();

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const heading = (el: Element): string => shadow(el).querySelector('h2')?.textContent?.trim() ?? '';
const textOf = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttonNamed = (el: Element, name: string): HTMLButtonElement | undefined =>
  [...shadow(el).querySelectorAll('button')].find((b) => textOf(b) === name);

/** Whoever's PESEL it is, a certificate for it in this browser (the intake server issues it). */
async function certificateFor(pesel: string, givenNames: string, surname: string): Promise<void> {
  const enrolment = await fetch(`${server.url}/v1/enrolments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens['registrar']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ givenNames, surname, pesel }),
  });
  expect(enrolment.status, 'enrolment').to.equal(201);
  const { activationCode } = (await enrolment.json()) as { activationCode: string };
  const keys = await generateResidentKeys();
  const issued = await fetch(`${server.url}/v1/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ activationCode, csr: await createCertificateRequest(keys) }),
  });
  expect(issued.status, 'the certificate').to.equal(201);
  const { certificate } = (await issued.json()) as { certificate: string };
  const certificateDer = Uint8Array.from(atob(certificate.replace(/-----[A-Z ]+-----|\s/g, '')), (c) =>
    c.charCodeAt(0),
  );
  await signing.removeCredential();
  await signing.saveCredential({ privateKey: keys.privateKey, certificateDer, savedAt: new Date().toISOString() });
}

/** A procedure and one of its valid examples whose signer is a proxy with a PESEL, as the data names them. */
interface Case {
  readonly id: string;
  readonly example: ValidExample;
  readonly model: BrowserFormModel;
  readonly pesel: string;
  /** The proxy's names, as the data gives them. */
  readonly givenNames: string;
  readonly surname: string;
}

async function proxyCase(): Promise<Case> {
  // A short procedure first; any other whose examples have such a proxy will do, if the city's
  // certificate may sign it (the residence act, for one, names only the three statutory signatures).
  const ids = ['wap-wypis-wyrys-mpzp', ...Object.keys(procedureTags).filter((id) => id !== 'wap-wypis-wyrys-mpzp')];
  for (const id of ids) {
    await procedureModules[id]!();
    const model = (customElements.get(procedureTags[id]!) as unknown as typeof ProcedureForm).model;
    if (!model.procedure.signatures?.includes('city')) continue;
    for (const example of examples[id] ?? []) {
      const data = submittable(model.fields, example.data as JsonObject);
      const signer = expectedSigner(data, model.procedure.signers ?? []);
      if (signer?.pointer !== '/proxy' || !signer.identifier?.startsWith('PNOPL-')) continue;
      const { givenNames, surname } = getAt(data, '/proxy') as { givenNames: string; surname: string };
      return { id, example, model, pesel: signer.identifier.slice('PNOPL-'.length), givenNames, surname };
    }
  }
  throw new Error('no valid example is signed by a proxy with a PESEL');
}

/** A valid PESEL that is not `pesel`. */
const otherPesel = (pesel: string): string => ['44051401359', '02070803628'].find((p) => p !== pesel)!;

/** Fills the procedure with the example, step by step as a resident would, up to the signing step. */
async function toSigning(el: ProcedureForm, example: ValidExample): Promise<void> {
  el.value = example.data;
  await press(el, 'button.primary');
  for (const step of (el.constructor as typeof ProcedureForm).model.steps) {
    for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
      const ref = example.attachments?.find((a) => a.name === field.getAttribute('name'));
      if (!ref) continue;
      field.value = await sampleFile(`${ref.name}.pdf`, ref.mediaType);
      field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
    await press(el, 'form button[type=submit]');
    expect(textOf(shadow(el).querySelector('.error-summary')), `errors on step ${step.id}`).to.equal('');
  }
  await until(() => shadow(el).querySelector('.summary'), 'check your answers');
  await press(el, 'button.primary');
}

const problemOf = (el: Element): HTMLElement | null => shadow(el).querySelector<HTMLElement>('.signer-problem');

describe('the signing step checks the certificate against the person the form names', function () {
  this.timeout(60_000);
  let proxy: Case;

  before(async () => {
    await useLang('pl');
    proxy = await proxyCase();
  });
  after(() => signing.removeCredential());

  it('says so accessibly when the certificate is not that person', async () => {
    await certificateFor(otherPesel(proxy.pesel), 'Anna', 'Testowa');
    const el = await mountProcedure<ProcedureForm>(proxy.id, 'pl', `${server.url}/axe`);
    try {
      await toSigning(el, proxy.example);
      await until(() => problemOf(el), 'the signer problem');
      await expect(el).to.be.accessible();
      await expectAccessible(el, 'with the signer problem');
    } finally {
      el.remove();
    }
  });

  it('names both people and the role, takes the focus, and offers no signing', async () => {
    const other = otherPesel(proxy.pesel);
    await certificateFor(other, 'Anna', 'Testowa');
    const el = await mountProcedure<ProcedureForm>(proxy.id, 'pl', `${server.url}/mismatch`);
    try {
      await toSigning(el, proxy.example);
      await until(() => problemOf(el), 'the signer problem');
      const problem = problemOf(el)!;
      expect(problem.getAttribute('role')).to.equal('alert');
      expect(textOf(problem.querySelector('h3'))).to.equal('Certyfikat nie pasuje do wniosku');
      expect(textOf(problem.querySelector('p'))).to.equal(
        `Certyfikat w tej przeglądarce należy do: Anna Testowa (PESEL ${other}). ` +
          `Wniosek musi podpisać osoba wskazana jako pełnomocnik: ${proxy.givenNames} ${proxy.surname} (PESEL ${proxy.pesel}). ` +
          'Zmień dane tej osoby we wniosku albo podpisz wniosek jej certyfikatem.',
      );
      await until(() => shadow(el).activeElement === problem, 'the summary to take the focus');
      expect(buttonNamed(el, 'Podpisz i wyślij'), 'the sign button').to.equal(undefined);
      expect(shadow(el).querySelector('button.primary'), 'any main button').to.equal(null);
      // The certificate is shown, so the right person's can be loaded in its place.
      expect(shadow(el).querySelector('ebok-certificate')).to.exist;
    } finally {
      el.remove();
    }
  });

  it("takes the resident to the proxy's PESEL, and signs once the answers name the certificate's holder", async () => {
    const other = otherPesel(proxy.pesel);
    await certificateFor(other, 'Anna', 'Testowa');
    const el = await mountProcedure<ProcedureForm>(proxy.id, 'pl', `${server.url}/change`);
    try {
      await toSigning(el, proxy.example);
      await until(() => problemOf(el), 'the signer problem');
      const link = buttonNamed(el, 'Zmień dane osoby wskazanej jako pełnomocnik');
      expect(link, 'the link to the field').to.exist;
      link!.click();
      const step = proxy.model.steps.find((s) => s.fields.includes('proxy'))!;
      await until(() => heading(el) === step.title.pl, 'the step with the proxy');
      const field = shadow(el).querySelector<HTMLElement & { value: string }>('#f_proxy_pesel')!;
      await until(() => shadow(el).activeElement === field, "the proxy's PESEL to take the focus");
      expectSame(field.shadowRoot!.activeElement, field.shadowRoot!.querySelector('input'), 'focus in the field');
      expect(textOf(shadow(el).querySelector('form button[type=submit]'))).to.equal('Zapisz i wróć do podsumowania');

      // The resident corrects the proxy's PESEL to the certificate's and comes back to sign.
      field.value = other;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      await press(el, 'form button[type=submit]');
      await until(() => shadow(el).querySelector('.summary'), 'check your answers');
      await press(el, 'button.primary');
      await until(() => buttonNamed(el, 'Podpisz i wyślij'), 'the sign button');
      expect(problemOf(el)).to.equal(null);
    } finally {
      el.remove();
    }
  });

  it('signs and sends with the certificate of the person the form names: the office registers it', async () => {
    await certificateFor(proxy.pesel, proxy.givenNames, proxy.surname);
    const el = await mountProcedure<ProcedureForm>(proxy.id, 'pl', server.url);
    try {
      await toSigning(el, proxy.example);
      await until(() => buttonNamed(el, 'Podpisz i wyślij'), 'the sign button');
      expect(problemOf(el)).to.equal(null);
      expect(textOf(shadow(el).querySelector('p'))).to.contain(
        `Podpiszesz wniosek certyfikatem wydanym dla: ${proxy.givenNames} ${proxy.surname}`,
      );
      buttonNamed(el, 'Podpisz i wyślij')!.click();
      await until(() => shadow(el).querySelector('.panel'), 'the receipt', 30_000);
      expect(textOf(shadow(el).querySelector('.panel .number'))).to.match(/^RPW\/\d+\/\d{4}$/);
    } finally {
      el.remove();
    }
  });

  it('says it in English and Ukrainian, with the role from the form', async () => {
    await certificateFor(otherPesel(proxy.pesel), 'Anna', 'Testowa');
    try {
      for (const [lang, expected] of [
        ['en', 'must be signed by the person named as proxy:'],
        ['uk', 'має підписати особа, зазначена як довірена особа:'],
      ] as const) {
        await useLang(lang);
        const el = await mountProcedure<ProcedureForm>(proxy.id, lang, `${server.url}/${lang}`);
        try {
          // The form's own texts (the role's label among them) come when the language is chosen.
          const title = catalogue.find((p) => p.id === proxy.id)!.title[lang];
          await until(() => textOf(shadow(el).querySelector('.caption')) === title, `the ${lang} title`);
          await toSigning(el, proxy.example);
          await until(() => problemOf(el), 'the signer problem');
          expect(textOf(problemOf(el))).to.contain(expected);
          await expectAccessible(el, `with the signer problem (${lang})`);
        } finally {
          el.remove();
        }
      }
    } finally {
      await useLang('pl');
    }
  });
});
