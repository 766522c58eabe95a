import type { StoryObj } from '@storybook/web-components-vite';
import catalogue from '@ebok/schemas/catalogue.json';
import { procedureModules, procedureTags } from '../../packages/widgets/src/generated/elements/index.js';
import type { ProcedureForm } from '../../packages/widgets/src/form/procedure-form.js';
import { currentLang } from '../../packages/widgets/src/localization.js';
import { sampleFile, validExample } from './examples.js';
import { removeStoryCredential, storeStoryCredential, storyReceipt, type StoryHolder } from './credential.js';

/** Where a story leaves the journey: the start page, a step (by its id), check answers, signing, the receipt. */
export type Stop = 'start' | 'check' | 'sign' | 'receipt' | { readonly step: string };

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

async function until(check: () => unknown, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

async function press(el: ProcedureForm, selector: string): Promise<void> {
  const button = shadow(el).querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`no ${selector} on "${shadow(el).querySelector('h2')?.textContent?.trim()}"`);
  button.click();
  await el.updateComplete;
}

/** Attaches a generated file for each attachment the example lists on this step, as a resident would. */
async function attach(el: ProcedureForm, id: string, example?: string): Promise<void> {
  const refs = validExample(id, example).attachments ?? [];
  for (const field of shadow(el).querySelectorAll<HTMLElement & { value: unknown }>('ebok-file-field')) {
    const ref = refs.find((a) => a.name === field.getAttribute('name'));
    if (!ref) continue;
    field.value = await sampleFile(`${ref.name}.pdf`, ref.mediaType);
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

/**
 * Whether a certificate is in this browser at the signing step: none (enrolment), the resident's
 * (`true`: ZOFIA, whom the example names as its signer), or someone else's.
 */
export interface JourneyOptions {
  readonly credential?: boolean | StoryHolder;
  /**
   * At the signing step, signing with a file chosen: its PDF ready to download, or a signed file
   * the office refused (its answers stand in for the intake server's).
   */
  readonly file?: 'ready' | 'refused' | Refusal;
  /** The valid example to fill in (its file name), if not the procedure's first. */
  readonly example?: string;
}

/** How the office refuses a signed file in a story: a problem as the intake server answers it. */
export interface Refusal {
  readonly type: string;
  readonly reason?: string;
  readonly accepted?: readonly string[];
  readonly pointer?: string;
}

const UNKNOWN_ISSUER: Refusal = { type: 'certificate-invalid', reason: 'unknown-issuer' };

/** The office's answers when a story signs with a file: a stand-in PDF, and a refusal of the file. */
function fileAnswers(input: RequestInfo | URL, refusal: Refusal): Response | undefined {
  const url = String(input);
  if (url.endsWith('/v1/documents'))
    return new Response(new TextEncoder().encode('%PDF-1.7\n% a stand-in for the application\n%%EOF\n'), {
      headers: { 'content-type': 'application/pdf' },
    });
  if (url.endsWith('/v1/submissions'))
    return new Response(
      JSON.stringify({
        title: 'Odmowa',
        status: 422,
        ...refusal,
        type: `urn:ebok:problem:${refusal.type}`,
      }),
      { status: 422, headers: { 'content-type': 'application/problem+json' } },
    );
  return undefined;
}

/** Chooses to sign with a file, and gives a signed file the office refuses if `state` says so. */
async function signWithFile(el: ProcedureForm, state: 'ready' | 'refused' | Refusal): Promise<void> {
  // Where the procedure accepts only signed files (or several people sign), there is nothing to choose.
  shadow(el).querySelector<HTMLInputElement>('input[name=sign-way][value=file]')?.click();
  await until(() => shadow(el).querySelector('a.download'), 'the download link');
  if (state === 'ready') return;
  const input = shadow(el).querySelector<HTMLInputElement>('#signed-file')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])], 'wniosek.pdf.p7s'));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until(() => shadow(el).querySelector('.added'), 'the signed file added');
  await press(el, '.actions button.primary');
  await until(() => shadow(el).querySelector('#signed-file-error'), 'the refusal');
}

/**
 * A procedure's element taken to `stop` the way a resident gets there: the valid example filled
 * in, every step before it continued through (with its validation), so a story shows what the
 * journey really renders. Built off-screen in a loader, so the story is complete when it is shown.
 */
export async function reach(id: string, stop: Stop, options: JourneyOptions = {}): Promise<ProcedureForm> {
  // The office's answers stand in from the start: a step that signs only with files asks for the
  // PDF as soon as it shows.
  const realFetch = window.fetch;
  const { file } = options;
  if (file) {
    const refusal = typeof file === 'object' ? file : UNKNOWN_ISSUER;
    window.fetch = (input, init) => Promise.resolve(fileAnswers(input, refusal) ?? realFetch(input, init));
  }
  try {
    return await reachWith(id, stop, options);
  } finally {
    window.fetch = realFetch;
  }
}

async function reachWith(id: string, stop: Stop, options: JourneyOptions): Promise<ProcedureForm> {
  await procedureModules[id]!();
  // Signing shows enrolment or the certificate in this browser: make that the story's choice.
  const { credential } = options;
  await (credential
    ? storeStoryCredential(730, credential === true ? undefined : credential)
    : removeStoryCredential());
  const el = document.createElement(procedureTags[id]!) as ProcedureForm;
  // Drafts are kept per endpoint and procedure: one key per stop keeps stories from restoring each other.
  el.setAttribute('endpoint', `https://intake.example/${typeof stop === 'string' ? stop : stop.step}`);
  const stage = document.createElement('div');
  stage.hidden = true;
  document.body.append(stage);
  stage.append(el);
  try {
    const entry = catalogue.find((p) => p.id === id)!;
    const title = entry.title[currentLang()];
    await until(() => shadow(el).querySelector('.caption')?.textContent?.trim() === title, `the title of ${id}`);
    const { model } = el.constructor as typeof ProcedureForm;
    if (stop === 'start') return el;
    if (stop === 'receipt') {
      el.showReceipt(await storyReceipt(entry, entry.department));
      await el.updateComplete;
      return el;
    }
    el.value = validExample(id, options.example).data;
    await press(el, 'button.primary');
    for (const step of model.steps) {
      await attach(el, id, options.example);
      if (typeof stop === 'object' && stop.step === step.id) return el;
      await press(el, 'form button[type=submit]');
      const errors = shadow(el).querySelector('.error-summary');
      if (errors) throw new Error(`the example does not pass step ${step.id}: ${errors.textContent}`);
    }
    if (typeof stop === 'object') throw new Error(`${id} has no step "${stop.step}"`);
    if (stop === 'check') return el;
    await press(el, 'button.primary');
    await until(
      () =>
        credential === true
          ? shadow(el).querySelector('.actions button.primary')
          : credential
            ? shadow(el).querySelector('.signer-problem')
            : (shadow(el).querySelector('ebok-certificate')?.shadowRoot?.querySelector('h3') ??
              shadow(el).querySelector('#signed-file')),
      'the signing step',
    );
    if (options.file) await signWithFile(el, options.file);
    return el;
  } finally {
    el.remove();
    stage.remove();
  }
}

interface Loaded {
  readonly loaded: { readonly el?: ProcedureForm };
}

/** A story showing `stop` of procedure `id`. */
export function journeyStory(id: string, stop: Stop, options: JourneyOptions = {}): StoryObj {
  return {
    loaders: [async () => ({ el: await reach(id, stop, options) })],
    render: (_args, { loaded }: Loaded) => loaded.el!,
  };
}
