import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Text field', component: 'ebok-text-field' } satisfies Meta;

const stories = controlStories('ebok-text-field', {
  label: { pl: 'Imię', en: 'Given name', uk: "Ім'я" },
  hint: { pl: 'Tak jak w dowodzie osobistym.', en: 'As on your identity card.', uk: 'Як у посвідченні особи.' },
  value: 'Zofia',
  invalidValue: 'Z0fia',
  error: {
    pl: 'Imię może zawierać tylko litery.',
    en: 'A name can only contain letters.',
    uk: "Ім'я може містити лише літери.",
  },
  props: () => ({ autocomplete: 'given-name' }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
