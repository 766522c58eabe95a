import { expect, fixture, html } from '@open-wc/testing';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import './index.js';

runFormControlTests<string>('ebok-date-field', {
  sample: '2024-03-15',
  empty: '',
  entries: [['field', '2024-03-15']],
  role: 'Date',
  shows: (el, value) => expect(el.shadowRoot!.querySelector('input')!.value).to.equal(value),
  // The test browser writes dates as mm/dd/yyyy.
  typeIn: () => typeAndLeave('03152024'),
});

describe('<ebok-date-field>', () => {
  it('keeps dates within min and max', async () => {
    const el = await fixture<HTMLElementTagNameMap['ebok-date-field']>(
      html`<ebok-date-field label="Data" min="2000-01-01" max="2026-12-31"></ebok-date-field>`,
    );
    el.value = '1999-12-31';
    await el.updateComplete;
    expect(el.validity.rangeUnderflow).to.equal(true);
    expect(el.validationMessage).to.equal('Podaj datę nie wcześniejszą niż 1 stycznia 2000.');
    el.value = '2027-01-01';
    await el.updateComplete;
    expect(el.validity.rangeOverflow).to.equal(true);
    el.value = '2026-12-31';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
  });
});
