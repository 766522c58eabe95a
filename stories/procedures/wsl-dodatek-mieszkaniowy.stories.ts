import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyStory } from '../support/journey.js';

const ID = 'wsl-dodatek-mieszkaniowy';
export default {
  title: 'Procedures/wsl-dodatek-mieszkaniowy',
  component: 'ebok-wsl-dodatek-mieszkaniowy',
} satisfies Meta;

export const Start: StoryObj = journeyStory(ID, 'start');
export const Applicant: StoryObj = { name: 'Step 1: applicant', ...journeyStory(ID, { step: 'applicant' }) };
export const Home: StoryObj = { name: 'Step 2: home', ...journeyStory(ID, { step: 'home' }) };
export const Household: StoryObj = { name: 'Step 3: household', ...journeyStory(ID, { step: 'household' }) };
export const Income: StoryObj = { name: 'Step 4: income', ...journeyStory(ID, { step: 'income' }) };
export const Expenses: StoryObj = { name: 'Step 5: expenses', ...journeyStory(ID, { step: 'expenses' }) };
export const Check: StoryObj = { name: 'Check answers', ...journeyStory(ID, 'check') };
export const Sign: StoryObj = { name: 'Sign (no certificate yet)', ...journeyStory(ID, 'sign') };
export const Receipt: StoryObj = journeyStory(ID, 'receipt');
