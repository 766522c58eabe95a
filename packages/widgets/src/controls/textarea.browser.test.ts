import { expect } from '@open-wc/testing';
import { runFormControlTests, typeAndLeave } from './control-contract.js';
import './index.js';

runFormControlTests<string>('ebok-textarea', {
  sample: 'Potrzebny do sprawy spadkowej.',
  empty: '',
  entries: [['field', 'Potrzebny do sprawy spadkowej.']],
  role: 'textbox',
  shows: (el, value) => expect(el.shadowRoot!.querySelector('textarea')!.value).to.equal(value),
  typeIn: () => typeAndLeave('Potrzebny do sprawy spadkowej.'),
});
