import { expect } from '@open-wc/testing';
import { EC_ALGORITHM, x509 } from '@ebok/forms-core/pki';
import { generateResidentKeys } from '@ebok/forms-core/resident';
import './ebok-certificate.js';
import type { EbokCertificate } from './ebok-certificate.js';
import { useLang } from '../localization.js';
import * as signing from '../signing/index.js';
import { expectAccessible, until } from '../../test/helpers.js';

interface ServerInfo {
  readonly url: string;
  readonly tokens: Record<string, string>;
}
const server = (await (await fetch('/__ebok/server.json')).json()) as ServerInfo;

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const title = (el: Element): string => shadow(el).querySelector('h3')?.textContent?.trim() ?? '';
const text = (el: Element): string => shadow(el).textContent!.replace(/\s+/g, ' ');

function type(control: Element, value: string): void {
  (control as Element & { value: string }).value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function click(el: EbokCertificate, label: string): Promise<void> {
  const button = [...shadow(el).querySelectorAll<HTMLButtonElement | HTMLAnchorElement>('button, a')].find((b) =>
    b.textContent!.trim().startsWith(label),
  );
  if (!button) throw new Error(`no "${label}" on "${title(el)}"`);
  button.click();
  await el.updateComplete;
}

async function mount(): Promise<EbokCertificate> {
  const el = document.createElement('ebok-certificate');
  el.setAttribute('endpoint', server.url);
  document.body.append(el);
  await until(() => shadow(el).querySelector('h3'), 'the certificate view');
  return el;
}

async function activationCode(): Promise<string> {
  const response = await fetch(`${server.url}/v1/enrolments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens['registrar']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ givenNames: 'Zofia', surname: 'Wiśniewska', pesel: '44051401359' }),
  });
  return ((await response.json()) as { activationCode: string }).activationCode;
}

describe('<ebok-certificate>', function () {
  this.timeout(60_000);
  beforeEach(async () => {
    await useLang('pl');
    await signing.removeCredential();
  });

  it('catches a mistyped activation code before sending anything', async () => {
    const el = await mount();
    try {
      await expectAccessible(el, 'on enrolment');
      const code = await activationCode();
      // One character changed: the check character catches it.
      const typo = code.replace(/[0-9A-Z]/, (c) => (c === 'A' ? 'B' : 'A'));
      const [codeField, password, repeat] = shadow(el).querySelectorAll('ebok-text-field');
      type(codeField!, typo);
      type(password!, 'haslo-testowe');
      type(repeat!, 'haslo-testowe');
      let requests = 0;
      const observer = new PerformanceObserver((list) => (requests += list.getEntries().length));
      observer.observe({ type: 'resource' });
      await click(el, 'Uzyskaj certyfikat');
      await new Promise((r) => setTimeout(r, 200));
      observer.disconnect();
      expect((codeField as Element & { error: string }).error).to.contain('literówk');
      expect(requests).to.equal(0);
      await expectAccessible(el, 'with the code error shown');
      expect(await signing.loadCredential()).to.equal(undefined);
    } finally {
      el.remove();
    }
  });

  it('enrols, shows whose and until when, backs up to .p12, removes, and restores from the backup', async () => {
    const el = await mount();
    try {
      const [codeField, password, repeat] = shadow(el).querySelectorAll('ebok-text-field');
      type(codeField!, await activationCode());
      type(password!, 'kopia-zapasowa-1');
      type(repeat!, 'kopia-zapasowa-1');
      const changed = new Promise((resolve) => el.addEventListener('ebok-certificate-change', resolve, { once: true }));
      await click(el, 'Uzyskaj certyfikat');
      await changed;
      await until(() => title(el) === 'Twój certyfikat', 'the status');
      expect(text(el)).to.contain('Zofia Wiśniewska');
      const validUntil = new Date(Date.now() + 2 * 365 * 86_400_000).getFullYear();
      expect(text(el)).to.contain(String(validUntil));
      await expectAccessible(el, 'on the status');

      await click(el, 'Zapisz kopię zapasową');
      await click(el, 'Przygotuj plik');
      await until(() => shadow(el).querySelector('a[download]'), 'the download link');
      const link = shadow(el).querySelector<HTMLAnchorElement>('a[download]')!;
      const backup = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
      expect(backup.length).to.be.greaterThan(500);
      await click(el, 'Wróć');

      await click(el, 'Usuń z tej przeglądarki');
      await click(el, 'Tak, usuń');
      await until(() => title(el) === 'Uzyskaj certyfikat', 'enrolment again');
      expect(await signing.loadCredential()).to.equal(undefined);

      await click(el, 'Mam kopię zapasową');
      const file = shadow(el).querySelector('ebok-file-field') as Element & { value: unknown };
      file.value = { file: new File([backup], 'certyfikat-ebok.p12', { type: 'application/x-pkcs12' }), sha256: '' };
      file.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      const passwordField = shadow(el).querySelector('ebok-text-field')!;
      type(passwordField, 'złe hasło');
      await click(el, 'Wczytaj');
      await until(() => text(el).includes('Hasło nie pasuje'), 'the wrong-password message');
      type(passwordField, 'kopia-zapasowa-1');
      await click(el, 'Wczytaj');
      await until(() => title(el) === 'Twój certyfikat', 'the restored certificate');
      const restored = await signing.loadCredential();
      expect(restored?.summary.surname).to.equal('Wiśniewska');
      // The restored key signs: a document signed with it carries the same certificate.
      const signed = await signing.signDocument(
        {
          procedure: 'usc-odpis-aktu',
          schemaVersion: '1.0.0',
          data: {},
          attachments: [],
          submittedAt: new Date().toISOString(),
          nonce: 'n',
        },
        restored!.credential,
      );
      expect(signed.signature.length).to.be.greaterThan(300);
    } finally {
      el.remove();
    }
  });

  it('warns from 30 days before the certificate expires', async () => {
    const keys = await generateResidentKeys();
    const caKeys = await crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '0abc',
      subject: 'CN=Ewa Test, 2.5.4.42=Ewa, 2.5.4.4=Test, C=PL',
      issuer: 'CN=Test CA',
      notBefore: new Date(Date.now() - 700 * 86_400_000),
      notAfter: new Date(Date.now() + 10 * 86_400_000 + 3_600_000),
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: EC_ALGORITHM,
    });
    await signing.saveCredential({
      privateKey: keys.privateKey,
      certificateDer: new Uint8Array(cert.rawData),
      savedAt: new Date().toISOString(),
    });
    const el = await mount();
    try {
      expect(text(el)).to.contain('wygaśnie za 11 dni');
      await expectAccessible(el, 'with the expiry warning');
    } finally {
      el.remove();
    }
  });
});
