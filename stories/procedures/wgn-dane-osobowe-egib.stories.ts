import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wgn-dane-osobowe-egib';
export default { title: 'Procedures/wgn-dane-osobowe-egib', component: 'ebok-wgn-dane-osobowe-egib' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Property: StoryObj = { name: 'Step 1: property', ...journeyStory(ID, { step: 'property' }) };
export const Applicant: StoryObj = { name: 'Step 2: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Entitlement: StoryObj = { name: 'Step 3: entitlement', ...journeyStory(ID, { step: 'entitlement' }) };
export const Delivery: StoryObj = { name: 'Step 4: delivery', ...journeyStory(ID, { step: 'delivery' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
