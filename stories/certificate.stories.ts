import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/certificate/ebok-certificate.js';
import { removeStoryCredential, storeStoryCredential } from './support/credential.js';

export default { title: 'Certificate', component: 'ebok-certificate' } satisfies Meta;

// No intake server runs behind Storybook: enrolment is shown, not sent (the endpoint is reserved for examples).
const certificate = () => html`<ebok-certificate endpoint="https://intake.example"></ebok-certificate>`;

/** No certificate in this browser yet: the activation code from the town hall and a backup password. */
export const Enrolment: StoryObj = {
  loaders: [async () => (await removeStoryCredential(), {})],
  render: certificate,
};

/** A certificate in this browser: whose, valid until when, backup and removal. Issued here by a throwaway CA. */
export const Status: StoryObj = {
  loaders: [async () => (await storeStoryCredential(), {})],
  render: certificate,
};

/** From 30 days before it expires the resident is told to renew it at the town hall. */
export const ExpiringSoon: StoryObj = {
  name: 'Status: expiring soon',
  loaders: [async () => (await storeStoryCredential(12), {})],
  render: certificate,
};
