import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wso-ceidg-wpis';
export default { title: 'Procedures/wso-ceidg-wpis', component: 'ebok-wso-ceidg-wpis' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Application: StoryObj = { name: 'Step 1: application', ...journeyStory(ID, { step: 'application' }) };
export const Entrepreneur: StoryObj = { name: 'Step 2: entrepreneur', ...journeyStory(ID, { step: 'entrepreneur' }) };
export const Addresses: StoryObj = { name: 'Step 3: addresses', ...journeyStory(ID, { step: 'addresses' }) };
export const Business: StoryObj = { name: 'Step 4: business', ...journeyStory(ID, { step: 'business' }) };
export const Tax: StoryObj = { name: 'Step 5: tax', ...journeyStory(ID, { step: 'tax' }) };
export const Contact: StoryObj = { name: 'Step 6: contact', ...journeyStory(ID, { step: 'contact' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
