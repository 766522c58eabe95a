import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wso-wymeldowanie-stale';
export default { title: 'Procedures/wso-wymeldowanie-stale', component: 'ebok-wso-wymeldowanie-stale' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Person: StoryObj = { name: 'Step 1: person', ...journeyStory(ID, { step: 'person' }) };
export const Address: StoryObj = { name: 'Step 2: address', ...journeyStory(ID, { step: 'address' }) };
export const Proxy: StoryObj = { name: 'Step 3: proxy', ...journeyStory(ID, { step: 'proxy' }) };
export const Contact: StoryObj = { name: 'Step 4: contact', ...journeyStory(ID, { step: 'contact' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
