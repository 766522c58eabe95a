import { expect } from '@open-wc/testing';
import { checkViews, signViews, type LaterCode } from './later-views.js';
import type { ProcedureForm } from './procedure-form.js';
import { expectAccessible, mountProcedure, press, until, validExamples } from '../../test/helpers.js';

// A page of its own: neither "check your answers" nor the signing step's code has come yet.

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const heading = (el: Element): string => shadow(el).querySelector('h2')?.textContent?.trim() ?? '';
const text = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * The connection as the later code sees it: while it is down, every load fails as a dynamic
 * import does when the connection drops; once it is back, the code loads as it always does.
 */
let online = true;
const loads = new Map<LaterCode<unknown>, LaterCode<unknown>['load']>();

const TEXTS = {
  pl: [
    'Nie udało się wczytać tej części formularza. Sprawdź połączenie z internetem i spróbuj ponownie.',
    'Spróbuj ponownie',
  ],
  en: ['This part of the form could not be loaded. Check your internet connection and try again.', 'Try again'],
  uk: [
    "Не вдалося завантажити цю частину форми. Перевірте з'єднання з інтернетом і спробуйте ще раз.",
    'Спробувати ще раз',
  ],
} as const;

/** The page says the code did not come, offers to try again, takes the focus and passes axe. */
async function expectLoadFailed(el: ProcedureForm, lang: keyof typeof TEXTS, where: string): Promise<void> {
  await until(() => shadow(el).querySelector('.load-failed'), `the message that ${where} did not load`);
  const box = shadow(el).querySelector<HTMLElement>('.load-failed')!;
  expect(box.getAttribute('role')).to.equal('alert');
  await until(() => text(box.querySelector('p')) === TEXTS[lang][0], `the ${lang} message on ${where}`);
  expect(text(box.querySelector('button'))).to.equal(TEXTS[lang][1]);
  await until(() => shadow(el).activeElement === box, `the message on ${where} to take the focus`);
  await expectAccessible(el, `on ${where} whose code did not load (${lang})`);
}

describe('a page whose code does not come (a dropped connection)', () => {
  before(() => {
    for (const code of [checkViews, signViews] as LaterCode<unknown>[]) {
      const load = code.load.bind(code);
      loads.set(code, code.load);
      code.load = () =>
        online ? load() : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    }
  });
  after(() => {
    for (const [code, load] of loads) code.load = load;
    online = true;
  });

  it('says so in the form’s language, offers to try again, and then shows the page with the focus where it goes', async () => {
    const id = 'wso-wymeldowanie-stale';
    const example = (await validExamples())[id]!.find((e) => e.name === 'valid-self-pesel.json')!;
    const el = await mountProcedure<ProcedureForm>(id, 'pl', 'http://127.0.0.1:9/load-retry');
    try {
      el.value = example.data;
      const answers = el.value;
      online = false;
      await press(el, 'button.primary');
      const steps = (el.constructor as typeof ProcedureForm).model.steps;
      for (const _ of steps) await press(el, 'form button[type=submit]');

      // "Check your answers" without its list: the message in each language, and a way back.
      expect(heading(el)).to.equal('Sprawdź odpowiedzi przed wysłaniem');
      await expectLoadFailed(el, 'pl', '"check your answers"');
      for (const lang of ['en', 'uk', 'pl'] as const) {
        el.setAttribute('lang', lang);
        await expectLoadFailed(el, lang, '"check your answers"');
      }
      await press(el, '.actions button.link');
      expect(heading(el)).to.equal(steps.at(-1)!.title.pl);
      await press(el, 'form button[type=submit]');
      await expectLoadFailed(el, 'pl', '"check your answers" reached again');

      online = true;
      await press(el, '.load-failed button');
      await until(() => shadow(el).querySelector('.summary'), 'the answers');
      expect(shadow(el).querySelector('.load-failed')).to.equal(null);
      expect(shadow(el).querySelectorAll('.summary button.link').length, 'the change buttons').to.be.greaterThan(0);
      await until(() => shadow(el).activeElement?.matches('h2'), 'the heading to take the focus');
      expect(heading(el)).to.equal('Sprawdź odpowiedzi przed wysłaniem');
      expect(el.value).to.deep.equal(answers);

      // The signing step without its code: nothing of it but the message, and a way back.
      online = false;
      await press(el, 'button.primary');
      await expectLoadFailed(el, 'pl', 'the signing step');
      await press(el, '.actions button.link');
      await until(() => shadow(el).querySelector('.summary'), 'back on "check your answers"');
      expect(heading(el)).to.equal('Sprawdź odpowiedzi przed wysłaniem');
      await press(el, 'button.primary');
      await expectLoadFailed(el, 'pl', 'the signing step reached again');

      online = true;
      await press(el, '.load-failed button');
      await until(() => shadow(el).activeElement?.matches('h2'), "the signing step's heading to take the focus");
      expect(heading(el)).to.equal('Podpisz i wyślij wniosek');
      expect(shadow(el).querySelector('.load-failed')).to.equal(null);
      expect(el.value).to.deep.equal(answers);
    } finally {
      el.remove();
    }
  });
});
