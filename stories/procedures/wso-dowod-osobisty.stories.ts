import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wso-dowod-osobisty';
export default { title: 'Procedures/wso-dowod-osobisty', component: 'ebok-wso-dowod-osobisty' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Who: StoryObj = { name: 'Step 1: who', ...journeyStory(ID, { step: 'who' }) };
export const Person: StoryObj = { name: 'Step 2: person', ...journeyStory(ID, { step: 'person' }) };
export const Reason: StoryObj = { name: 'Step 3: reason', ...journeyStory(ID, { step: 'reason' }) };
export const Photo: StoryObj = { name: 'Step 4: photo', ...journeyStory(ID, { step: 'photo' }) };
export const Signature: StoryObj = { name: 'Step 5: signature', ...journeyStory(ID, { step: 'signature' }) };
export const Contact: StoryObj = { name: 'Step 6: contact', ...journeyStory(ID, { step: 'contact' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
