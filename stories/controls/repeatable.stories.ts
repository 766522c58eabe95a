import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { controlStories } from '../support/controls.js';
import { say } from '../support/lang.js';

export default { title: 'Controls/Repeatable', component: 'ebok-repeatable' } satisfies Meta;

const stories = controlStories('ebok-repeatable', {
  label: { pl: 'Działki', en: 'Plots', uk: 'Ділянки' },
  value: [{ number: '138/28' }, { number: '139/2' }],
  error: { pl: 'Dodaj co najmniej jedną działkę.', en: 'Add at least one plot.', uk: 'Додайте хоча б одну ділянку.' },
  props: () => ({
    itemLabel: say({ pl: 'Działka', en: 'Plot', uk: 'Ділянка' }),
    min: 0,
    max: 5,
    renderItem: (i: number) =>
      html`<ebok-text-field
        label=${say({ pl: 'Numer działki', en: 'Plot number', uk: 'Номер ділянки' })}
        required
        .value=${['138/28', '139/2'][i] ?? ''}
      ></ebok-text-field>`,
  }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
