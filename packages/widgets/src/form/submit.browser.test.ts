// Sending against the real intake server: a retry of the same signed document with the same
// Idempotency-Key gets the first register number back; a refusal and an unreachable server are
// told apart, so the resident hears what happened.
import { expect } from '@open-wc/testing';
import { canonicalJson, signDetached } from '@ebok/forms-core/resident';
import { enrolledResident } from '../../test/helpers.js';
import { sendSubmission, SubmissionError } from './submit.js';
import type { SignedSubmission } from './drafts.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;

const signer = () => enrolledResident(server);

async function signed(
  data: Record<string, unknown>,
  who: Awaited<ReturnType<typeof signer>>,
): Promise<SignedSubmission> {
  const document = canonicalJson({
    procedure: 'usc-odpis-aktu',
    schemaVersion: '1.0.0',
    data,
    attachments: [],
    submittedAt: new Date().toISOString(),
    nonce: crypto.randomUUID(),
  } as never);
  const signature = await signDetached(new TextEncoder().encode(document), who.keys.privateKey, who.certificateDer);
  return { document, signature, idempotencyKey: crypto.randomUUID() };
}

const examples = (await (await fetch('/__ebok/examples.json')).json()) as Record<
  string,
  Array<{ name: string; data: object }>
>;
// One that needs no attachment.
const valid = examples['usc-odpis-aktu']!.find((e) => e.name === 'valid-death-unidentified-exempt.json')!
  .data as Record<string, unknown>;

describe('sending an application', function () {
  this.timeout(30_000);

  it('gets the first register number back when the same application is sent again', async () => {
    const submission = await signed(valid, await signer());
    const first = await sendSubmission({ endpoint: server.url, signed: submission, attachments: {}, lang: 'pl' });
    const again = await sendSubmission({ endpoint: server.url, signed: submission, attachments: {}, lang: 'pl' });
    expect(first.registryNumber).to.match(/^RPW\/\d+\/\d{4}$/);
    expect(again.registryNumber).to.equal(first.registryNumber);
    expect(again.receipt.document).to.equal(first.receipt.document);
  });

  it('reports a refusal with the reasons in the resident’s language, without retrying', async () => {
    const submission = await signed({ ...valid, copies: 0 }, await signer());
    let error: unknown;
    const started = performance.now();
    try {
      await sendSubmission({
        endpoint: server.url,
        signed: submission,
        attachments: {},
        lang: 'en',
        retryDelayMs: 2000,
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(SubmissionError);
    expect((error as SubmissionError).kind).to.equal('rejected');
    expect((error as SubmissionError).problem?.errors?.map((e) => e.pointer)).to.include('/copies');
    expect((error as SubmissionError).problem?.title).to.equal('The application has errors.');
    expect(performance.now() - started).to.be.lessThan(2000);
  });

  it('says the office could not be reached after trying again, and keeps the same key', async () => {
    const submission = await signed(valid, await signer());
    let error: unknown;
    try {
      // Nothing listens on port 9 of this machine.
      await sendSubmission({
        endpoint: 'http://127.0.0.1:9',
        signed: submission,
        attachments: {},
        lang: 'pl',
        retryDelayMs: 10,
      });
    } catch (e) {
      error = e;
    }
    expect((error as SubmissionError).kind).to.equal('unreachable');
    // The same signed bytes and key, sent once the office is reachable, are registered once.
    const receipt = await sendSubmission({ endpoint: server.url, signed: submission, attachments: {}, lang: 'pl' });
    expect(receipt.registryNumber).to.match(/^RPW\//);
  });
});
