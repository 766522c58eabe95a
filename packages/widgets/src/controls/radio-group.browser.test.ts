import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { runFormControlTests } from './control-contract.js';
import type { EbokRadioGroup } from './radio-group.js';
import './index.js';

runFormControlTests<string>('ebok-radio-group', {
  sample: 'poczta',
  empty: '',
  entries: [['field', 'poczta']],
  role: 'group',
  setup: (el) => {
    (el as EbokRadioGroup).options = [
      { value: 'osobiscie', label: 'Osobiście w urzędzie' },
      { value: 'poczta', label: 'Pocztą' },
      { value: 'epuap', label: 'Na skrzynkę ePUAP' },
    ];
  },
  target: (el) => el.shadowRoot!.querySelector('input:checked') ?? el.shadowRoot!.querySelector('input'),
  shows: (el, value) => expect(el.shadowRoot!.querySelector<HTMLInputElement>('input:checked')!.value).to.equal(value),
  // Native radios: the arrow key moves to the next answer and picks it.
  typeIn: () => sendKeys({ press: 'ArrowDown' }),
});
