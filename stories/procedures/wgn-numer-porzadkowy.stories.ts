import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wgn-numer-porzadkowy';
export default { title: 'Procedures/wgn-numer-porzadkowy', component: 'ebok-wgn-numer-porzadkowy' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Property: StoryObj = { name: 'Step 1: property', ...journeyStory(ID, { step: 'property' }) };
export const Building: StoryObj = { name: 'Step 2: building', ...journeyStory(ID, { step: 'building' }) };
export const Applicant: StoryObj = { name: 'Step 3: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Delivery: StoryObj = { name: 'Step 4: delivery', ...journeyStory(ID, { step: 'delivery' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
