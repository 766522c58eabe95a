import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wk-rejestracja-czasowa';
export default { title: 'Procedures/wk-rejestracja-czasowa', component: 'ebok-wk-rejestracja-czasowa' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Owners: StoryObj = { name: 'Step 1: owners', ...journeyStory(ID, { step: 'owners' }) };
export const Vehicle: StoryObj = { name: 'Step 2: vehicle', ...journeyStory(ID, { step: 'vehicle' }) };
export const Purpose: StoryObj = { name: 'Step 3: purpose', ...journeyStory(ID, { step: 'purpose' }) };
export const Proxy: StoryObj = { name: 'Step 4: proxy', ...journeyStory(ID, { step: 'proxy' }) };
export const Documents: StoryObj = { name: 'Step 5: documents', ...journeyStory(ID, { step: 'documents' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
