import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wso-zameldowanie-stale';
export default { title: 'Procedures/wso-zameldowanie-stale', component: 'ebok-wso-zameldowanie-stale' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Person: StoryObj = { name: 'Step 1: person', ...journeyStory(ID, { step: 'person' }) };
export const NewAddress: StoryObj = { name: 'Step 2: new-address', ...journeyStory(ID, { step: 'new-address' }) };
export const Deregistration: StoryObj = {
  name: 'Step 3: deregistration',
  ...journeyStory(ID, { step: 'deregistration' }),
};
export const LegalTitle: StoryObj = { name: 'Step 4: legal-title', ...journeyStory(ID, { step: 'legal-title' }) };
export const Proxy: StoryObj = { name: 'Step 5: proxy', ...journeyStory(ID, { step: 'proxy' }) };
export const Contact: StoryObj = { name: 'Step 6: contact', ...journeyStory(ID, { step: 'contact' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
