import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Textarea', component: 'ebok-textarea' } satisfies Meta;

const stories = controlStories('ebok-textarea', {
  label: { pl: 'Uzasadnienie', en: 'Justification', uk: 'Обґрунтування' },
  hint: { pl: 'Do 500 znaków.', en: 'Up to 500 characters.', uk: 'До 500 символів.' },
  value: 'Odpis jest potrzebny do sprawy spadkowej.',
  error: { pl: 'Wpisz uzasadnienie.', en: 'Enter a justification.', uk: 'Введіть обґрунтування.' },
  props: () => ({ maxLength: 500 }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
