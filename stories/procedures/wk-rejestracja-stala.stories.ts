import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wk-rejestracja-stala';
export default { title: 'Procedures/wk-rejestracja-stala', component: 'ebok-wk-rejestracja-stala' } satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Owners: StoryObj = { name: 'Step 1: owners', ...journeyStory(ID, { step: 'owners' }) };
export const Vehicle: StoryObj = { name: 'Step 2: vehicle', ...journeyStory(ID, { step: 'vehicle' }) };
export const Plates: StoryObj = { name: 'Step 3: plates', ...journeyStory(ID, { step: 'plates' }) };
export const Proxy: StoryObj = { name: 'Step 4: proxy', ...journeyStory(ID, { step: 'proxy' }) };
export const Documents: StoryObj = { name: 'Step 5: documents', ...journeyStory(ID, { step: 'documents' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
