import { expect } from '@open-wc/testing';
import type { ProcedureForm } from './procedure-form.js';
import { mountProcedure, press, until, validExamples } from '../../test/helpers.js';

/** Whether the page has fetched a module of the journey (this test file has a page of its own). */
const fetched = (module: string): boolean =>
  performance
    .getEntriesByType('resource')
    .some((e) => new RegExp(`/form/${module}\\.(ts|js)$`).test(new URL(e.name).pathname));

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

describe('what comes before signing', () => {
  // The signing step then shows enrolment, its heading taking the focus (a certificate other test
  // files leave behind may not be the person this example names, and the step would say so first).
  before(async () => (await import('../signing/index.js')).removeCredential());

  it('loads "check your answers" at the last step, and signing, sending and the receipt at the signing step', async () => {
    const id = 'wso-wymeldowanie-stale';
    const example = (await validExamples())[id]!.find((e) => e.name === 'valid-self-pesel.json')!;
    const el = await mountProcedure<ProcedureForm>(id, 'pl', 'http://127.0.0.1:9/before-signing');
    try {
      el.value = example.data;
      await press(el, 'button.primary');
      for (const _ of (el.constructor as typeof ProcedureForm).model.steps) {
        expect(fetched('answers'), 'the answers before the last step').to.equal(false);
        await press(el, 'form button[type=submit]');
      }
      await until(() => shadow(el).querySelector('.summary'), 'check your answers');
      for (const module of ['sign-step', 'submit', 'receipt', 'departments'])
        expect(fetched(module), `${module} on "check your answers"`).to.equal(false);

      await press(el, 'button.primary');
      // The signing step's heading takes the focus once its code has come.
      await until(() => shadow(el).activeElement?.matches('h2'), "the signing step's heading to take the focus");
      expect(shadow(el).querySelector('h2')?.textContent).to.equal('Podpisz i wyślij wniosek');
      expect(fetched('sign-step')).to.equal(true);
    } finally {
      el.remove();
    }
  });
});
