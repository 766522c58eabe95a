import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories, options } from '../support/controls.js';

const RECORDS = [
  ['urodzenia', { pl: 'Akt urodzenia', en: 'Birth record', uk: 'Акт про народження' }],
  ['malzenstwa', { pl: 'Akt małżeństwa', en: 'Marriage record', uk: 'Акт про шлюб' }],
  ['zgonu', { pl: 'Akt zgonu', en: 'Death record', uk: 'Акт про смерть' }],
] as const;
export default { title: 'Controls/Checkbox group', component: 'ebok-checkbox-group' } satisfies Meta;

const stories = controlStories('ebok-checkbox-group', {
  label: { pl: 'Odpisy, o które wnosisz', en: 'Copies you apply for', uk: 'Відписи, які ви просите' },
  hint: { pl: 'Zaznacz wszystkie, które dotyczą.', en: 'Select all that apply.', uk: 'Позначте всі, що стосуються.' },
  value: ['urodzenia', 'zgonu'],
  error: { pl: 'Zaznacz co najmniej jeden.', en: 'Select at least one.', uk: 'Позначте хоча б один.' },
  props: () => ({ options: options(RECORDS) }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
