import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/form/ebok-form.js';
import { journeyStory, reach, type Refusal } from './support/journey.js';

export default { title: 'Journey', component: 'ebok-form' } satisfies Meta<{ procedure: string }>;

/** `<ebok-form procedure=…>`: any procedure by its id, its element loaded on demand. */
export const Form: StoryObj<{ procedure: string }> = {
  args: { procedure: 'wso-wymeldowanie-stale' },
  render: ({ procedure }) =>
    html`<ebok-form procedure=${procedure} endpoint="https://intake.example/form"></ebok-form>`,
};

/**
 * `start="first-step"`, for a page that says itself what the application is for: the form opens on
 * its first step (a saved draft is offered above it; the fee and how to sign come on "check your
 * answers"). The Actions panel shows the events a host page hears: `ebok-step`, `ebok-invalid`,
 * `ebok-dirty`, `ebok-draft-restored`.
 */
export const FirstStep: StoryObj<{ procedure: string }> = {
  name: 'Form opening on its first step',
  args: { procedure: 'wso-wymeldowanie-stale' },
  render: ({ procedure }) =>
    html`<ebok-form
      procedure=${procedure}
      start="first-step"
      endpoint="https://intake.example/first-step"
    ></ebok-form>`,
};

/** Continuing an empty step: the error summary takes focus and links to each field; errors sit by their fields. */
export const ErrorSummary: StoryObj = {
  name: 'Error summary',
  loaders: [
    async () => {
      const el = await reach('usc-odpis-aktu', 'start');
      el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
      await el.updateComplete;
      return { el };
    },
  ],
  render: (_args, { loaded }) => loaded['el'] as HTMLElement,
};

/** Signing when a certificate is in this browser (issued here by a throwaway CA). */
export const SignWithCertificate: StoryObj = {
  name: 'Sign with a certificate',
  ...journeyStory('usc-odpis-aktu', 'sign', { credential: true }),
};

/**
 * The certificate in this browser is not the person the form names as its signer: said before
 * signing (the office would refuse it), with the way back to the field to correct.
 */
export const SignerMismatch: StoryObj = {
  name: 'Sign: the certificate is someone else’s',
  ...journeyStory('usc-odpis-aktu', 'sign', {
    credential: { givenNames: 'Jan', surname: 'Nowak', pesel: '02070803628' },
  }),
};

/**
 * Signing with a qualified signature or podpis osobisty: the application as a PDF to download, how
 * to sign it, and the signed file to add (by the file input, or dropped on it).
 */
export const SignWithFile: StoryObj = {
  name: 'Sign with a file (qualified signature or podpis osobisty)',
  ...journeyStory('usc-odpis-aktu', 'sign', { credential: true, file: 'ready' }),
};

/** The office refused the signed file: what happened and what to do, in the summary and by the file. */
export const SignWithFileRefused: StoryObj = {
  name: 'Sign with a file: the office refused it',
  ...journeyStory('usc-odpis-aktu', 'sign', { credential: true, file: 'refused' }),
};

/**
 * A procedure whose act names only the three statutory signatures (residence): the step says so
 * and goes straight to signing with a file, with no choice of the city certificate.
 */
export const SignOnlyWithFile: StoryObj = {
  name: 'Sign: only the signatures the law names (residence)',
  ...journeyStory('wso-zameldowanie-stale', 'sign', { file: 'ready' }),
};

/** Each of the office's refusals of a signed file, as the resident reads it. */
const refused = (name: string, refusal: Refusal, lang?: 'en' | 'uk'): StoryObj => ({
  name: `Sign with a file refused: ${name}${lang ? ` (${lang})` : ''}`,
  ...(lang && { globals: { locale: lang } }),
  ...journeyStory('usc-odpis-aktu', 'sign', { credential: true, file: refusal }),
});
export const RefusedExpired = refused('certificate expired', {
  type: 'certificate-invalid',
  reason: 'certificate-expired',
});
export const RefusedNotQualified = refused('not a qualified certificate', {
  type: 'certificate-invalid',
  reason: 'not-qualified',
});
export const RefusedOtherDocument = refused('another document signed', {
  type: 'signature-invalid',
  reason: 'content-mismatch',
});
export const RefusedSigner = refused('signed by someone else', { type: 'signer-mismatch' });
export const RefusedKind = refused('a kind this procedure does not accept', {
  type: 'signature-kind-not-accepted',
  accepted: ['city', 'qualified'],
});
export const RefusedKindEnglish = refused(
  'a kind this procedure does not accept',
  { type: 'signature-kind-not-accepted', accepted: ['qualified', 'trusted-profile', 'personal'] },
  'en',
);
export const RefusedSignerUkrainian = refused('signed by someone else', { type: 'signer-mismatch' }, 'uk');
export const RefusedUnsupportedUkrainian = refused(
  'not a signed file',
  { type: 'signature-invalid', reason: 'unsupported-format' },
  'uk',
);

export const RefusedRevoked = refused('certificate revoked', { type: 'certificate-revoked', reason: 'keyCompromise' });
export const RefusedRevocationUnavailable = refused('revocation cannot be checked now', {
  type: 'revocation-unavailable',
});

/** Co-owners: each signs the PDF with their own tool, and every signed file is added. */
export const SignCoOwners: StoryObj = {
  name: 'Sign with a file: co-owners, each signs',
  ...journeyStory('wk-rejestracja-stala', 'sign', {
    example: 'valid-used-polish-keep-plate-co-owners.json',
    file: 'ready',
  }),
};

/** Co-owners: the office refused the filing, as a co-owner has not signed. */
export const RefusedCoOwnerMissing: StoryObj = {
  name: 'Sign with a file refused: a co-owner has not signed',
  ...journeyStory('wk-rejestracja-stala', 'sign', {
    example: 'valid-used-polish-keep-plate-co-owners.json',
    file: { type: 'signer-mismatch', reason: 'not-signed', pointer: '/owners/1' },
  }),
};

/** The receipt (UPO) page, shown with `showReceipt(receipt)` from a receipt shaped as the server's. */
export const Receipt: StoryObj = journeyStory('wso-zameldowanie-stale', 'receipt');
