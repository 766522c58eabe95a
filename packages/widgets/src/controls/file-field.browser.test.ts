import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { expectSame } from '../../test/helpers.js';
import { runFormControlTests } from './control-contract.js';
import type { EbokFileField, FileValue } from './file-field.js';
import './index.js';

// SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const abc = new File(['abc'], 'wniosek.txt', { type: 'text/plain' });

/** Chooses a file as the browser's picker would. */
function choose(el: EbokFileField, file: File): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

runFormControlTests<FileValue | undefined>('ebok-file-field', {
  sample: { file: abc, sha256: ABC_SHA256 },
  empty: undefined,
  entries: [['field', 'file:wniosek.txt']],
  role: 'button',
  shows: (el) => expect(el.shadowRoot!.querySelector('[part=file]')!.textContent).to.contain('wniosek.txt'),
  // The picker is the browser's own dialog, out of the page's reach; the file arrives as from it.
  typeIn: async (el) => {
    const changed = oneEvent(el, 'change');
    choose(el as EbokFileField, abc);
    await changed;
  },
});

describe('<ebok-file-field>', () => {
  const make = (): Promise<EbokFileField> =>
    fixture(
      html`<ebok-file-field label="Pełnomocnictwo" accept="application/pdf,text/*" max-size="10"></ebok-file-field>`,
    );

  it('hashes an accepted file with SHA-256 in the browser', async () => {
    const el = await make();
    const changed = oneEvent(el, 'change');
    choose(el, abc);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress'), 'progress while reading').to.not.equal(null);
    await changed;
    expect(el.value!.sha256).to.equal(ABC_SHA256);
    expect(el.value!.file.name).to.equal('wniosek.txt');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
  });

  it('refuses a file too big or of a wrong type before reading it', async () => {
    const el = await make();
    const digest = crypto.subtle.digest;
    let hashed = 0;
    crypto.subtle.digest = (...args: Parameters<SubtleCrypto['digest']>) => {
      hashed++;
      return digest.apply(crypto.subtle, args);
    };
    try {
      choose(el, new File(['12345678901'], 'duzy.txt', { type: 'text/plain' }));
      await el.updateComplete;
      expect(el.value).to.equal(undefined);
      expect(el.validity.rangeOverflow).to.equal(true);
      expect(el.validationMessage).to.match(/^Plik jest za duży/);
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('Plik jest za duży');
      expect(el.shadowRoot!.querySelector('progress')).to.equal(null);

      choose(el, new File(['%PDF'], 'skan.png', { type: 'image/png' }));
      await el.updateComplete;
      expect(el.validity.typeMismatch).to.equal(true);
      expect(el.validationMessage).to.equal('Niedozwolony rodzaj pliku. Dozwolone: "application/pdf", "text/*".');
      await new Promise((r) => setTimeout(r, 50));
      expect(hashed, 'nothing was hashed').to.equal(0);
    } finally {
      crypto.subtle.digest = digest;
    }
  });

  it('removes the file with a named button and returns focus to the picker', async () => {
    const el = await make();
    const changed = oneEvent(el, 'change');
    choose(el, abc);
    await changed;
    await el.updateComplete;
    const remove = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=remove]')!;
    expect(remove.textContent!.trim()).to.equal('Usuń plik wniosek.txt');
    remove.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.value).to.equal(undefined);
    expectSame(el.shadowRoot!.activeElement, el.shadowRoot!.querySelector('input'), 'focus');
  });
});
