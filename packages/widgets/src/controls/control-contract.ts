/**
 * The contract every field control keeps, run by each control's browser test:
 * `runFormControlTests('ebok-text-field', { … })`. Mocha globals and @open-wc/testing: test code only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { FormControl } from './form-control.js';

export interface ContractOptions<V> {
  /** A valid value. */
  readonly sample: V;
  /** The value of a new, empty control. */
  readonly empty: V;
  /** What `new FormData(form)` holds for `sample` under the name `field` (files as `file:<name>`). */
  readonly entries: ReadonlyArray<readonly [string, string]>;
  /** The role of the element the label names (`textbox`, `combobox`, `group` …). */
  readonly role: string;
  /** Sets what the control needs besides the contract's properties (options, a format …). */
  readonly setup?: (el: FormControl<V>) => void;
  /** Asserts that the control shows `value` to the resident. */
  readonly shows: (el: FormControl<V>, value: V) => void;
  /** With the control focused, enters `typed` by keyboard only and commits it. */
  readonly typeIn: (el: FormControl<V>) => Promise<void>;
  /** What a required control says while empty (a box that must be ticked says to tick it). */
  readonly missing?: string;
  /** The value `typeIn` leads to; `sample` when not given. */
  readonly typed?: V;
  /** False for a control with no input of its own to mark `aria-invalid` (the repeatable). */
  readonly ariaInvalid?: false;
  /** At most this many `input` events while `typeIn` runs. */
  readonly maxInputs?: number;
  /** The element `focus()` and a click on the label focus; the inner `#control` when not given. */
  readonly target?: (el: FormControl<V>) => Element | null;
}

interface AXNode {
  role: string;
  name: string;
  children: AXNode[];
}

type Props<V> = Partial<Pick<FormControl<V>, 'label' | 'hint' | 'required' | 'disabled' | 'error' | 'value' | 'name'>>;

export function runFormControlTests<V>(tag: string, options: ContractOptions<V>): void {
  async function make(props: Props<V> = {}, wrap?: 'form'): Promise<FormControl<V>> {
    const el = document.createElement(tag) as FormControl<V>;
    options.setup?.(el);
    Object.assign(el, { label: 'Pole testowe', name: 'field', ...props });
    if (wrap) await fixture(html`<form>${el}</form>`);
    else await fixture(html`<div>${el}</div>`);
    await el.updateComplete;
    return el;
  }
  const inner = (el: FormControl<V>): Element | null =>
    options.target ? options.target(el) : el.shadowRoot!.querySelector('#control');
  const userInvalid = (el: Element): boolean => el.matches(':state(user-invalid)');

  describe(`<${tag}>: the form-control contract`, () => {
    it('is accessible empty, filled, invalid and disabled', async () => {
      await expect(await make({ hint: 'Podpowiedź' })).to.be.accessible();
      await expect(await make({ value: options.sample, required: true })).to.be.accessible();
      await expect(await make({ error: 'Coś jest nie tak.' })).to.be.accessible();
      await expect(await make({ value: options.sample, disabled: true })).to.be.accessible();
    });

    it('starts empty and shows a value it is given', async () => {
      const el = await make();
      expect(el.value).to.deep.equal(options.empty);
      el.value = options.sample;
      await el.updateComplete;
      options.shows(el, options.sample);
    });

    it('takes keyboard input, updates its value and fires input and change', async () => {
      const el = await make();
      const seen: string[] = [];
      const record = (e: Event): void => {
        seen.push(`${e.type}:${e.composed}:${e.bubbles}`);
      };
      el.addEventListener('input', record);
      el.addEventListener('change', record);
      el.focus();
      await options.typeIn(el);
      await el.updateComplete;
      expect(el.value).to.deep.equal(options.typed ?? options.sample);
      expect(seen).to.include('input:true:true');
      expect(seen).to.include('change:true:true');
      // One `input` per change of value: the inner input's own composed event must not escape too.
      expect(seen.filter((s) => s.startsWith('input')).length).to.be.at.most(options.maxInputs ?? Infinity);
    });

    it('focus() focuses the inner input', async () => {
      const el = await make();
      el.focus();
      expect(el.shadowRoot!.activeElement).to.equal(inner(el));
    });

    it('reports a missing required value, then is valid with a value', async () => {
      const el = await make({ required: true });
      expect(el.checkValidity()).to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal(options.missing ?? 'To pole jest wymagane.');
      expect(el.willValidate).to.equal(true);
      el.value = options.sample;
      await el.updateComplete;
      expect(el.checkValidity()).to.equal(true);
      expect(el.validationMessage).to.equal('');
    });

    it('shows an error given from outside and is invalid with it', async () => {
      const el = await make({ value: options.sample, error: 'Numer jest już zajęty.' });
      expect(el.validity.customError).to.equal(true);
      expect(el.validationMessage).to.equal('Numer jest już zajęty.');
      expect(userInvalid(el)).to.equal(true);
      const error = el.shadowRoot!.querySelector('[part=error]')!;
      expect(error.textContent).to.contain('Numer jest już zajęty.');
      expect((error as HTMLElement).hidden).to.equal(false);
      const described = el.shadowRoot!.querySelector('[aria-describedby~=error]');
      expect(described, 'something is described by the error').to.not.equal(null);
      if (options.ariaInvalid !== false) {
        expect(el.shadowRoot!.querySelector('[aria-invalid=true]'), 'aria-invalid').to.not.equal(null);
      }
      el.error = '';
      await el.updateComplete;
      expect(el.checkValidity()).to.equal(true);
      expect(userInvalid(el)).to.equal(false);
      expect(el.shadowRoot!.querySelector('[aria-invalid=true]')).to.equal(null);
    });

    it('matches :state(user-invalid) only once the resident was there', async () => {
      const el = await make({ required: true });
      expect(userInvalid(el)).to.equal(false);
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent!.trim()).to.equal('');
      expect(el.reportValidity()).to.equal(false);
      await el.updateComplete;
      expect(userInvalid(el)).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain(
        options.missing ?? 'To pole jest wymagane.',
      );
    });

    it('takes part in a <form>: data, reset and a disabled fieldset', async () => {
      const el = await make({}, 'form');
      const form = el.closest('form')!;
      expect(el.form).to.equal(form);
      expect([...new FormData(form).keys()]).to.deep.equal([]);
      el.value = options.sample;
      await el.updateComplete;
      const entries = [...new FormData(form).entries()].map(([k, v]) => [k, v instanceof File ? `file:${v.name}` : v]);
      expect(entries).to.deep.equal(options.entries);
      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal(options.empty);
      expect([...new FormData(form).keys()]).to.deep.equal([]);

      const fieldset = document.createElement('fieldset');
      form.append(fieldset);
      fieldset.append(el);
      fieldset.disabled = true;
      await el.updateComplete;
      // As a native input: disabled by the fieldset, its own `disabled` untouched.
      expect(el.matches(':disabled')).to.equal(true);
      expect(el.disabled).to.equal(false);
      const inputs = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input, select, textarea, button')];
      expect(inputs.length).to.be.greaterThan(0);
      expect(inputs.every((i) => i.disabled)).to.equal(true);
      fieldset.disabled = false;
      await el.updateComplete;
      expect(el.matches(':disabled')).to.equal(false);
      expect(inputs.some((i) => i.disabled)).to.equal(false);
    });

    it('is named by its label, and a click on the label focuses it', async () => {
      const el = await make({ required: true, label: 'Etykieta kontrolki' });
      if (options.role === 'group') {
        // Chromium's snapshot leaves groups out: a fieldset is named by its first-child legend.
        const legend = el.shadowRoot!.querySelector('fieldset')!.firstElementChild!;
        expect(legend.localName).to.equal('legend');
        expect(legend.textContent!.trim()).to.equal('Etykieta kontrolki');
        // A legend names its group but, unlike a label, does not move focus.
        return;
      }
      const snapshot = (await a11ySnapshot({})) as unknown as AXNode;
      const named = findAccessibilityNode<AXNode>(
        snapshot,
        (n) => n.name === 'Etykieta kontrolki' && n.role !== 'StaticText',
      );
      expect(named, 'a node named by the label').to.not.equal(null);
      expect(named!.role).to.equal(options.role);

      const label = el.shadowRoot!.querySelector('[part=label]')!;
      const box = label.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(box.left + 5), Math.round(box.top + box.height / 2)] });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(inner(el));
    });
  });
}

/** Types text into the focused input and leaves it with Tab, which commits it (`change`). */
export async function typeAndLeave(text: string): Promise<void> {
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}
