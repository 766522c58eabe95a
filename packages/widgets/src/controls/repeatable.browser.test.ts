import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectSame } from '../../test/helpers.js';
import { runFormControlTests } from './control-contract.js';
import type { EbokRepeatable, RepeatableAddEvent, RepeatableRemoveEvent } from './repeatable.js';
import './index.js';

runFormControlTests<unknown[]>('ebok-repeatable', {
  sample: [undefined, undefined],
  empty: [],
  entries: [['field', '2']],
  role: 'group',
  ariaInvalid: false,
  setup: (el) => {
    (el as EbokRepeatable).renderItem = (i) => html`<input aria-label="Numer ${i + 1}" />`;
  },
  target: (el) => el.shadowRoot!.querySelector('#add'),
  shows: (el, value) => {
    expect(el.shadowRoot!.querySelectorAll('[part=item]').length).to.equal(value.length);
    expect(el.querySelectorAll('input').length).to.equal(value.length);
  },
  typed: [undefined],
  typeIn: () => sendKeys({ press: 'Enter' }),
});

describe('<ebok-repeatable>', () => {
  interface Parcel {
    number: string;
  }

  async function make(): Promise<{ el: EbokRepeatable; parcels: Parcel[] }> {
    const parcels: Parcel[] = [{ number: '138/28' }];
    const el = await fixture<EbokRepeatable>(
      html`<ebok-repeatable label="Działki" item-label="Działka" min="1" max="3"></ebok-repeatable>`,
    );
    el.renderItem = (i) =>
      html`<ebok-text-field label="Numer działki" required .value=${parcels[i]?.number ?? ''}></ebok-text-field>`;
    el.value = parcels;
    // The journey keeps its data in step with the events.
    el.addEventListener('ebok-repeatable-add', () => parcels.push({ number: '' }));
    el.addEventListener('ebok-repeatable-remove', (e) => parcels.splice(e.index, 1));
    await el.updateComplete;
    return { el, parcels };
  }
  const buttons = (el: EbokRepeatable): string[] =>
    [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
  const status = (el: EbokRepeatable): string => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

  it('adds an item, names its buttons with the item label and number, and moves focus into it', async () => {
    const { el, parcels } = await make();
    expect(buttons(el), 'no remove at the minimum').to.deep.equal(['Dodaj: Działka 2']);
    const added = oneEvent(el, 'ebok-repeatable-add');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#add')!.click();
    expect(((await added) as unknown as RepeatableAddEvent).index).to.equal(1);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    expect(parcels.length).to.equal(2);
    expect(el.count).to.equal(2);
    expect(buttons(el)).to.deep.equal(['Usuń: Działka 1', 'Usuń: Działka 2', 'Dodaj: Działka 3']);
    expect(status(el)).to.equal('Dodano: Działka 2.');
    const fields = el.querySelectorAll('ebok-text-field');
    expect(fields.length).to.equal(2);
    expectSame(document.activeElement, fields[1], 'focus');
    expectSame(fields[1]!.shadowRoot!.activeElement, fields[1]!.shadowRoot!.querySelector('input'), 'focus');
    el.focus();
    expectSame(document.activeElement, fields[0], 'focus() goes to the first item');
  });

  it('removes an item, announces it and returns focus to the add button', async () => {
    const { el, parcels } = await make();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#add')!.click();
    await el.updateComplete;
    parcels[1]!.number = '139';
    el.requestUpdate();
    await el.updateComplete;

    const removed = oneEvent(el, 'ebok-repeatable-remove');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-remove="0"]')!.click();
    expect(((await removed) as unknown as RepeatableRemoveEvent).index).to.equal(0);
    await el.updateComplete;
    expect(parcels).to.deep.equal([{ number: '139' }]);
    expect(el.count).to.equal(1);
    expect(el.querySelector('ebok-text-field')!.value).to.equal('139');
    expect(status(el)).to.equal('Usunięto: Działka 1.');
    expectSame(el.shadowRoot!.activeElement, el.shadowRoot!.querySelector('#add'), 'focus');
  });

  it('hides the add button at the maximum, and its items belong to the surrounding form', async () => {
    const { el } = await make();
    const form = document.createElement('form');
    el.parentNode!.insertBefore(form, el);
    form.append(el);
    el.renderItem = (i) =>
      html`<ebok-text-field name="parcel" label="Numer" .value=${String(i + 1)}></ebok-text-field>`;
    el.count = 3;
    await el.updateComplete;
    await Promise.all([...el.querySelectorAll('ebok-text-field')].map((f) => f.updateComplete));
    expect(el.shadowRoot!.querySelector('#add')).to.equal(null);
    expect(new FormData(form).getAll('parcel')).to.deep.equal(['1', '2', '3']);
  });
});
