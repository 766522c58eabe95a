import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import type { EbokIdentifierField, IdentifierFormat } from './identifier-field.js';
import './index.js';

runFormControlTests<string>('ebok-identifier-field', {
  sample: '44051401359',
  empty: '',
  entries: [['field', '44051401359']],
  role: 'textbox',
  setup: (el) => ((el as EbokIdentifierField).format = 'pesel'),
  shows: (el, value) => expect(el.shadowRoot!.querySelector('input')!.value).to.equal(value),
  typeIn: () => typeAndLeave('44051401359'),
});

describe('<ebok-identifier-field>', () => {
  const make = async (format: IdentifierFormat): Promise<EbokIdentifierField> => {
    const el = await fixture<EbokIdentifierField>(
      html`<ebok-identifier-field label="Numer" format=${format}></ebok-identifier-field>`,
    );
    el.focus();
    return el;
  };
  const status = (el: EbokIdentifierField): string =>
    el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

  it('says nothing while a PESEL is typed, and the checksum result once it is complete', async () => {
    const el = await make('pesel');
    await sendKeys({ type: '4405140135' });
    await el.updateComplete;
    expect(status(el), 'not on every keystroke').to.equal('');
    expect(el.matches(':state(user-invalid)')).to.equal(false);

    await sendKeys({ type: '8' });
    await el.updateComplete;
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.match(/^Numer PESEL jest nieprawidłowy/);
    expect(status(el)).to.equal(el.validationMessage);
    expect(el.matches(':state(user-invalid)')).to.equal(true);
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');

    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(status(el), 'cleared while incomplete').to.equal('');
    await sendKeys({ type: '9' });
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
    expect(status(el)).to.equal('Numer jest poprawny.');
    expect(el.shadowRoot!.querySelector('input')!.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('only warns about a VIN check digit, and stays valid', async () => {
    const el = await make('vin');
    await typeAndLeave('wvwzzz1jzxw000001');
    await el.updateComplete;
    expect(el.value).to.equal('WVWZZZ1JZXW000001');
    expect(el.checkValidity()).to.equal(true);
    expect(el.warning).to.match(/^Cyfra kontrolna numeru VIN się nie zgadza/);
    expect(status(el)).to.equal(el.warning);
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-describedby')).to.equal('status');
    expect(el.matches(':state(user-invalid)')).to.equal(false);

    el.value = '1M8GDM9AXKP042788';
    await el.updateComplete;
    expect(el.warning).to.equal('');
  });

  it('checks NIP, REGON, KW, ID card and postal code with forms-core', async () => {
    const cases: ReadonlyArray<readonly [IdentifierFormat, string, string]> = [
      ['nip', '8567346215', '8567346216'],
      ['regon', '123456785', '123456786'],
      ['kw', 'WA4M/00123456/4', 'WA4M/00123456/5'],
      ['id-card', 'ABA300000', 'ABA300001'],
      ['postal-code-pl', '10-001', '10001'],
    ];
    for (const [format, good, bad] of cases) {
      const el = await make(format);
      el.value = good;
      await el.updateComplete;
      expect(el.checkValidity(), `${format} ${good}`).to.equal(true);
      el.value = bad;
      await el.updateComplete;
      expect(el.validity.patternMismatch, `${format} ${bad}`).to.equal(true);
    }
  });
});
