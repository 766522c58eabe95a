// Embedding as a web editor does it: one script tag from the intake server, on a page with a
// strict Content-Security-Policy (no inline script, no eval), several forms, and its own heavy CSS.
import { expect } from '@open-wc/testing';
import { until } from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;

/** A page in a frame, built from the built bundles the server serves, as a city's page would load them. */
async function page(body: string, csp: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '700px';
  frame.srcdoc = `<!doctype html><html lang="pl"><head>
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <style>
      * { box-sizing: content-box; }
      body { font-family: Georgia, serif; letter-spacing: 0.3em; text-transform: uppercase; color: #333; }
      button, input { background: rgb(255, 255, 0); font-size: 30px; border: 5px dashed red; }
      h2 { display: none; }
      p { color: rgb(255, 0, 0); }
    </style>
    <script type="module" src="${server.url}/widgets/ebok.js"></script>
  </head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

const STRICT = `default-src 'none'; script-src ${server.url}; connect-src ${server.url}; style-src 'unsafe-inline'; img-src blob: data:`;

const innerForm = (doc: Document, i: number): HTMLElement | null =>
  (doc.querySelectorAll('ebok-form')[i]?.shadowRoot?.querySelector('[endpoint]') as HTMLElement | null) ?? null;

describe('embedding', function () {
  this.timeout(60_000);

  it('runs under script-src without eval, with two forms on one page, styles isolated both ways', async () => {
    const doc = await page(
      `<h1>BIP</h1><button id="own">page button</button>
       <ebok-form procedure="usc-odpis-aktu" endpoint="${server.url}"></ebok-form>
       <ebok-form procedure="wk-prawo-jazdy" endpoint="${server.url}"></ebok-form>`,
      STRICT,
    );
    try {
      const start = (i: number): HTMLButtonElement | null =>
        innerForm(doc, i)?.shadowRoot?.querySelector<HTMLButtonElement>('button.primary') ?? null;
      await until(() => start(0) && start(1), 'both forms', 20_000);

      // The page's CSS does not reach into the forms…
      const win = doc.defaultView!;
      const button = win.getComputedStyle(start(0)!);
      expect(button.backgroundColor).to.not.equal('rgb(255, 255, 0)');
      expect(button.textTransform).to.equal('none');
      expect(button.fontFamily).to.not.contain('Georgia');
      const heading = innerForm(doc, 0)!.shadowRoot!.querySelector('h2')!;
      expect(win.getComputedStyle(heading).display).to.equal('block');
      expect(win.getComputedStyle(innerForm(doc, 0)!.shadowRoot!.querySelector('p')!).color).to.not.equal(
        'rgb(255, 0, 0)',
      );
      // … and the forms' CSS does not reach out.
      expect(win.getComputedStyle(doc.getElementById('own')!).backgroundColor).to.equal('rgb(255, 255, 0)');

      // Both forms work, each on its own: validation (the generated validators) runs under this policy.
      start(0)!.click();
      start(1)!.click();
      await until(() => innerForm(doc, 0)!.shadowRoot!.querySelector('form'), 'the first step of the first form');
      await until(() => innerForm(doc, 1)!.shadowRoot!.querySelector('form'), 'the first step of the second form');
      innerForm(doc, 0)!.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
      await until(() => innerForm(doc, 0)!.shadowRoot!.querySelector('.error-summary'), 'errors in the first form');
      expect(innerForm(doc, 1)!.shadowRoot!.querySelector('.error-summary')).to.equal(null);
    } finally {
      document.querySelector('iframe')?.remove();
    }
  });

  it('loads a certificate beside a form after the form, and at once on a page without one', async () => {
    const doc = await page(
      `<ebok-certificate endpoint="${server.url}"></ebok-certificate>
       <ebok-form procedure="wso-wymeldowanie-stale" endpoint="${server.url}"></ebok-form>`,
      STRICT,
    );
    try {
      const registry = doc.defaultView!.customElements;
      const order: string[] = [];
      for (const tag of ['ebok-certificate', 'ebok-wso-wymeldowanie-stale'])
        void registry.whenDefined(tag).then(() => order.push(tag));
      await until(() => order.length === 2, 'both elements defined', 20_000);
      expect(order).to.deep.equal(['ebok-wso-wymeldowanie-stale', 'ebok-certificate']);
    } finally {
      document.querySelector('iframe')?.remove();
    }
    const alone = await page(`<ebok-certificate endpoint="${server.url}"></ebok-certificate>`, STRICT);
    try {
      await until(() => alone.defaultView!.customElements.get('ebok-certificate'), 'the certificate defined', 20_000);
    } finally {
      document.querySelector('iframe')?.remove();
    }
  });

  it('says clearly when a procedure does not exist', async () => {
    const doc = await page(`<ebok-form procedure="no-such-procedure"></ebok-form>`, STRICT);
    try {
      await until(() => doc.querySelector('ebok-form')?.shadowRoot?.querySelector('[role=alert]'), 'the message');
      expect(doc.querySelector('ebok-form')!.shadowRoot!.textContent).to.contain('no-such-procedure');
    } finally {
      document.querySelector('iframe')?.remove();
    }
  });
});
