import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wgn-materialy-zasobu';
export default { title: 'Procedures/wgn-materialy-zasobu', component: 'ebok-wgn-materialy-zasobu' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Materials: StoryObj = { name: 'Step 1: materials', ...journeyStory(ID, { step: 'materials' }) };
export const Area: StoryObj = { name: 'Step 2: area', ...journeyStory(ID, { step: 'area' }) };
export const Purpose: StoryObj = { name: 'Step 3: purpose', ...journeyStory(ID, { step: 'purpose' }) };
export const Applicant: StoryObj = { name: 'Step 4: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Delivery: StoryObj = { name: 'Step 5: delivery', ...journeyStory(ID, { step: 'delivery' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
