import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wk-prawo-jazdy';
export default { title: 'Procedures/wk-prawo-jazdy', component: 'ebok-wk-prawo-jazdy' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Request: StoryObj = { name: 'Step 1: request', ...journeyStory(ID, { step: 'request' }) };
export const Applicant: StoryObj = { name: 'Step 2: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Licence: StoryObj = { name: 'Step 3: licence', ...journeyStory(ID, { step: 'licence' }) };
export const Declarations: StoryObj = { name: 'Step 4: declarations', ...journeyStory(ID, { step: 'declarations' }) };
export const Documents: StoryObj = { name: 'Step 5: documents', ...journeyStory(ID, { step: 'documents' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
