import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Identifier field', component: 'ebok-identifier-field' } satisfies Meta;

const stories = controlStories('ebok-identifier-field', {
  label: { pl: 'Numer PESEL', en: 'PESEL number', uk: 'Номер PESEL' },
  value: '44051401359',
  invalidValue: '44051401358',
  error: {
    pl: 'Numer PESEL jest nieprawidłowy: sprawdź cyfry.',
    en: 'The PESEL number is not valid: check the digits.',
    uk: 'Номер PESEL недійсний: перевірте цифри.',
  },
  props: () => ({ format: 'pesel' }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
