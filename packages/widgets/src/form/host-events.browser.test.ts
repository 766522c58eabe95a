// What a host page sees of a form: `start="first-step"` (no start page, a draft still offered)
// and the events it listens to on the document (ebok-step, ebok-invalid, ebok-draft-restored,
// ebok-dirty), each once, at its moment, and never with what the resident typed.
import { expect } from '@open-wc/testing';
import '../form/ebok-form.js';
import { useLang } from '../localization.js';
import type { EbokForm } from './ebok-form.js';
import type { ProcedureForm } from './procedure-form.js';
import { expectAccessible, press, sampleFile, until, validExamples } from '../../test/helpers.js';

const examples = await validExamples();
const TYPES = ['ebok-step', 'ebok-invalid', 'ebok-draft-restored', 'ebok-dirty', 'ebok-submitted'] as const;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const heading = (el: Element): string => shadow(el).querySelector('h2')?.textContent?.trim() ?? '';

/** Every ebok event that reaches the document, with its target there. */
function listen(): { events: Array<{ type: string; detail: unknown; target: EventTarget | null }>; stop(): void } {
  const events: Array<{ type: string; detail: unknown; target: EventTarget | null }> = [];
  const record = (e: Event): void => {
    events.push({ type: e.type, detail: (e as CustomEvent).detail, target: e.target });
  };
  for (const t of TYPES) document.addEventListener(t, record);
  return { events, stop: () => TYPES.forEach((t) => document.removeEventListener(t, record)) };
}

/** `<ebok-form>` on the page, and its procedure's element once rendered. */
async function mountForm(
  procedure: string,
  endpoint: string,
  start?: string,
): Promise<{ outer: EbokForm; el: ProcedureForm }> {
  await useLang('pl');
  const outer = document.createElement('ebok-form');
  outer.setAttribute('procedure', procedure);
  outer.setAttribute('endpoint', endpoint);
  if (start) outer.setAttribute('start', start);
  document.body.append(outer);
  await until(() => shadow(outer).querySelector(`ebok-${procedure}`), 'the procedure element');
  const el = shadow(outer).querySelector(`ebok-${procedure}`) as ProcedureForm;
  await until(() => shadow(el).querySelector('h2'), 'the first page');
  return { outer, el };
}

/** Types into an ebok control as a resident would. */
function type(control: Element, value: string): void {
  (control as Element & { value: string }).value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const steps = (el: ProcedureForm): typeof ProcedureForm.model.steps =>
  (el.constructor as typeof ProcedureForm).model.steps;

describe('start="first-step"', function () {
  this.timeout(30_000);

  it('opens on the first step, without the start page and its way back; the fee and signing are on "check your answers"', async () => {
    const { outer, el } = await mountForm('usc-odpis-aktu', 'http://127.0.0.1:9/first-step', 'first-step');
    try {
      expect(el.getAttribute('start')).to.equal('first-step');
      expect(heading(el)).to.equal(steps(el)[0]!.title.pl);
      expect(shadow(el).querySelector('details'), 'the start page’s legal basis').to.equal(null);
      expect(shadow(el).querySelector('form button.link'), 'no way back to a start page').to.equal(null);
      expect(shadow(el).querySelector('form .hint')?.textContent).to.contain('zapisują się w tej przeglądarce');
      await expectAccessible(el, 'on the first step without a start page');

      const example = examples['usc-odpis-aktu']![0]!;
      el.value = example.data;
      for (const _ of steps(el)) {
        for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
          const ref = example.attachments?.find((a) => a.name === field.getAttribute('name'));
          if (!ref) continue;
          field.value = await sampleFile(`${ref.name}.pdf`, ref.mediaType);
          field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        }
        await el.updateComplete;
        await press(el, 'form button[type=submit]');
        expect(shadow(el).querySelector('.error-summary')?.textContent ?? '').to.equal('');
      }
      await until(() => shadow(el).querySelector('.summary'), 'check your answers');
      const text = shadow(el).textContent!.replace(/\s+/g, ' ');
      expect(text).to.contain('Opłata');
      expect(text).to.match(/Wniosek podpiszesz (certyfikatem|podpisem)/);
      await expectAccessible(el, 'on "check your answers" with the fee');
    } finally {
      outer.remove();
    }
  });

  it('still offers the draft kept in this browser, above the first step: on with it, or anew', async () => {
    const endpoint = 'http://127.0.0.1:9/first-step-draft';
    const data = examples['usc-odpis-aktu']![0]!.data;
    const first = await mountForm('usc-odpis-aktu', endpoint, 'first-step');
    first.el.value = data;
    await press(first.el, 'form button[type=submit]');
    expect(heading(first.el)).to.equal(steps(first.el)[1]!.title.pl);
    const answers = first.el.value;
    await new Promise((r) => setTimeout(r, 700)); // saved 400 ms after the last change
    first.outer.remove();

    const heard = listen();
    const second = await mountForm('usc-odpis-aktu', endpoint, 'first-step');
    try {
      const { el } = second;
      await until(() => shadow(el).querySelector('.notice'), 'the offer of the draft');
      expect(heading(el)).to.equal(steps(el)[0]!.title.pl);
      expect(shadow(el).querySelector('.notice')!.textContent).to.contain('Masz niedokończony wniosek');
      const restored = heard.events.filter((e) => e.type === 'ebok-draft-restored');
      expect(restored.length).to.equal(1);
      const detail = restored[0]!.detail as { savedAt: string; step: string };
      expect(detail.step).to.equal(steps(el)[1]!.id);
      expect(Date.parse(detail.savedAt)).to.be.closeTo(Date.now(), 60_000);
      expect(restored[0]!.target).to.equal(second.outer);
      await expectAccessible(el, 'with the draft offered above the first step');

      const buttons = shadow(el).querySelectorAll<HTMLButtonElement>('.notice + .actions button');
      expect([...buttons].map((b) => b.textContent!.trim())).to.deep.equal(['Kontynuuj wniosek', 'Zacznij od nowa']);
      buttons[0]!.click();
      await el.updateComplete;
      expect(heading(el), 'where the draft left off').to.equal(steps(el)[1]!.title.pl);
      expect(el.value).to.deep.equal(answers);
      expect(shadow(el).querySelector('.notice')).to.equal(null);
    } finally {
      heard.stop();
      second.outer.remove();
    }

    const third = await mountForm('usc-odpis-aktu', endpoint, 'first-step');
    try {
      await until(() => shadow(third.el).querySelector('.notice'), 'the offer of the draft');
      shadow(third.el).querySelectorAll<HTMLButtonElement>('.notice + .actions button')[1]!.click();
      await third.el.updateComplete;
      expect(heading(third.el)).to.equal(steps(third.el)[0]!.title.pl);
      expect(third.el.value).to.deep.equal({});
      expect(shadow(third.el).querySelector('.notice')).to.equal(null);
    } finally {
      third.outer.remove();
    }
  });
});

describe('events for the host page', function () {
  this.timeout(30_000);

  it('tells the document of each page, a step to correct and the first change, once each, without the answers', async () => {
    const heard = listen();
    const { outer, el } = await mountForm('wgn-numer-porzadkowy', 'http://127.0.0.1:9/events');
    const onForm: string[] = [];
    outer.addEventListener('ebok-step', (e) => onForm.push(e.detail.page));
    const of = (t: string): unknown[] => heard.events.filter((e) => e.type === t).map((e) => e.detail);
    try {
      const model = (el.constructor as typeof ProcedureForm).model;
      const count = model.steps.length;
      await until(() => of('ebok-step').length === 1, 'the start page told');
      expect(of('ebok-step')).to.deep.equal([{ page: 'start', count, title: model.procedure.title.pl }]);
      expect(heard.events[0]!.target, 'retargeted to <ebok-form>').to.equal(outer);

      await press(el, 'button.primary');
      expect(of('ebok-step')[1]).to.deep.equal({
        page: 'step',
        step: model.steps[0]!.id,
        index: 0,
        count,
        title: model.steps[0]!.title.pl,
      });
      // (listened to on <ebok-form> since the start page was told)
      expect(onForm, 'heard on <ebok-form> too').to.deep.equal(['step']);

      // Continuing an empty step: the pointers of the answers to correct, as many as the summary lists.
      await press(el, 'form button[type=submit]');
      const summary = shadow(el).querySelectorAll('.error-summary li').length;
      expect(summary).to.be.greaterThan(0);
      expect(of('ebok-invalid')).to.have.length(1);
      const invalid = of('ebok-invalid')[0] as { step: string; index: number; fields: string[] };
      expect(invalid.step).to.equal(model.steps[0]!.id);
      expect(invalid.index).to.equal(0);
      expect(invalid.fields).to.have.length(summary);
      for (const f of invalid.fields) expect(f).to.match(/^\/[\w/-]+$/);
      expect(of('ebok-step'), 'the same page: not told again').to.have.length(2);
      expect(of('ebok-dirty')).to.deep.equal([]);

      // The resident types: dirty once, however much they type.
      const secret = 'Zażółć-Gęślą-Jaźń-7319';
      const controls = shadow(el).querySelectorAll('ebok-text-field');
      expect(controls.length).to.be.greaterThan(0);
      type(controls[0]!, secret);
      await el.updateComplete;
      type(controls[0]!, `${secret}-2`);
      await el.updateComplete;
      expect(of('ebok-dirty')).to.deep.equal([{ dirty: true }]);

      // On through the steps with the example's answers: each step told once, then "check your answers".
      el.value = { ...examples['wgn-numer-porzadkowy']![0]!.data };
      await el.updateComplete;
      for (const _ of model.steps) await press(el, 'form button[type=submit]');
      await until(() => of('ebok-step').length === count + 2, '"check your answers" told');
      const pages = of('ebok-step') as Array<{ page: string; index?: number; title: string }>;
      expect(pages.map((p) => p.index ?? p.page)).to.deep.equal(['start', ...model.steps.map((_, i) => i), 'check']);
      expect(pages.at(-1)!.title).to.equal('Sprawdź odpowiedzi przed wysłaniem');
      expect(of('ebok-invalid'), 'no new errors').to.have.length(1);

      // Nothing the resident typed or the page filled in is in any detail.
      const told = JSON.stringify(heard.events.map((e) => e.detail));
      expect(told).to.not.contain(secret.slice(0, 8));
      const values = (v: unknown): string[] =>
        typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(values) : [];
      const typed = values(el.value).filter((v) => v.length >= 4);
      expect(typed.length).to.be.greaterThan(3);
      for (const value of typed) expect(told, 'an answer in an event').to.not.contain(JSON.stringify(value));
    } finally {
      heard.stop();
      outer.remove();
    }
  });
});
