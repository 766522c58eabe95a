import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';

export default { title: 'Controls/Checkbox', component: 'ebok-checkbox' } satisfies Meta;

const stories = controlStories('ebok-checkbox', {
  label: {
    pl: 'Oświadczam, że dane są zgodne z prawdą',
    en: 'I declare that the information is true',
    uk: 'Заявляю, що дані відповідають дійсності',
  },
  value: true,
  error: { pl: 'Potwierdź oświadczenie.', en: 'Confirm the declaration.', uk: 'Підтвердіть заяву.' },
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
