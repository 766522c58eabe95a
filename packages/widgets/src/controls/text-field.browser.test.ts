import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { useLang } from '../localization.js';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import './index.js';

runFormControlTests<string>('ebok-text-field', {
  sample: 'Anna',
  empty: '',
  entries: [['field', 'Anna']],
  role: 'textbox',
  maxInputs: 4,
  shows: (el, value) => expect(el.shadowRoot!.querySelector('input')!.value).to.equal(value),
  typeIn: () => typeAndLeave('Anna'),
});

describe('<ebok-text-field>', () => {
  it('checks length, pattern and e-mail with the validator’s messages', async () => {
    const el = await fixture<HTMLElementTagNameMap['ebok-text-field']>(
      html`<ebok-text-field label="Kod" minlength="3" pattern="[A-Z]+"></ebok-text-field>`,
    );
    el.value = 'AB';
    await el.updateComplete;
    expect(el.validity.tooShort).to.equal(true);
    expect(el.validationMessage).to.equal('Wpisz co najmniej 3 znaki.');
    el.value = 'abc';
    await el.updateComplete;
    expect(el.validity.patternMismatch).to.equal(true);
    el.value = 'ABC';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);

    el.type = 'email';
    el.pattern = undefined;
    el.value = 'jan@';
    await el.updateComplete;
    expect(el.validity.typeMismatch).to.equal(true);
    expect(el.validationMessage).to.equal('Podaj adres e-mail w postaci nazwa@example.pl.');
  });

  it('shows its error once the resident has left the field', async () => {
    const el = await fixture<HTMLElementTagNameMap['ebok-text-field']>(
      html`<ebok-text-field label="Imię" required></ebok-text-field>`,
    );
    el.focus();
    await sendKeys({ type: 'A' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.matches(':state(user-invalid)')).to.equal(true);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('error');
  });

  it('speaks the language of the page: built-in texts follow useLang()', async () => {
    const el = await fixture<HTMLElementTagNameMap['ebok-text-field']>(
      html`<ebok-text-field label="Phone" type="tel"></ebok-text-field>`,
    );
    const label = (): string => el.shadowRoot!.querySelector('label')!.textContent!.replace(/\s+/g, ' ').trim();
    try {
      await useLang('en');
      await el.updateComplete;
      expect(label()).to.equal('Phone (optional)');
      el.required = true;
      await el.updateComplete;
      expect(el.validationMessage).to.equal('This field is required.');
      await useLang('uk');
      await el.updateComplete;
      expect(el.validationMessage).to.equal("Це поле обов'язкове.");
    } finally {
      await useLang('pl');
    }
    await el.updateComplete;
    expect(el.validationMessage).to.equal('To pole jest wymagane.');
  });
});
