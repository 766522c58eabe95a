import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { runFormControlTests } from './control-contract.js';
import './index.js';

runFormControlTests<boolean>('ebok-checkbox', {
  sample: true,
  empty: false,
  entries: [['field', 'on']],
  role: 'checkbox',
  shows: (el, value) => expect(el.shadowRoot!.querySelector('input')!.checked).to.equal(value),
  typeIn: () => sendKeys({ press: 'Space' }),
  missing: 'Zaznacz to pole, aby przejść dalej.',
});
