import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { controlStories, options } from '../support/controls.js';

const RECORDS = [
  ['urodzenia', { pl: 'Akt urodzenia', en: 'Birth record', uk: 'Акт про народження' }],
  ['malzenstwa', { pl: 'Akt małżeństwa', en: 'Marriage record', uk: 'Акт про шлюб' }],
  ['zgonu', { pl: 'Akt zgonu', en: 'Death record', uk: 'Акт про смерть' }],
] as const;
export default { title: 'Controls/Radio group', component: 'ebok-radio-group' } satisfies Meta;

const stories = controlStories('ebok-radio-group', {
  label: { pl: 'Rodzaj aktu', en: 'Kind of record', uk: 'Вид акта' },
  value: 'urodzenia',
  error: { pl: 'Wybierz rodzaj aktu.', en: 'Choose the kind of record.', uk: 'Виберіть вид акта.' },
  props: () => ({ options: options(RECORDS) }),
});

export const Empty: StoryObj = stories.Empty;
export const Filled: StoryObj = stories.Filled;
export const Invalid: StoryObj = stories.Invalid;
export const Disabled: StoryObj = stories.Disabled;
