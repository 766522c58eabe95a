import { expect, fixture, html } from '@open-wc/testing';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import './index.js';

runFormControlTests<number | undefined>('ebok-number-field', {
  sample: 12.5,
  empty: undefined,
  entries: [['field', '12.5']],
  role: 'textbox',
  maxInputs: 4,
  shows: (el) => expect(el.shadowRoot!.querySelector('input')!.value).to.equal('12,5'),
  typeIn: () => typeAndLeave('12,5'),
});

describe('<ebok-number-field>', () => {
  const make = (): Promise<HTMLElementTagNameMap['ebok-number-field']> =>
    fixture(html`<ebok-number-field label="Liczba egzemplarzy" min="1" max="10" step="1"></ebok-number-field>`);

  it('reads a decimal comma or point and refuses what is not a number', async () => {
    const el = await make();
    el.step = undefined;
    const input = el.shadowRoot!.querySelector('input')!;
    for (const [typed, value] of [
      ['2,5', 2.5],
      ['3.25', 3.25],
      [' 4 ', 4],
      ['dwa', undefined],
      ['1,2,3', undefined],
    ] as const) {
      input.value = typed;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      expect(el.value, typed).to.equal(value);
    }
    expect(el.validity.badInput).to.equal(true);
    expect(el.validationMessage).to.equal('Wpisz liczbę, na przykład 12,5.');
  });

  it('checks min, max and step with the validator’s messages', async () => {
    const el = await make();
    el.value = 0;
    await el.updateComplete;
    expect(el.validity.rangeUnderflow).to.equal(true);
    expect(el.validationMessage).to.equal('Podaj liczbę nie mniejszą niż 1.');
    el.value = 11;
    await el.updateComplete;
    expect(el.validity.rangeOverflow).to.equal(true);
    el.value = 2.5;
    await el.updateComplete;
    expect(el.validity.stepMismatch).to.equal(true);
    el.value = 3;
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('inputmode')).to.equal('numeric');
  });
});
