import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { runFormControlTests } from './control-contract.js';
import type { EbokSelect } from './select.js';
import './index.js';

runFormControlTests<string>('ebok-select', {
  sample: 'zupelny',
  empty: '',
  entries: [['field', 'zupelny']],
  role: 'combobox',
  setup: (el) => {
    (el as EbokSelect).options = [
      { value: 'skrocony', label: 'Odpis skrócony' },
      { value: 'zupelny', label: 'Odpis zupełny' },
    ];
  },
  shows: (el, value) => {
    const select = el.shadowRoot!.querySelector('select')!;
    expect(select.value).to.equal(value);
    expect(select.options[0]!.textContent).to.equal('— wybierz —');
  },
  typeIn: async () => {
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
  },
});
