import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories } from '../support/controls.js';
import { sampleFile } from '../support/examples.js';

export default { title: 'Controls/File field', component: 'ebok-file-field' } satisfies Meta;

const stories = controlStories('ebok-file-field', {
  label: { pl: 'Pełnomocnictwo', en: 'Power of attorney', uk: 'Довіреність' },
  hint: { pl: 'PDF lub JPEG, do 5 MB.', en: 'PDF or JPEG, up to 5 MB.', uk: 'PDF або JPEG, до 5 МБ.' },
  value: () => sampleFile('pelnomocnictwo.pdf', 'application/pdf', 180_000),
  error: { pl: 'Dołącz pełnomocnictwo.', en: 'Attach the power of attorney.', uk: 'Додайте довіреність.' },
  props: () => ({ accept: 'application/pdf,image/jpeg', maxSize: 5 * 1024 * 1024 }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
