import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Address', component: 'ebok-address' } satisfies Meta;

const stories = controlStories('ebok-address', {
  label: { pl: 'Adres zamieszkania', en: 'Home address', uk: 'Адреса проживання' },
  value: { street: 'ul. Długa', house: '5', flat: '3', postalCode: '80-831', town: 'Gdańsk' },
  invalidValue: { street: 'ul. Długa', house: '5', flat: '', postalCode: '80831', town: 'Gdańsk' },
  error: {
    pl: 'Kod pocztowy ma postać 00-000.',
    en: 'A postal code looks like 00-000.',
    uk: 'Поштовий індекс має вигляд 00-000.',
  },
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
