import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Date field', component: 'ebok-date-field' } satisfies Meta;

const stories = controlStories('ebok-date-field', {
  label: { pl: 'Data urodzenia', en: 'Date of birth', uk: 'Дата народження' },
  value: '1944-05-14',
  invalidValue: '2099-01-01',
  error: {
    pl: 'Data nie może być z przyszłości.',
    en: 'The date cannot be in the future.',
    uk: 'Дата не може бути в майбутньому.',
  },
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
