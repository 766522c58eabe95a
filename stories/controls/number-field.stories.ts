import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Number field', component: 'ebok-number-field' } satisfies Meta;

const stories = controlStories('ebok-number-field', {
  label: { pl: 'Liczba egzemplarzy', en: 'Number of copies', uk: 'Кількість примірників' },
  value: 2,
  invalidValue: 12,
  error: { pl: 'Podaj liczbę od 1 do 10.', en: 'Enter a number from 1 to 10.', uk: 'Введіть число від 1 до 10.' },
  props: () => ({ min: 1, max: 10, step: 1 }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
