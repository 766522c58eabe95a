import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EbokCheckboxGroup } from './checkbox-group.js';
import { runFormControlTests } from './control-contract.js';
import './index.js';

runFormControlTests<string[]>('ebok-checkbox-group', {
  sample: ['wypis', 'wyrys'],
  empty: [],
  entries: [
    ['field', 'wypis'],
    ['field', 'wyrys'],
  ],
  role: 'group',
  setup: (el) => {
    (el as EbokCheckboxGroup).options = [
      { value: 'wypis', label: 'Wypis' },
      { value: 'wyrys', label: 'Wyrys' },
      { value: 'archiwalny', label: 'Plan archiwalny' },
    ];
  },
  target: (el) => el.shadowRoot!.querySelector('input'),
  shows: (el, value) =>
    expect([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)).to.deep.equal(
      value,
    ),
  typeIn: async () => {
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
  },
});
