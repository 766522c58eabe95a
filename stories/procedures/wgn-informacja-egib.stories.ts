import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wgn-informacja-egib';
export default { title: 'Procedures/wgn-informacja-egib', component: 'ebok-wgn-informacja-egib' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Document: StoryObj = { name: 'Step 1: document', ...journeyStory(ID, { step: 'document' }) };
export const Property: StoryObj = { name: 'Step 2: property', ...journeyStory(ID, { step: 'property' }) };
export const Applicant: StoryObj = { name: 'Step 3: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const LegalInterest: StoryObj = {
  name: 'Step 4: legal-interest',
  ...journeyStory(ID, { step: 'legal-interest' }),
};
export const Delivery: StoryObj = { name: 'Step 5: delivery', ...journeyStory(ID, { step: 'delivery' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
