import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AddressValue } from './address.js';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import './index.js';

const sample: AddressValue = { street: 'Długa', house: '5', flat: '', postalCode: '10-001', town: 'Olsztyn' };

runFormControlTests<AddressValue>('ebok-address', {
  sample,
  empty: { street: '', house: '', flat: '', postalCode: '', town: '' },
  entries: [
    ['field.street', 'Długa'],
    ['field.house', '5'],
    ['field.postalCode', '10-001'],
    ['field.town', 'Olsztyn'],
  ],
  role: 'group',
  // An error from outside names no part of the address; the fieldset is described by it.
  ariaInvalid: false,
  target: (el) => el.shadowRoot!.querySelector('#street'),
  shows: (el, value) =>
    expect(
      [...el.shadowRoot!.querySelectorAll('input')].map((i) => i.value),
      'street, house, flat, postal code, town',
    ).to.deep.equal([value.street, value.house, value.flat, value.postalCode, value.town]),
  typeIn: async () => {
    await typeAndLeave('Długa');
    await typeAndLeave('5');
    await sendKeys({ press: 'Tab' });
    // Five digits without the dash are still a postal code.
    await typeAndLeave('10001');
    await typeAndLeave('Olsztyn');
  },
});

describe('<ebok-address>', () => {
  it('names every part, needs house number, postal code and town once started, and checks the postal code', async () => {
    const el = await fixture<HTMLElementTagNameMap['ebok-address']>(
      html`<ebok-address label="Adres zamieszkania"></ebok-address>`,
    );
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Ulica', 'Numer domu', 'Numer lokalu', 'Kod pocztowy', 'Miejscowość']);
    expect(el.checkValidity(), 'optional and empty').to.equal(true);

    el.value = { ...sample, house: '', town: '' };
    await el.updateComplete;
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Uzupełnij: Numer domu, Miejscowość.');

    el.value = { ...sample, postalCode: '10001x' };
    el.reportValidity();
    await el.updateComplete;
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.equal('Kod pocztowy ma postać 00-000.');
    expect(el.shadowRoot!.querySelector('#postalCode')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#town')!.hasAttribute('aria-invalid')).to.equal(false);
    el.focus();
    expect(el.shadowRoot!.activeElement!.id, 'focus goes to the part to correct').to.equal('postalCode');
  });
});
