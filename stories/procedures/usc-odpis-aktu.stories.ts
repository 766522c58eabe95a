import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'usc-odpis-aktu';
export default { title: 'Procedures/usc-odpis-aktu', component: 'ebok-usc-odpis-aktu' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Record: StoryObj = { name: 'Step 1: record', ...journeyStory(ID, { step: 'record' }) };
export const Person: StoryObj = { name: 'Step 2: person', ...journeyStory(ID, { step: 'person' }) };
export const Applicant: StoryObj = { name: 'Step 3: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Delivery: StoryObj = { name: 'Step 4: delivery', ...journeyStory(ID, { step: 'delivery' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
