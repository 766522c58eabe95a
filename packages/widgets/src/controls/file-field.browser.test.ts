import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { expectSame, until } from '../../test/helpers.js';
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

  describe('a photo whose attachment states a pixel size', () => {
    /** A picture of `width`×`height` pixels as the browser's own encoder writes it. */
    async function picture(type: 'image/jpeg' | 'image/png', width: number, height: number, name: string) {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#8ab';
      context.fillRect(0, 0, width, height);
      return new File([await canvas.convertToBlob({ type })], name, { type });
    }
    const photoField = (image: EbokFileField['image'], accept = 'image/jpeg'): Promise<EbokFileField> =>
      fixture(
        html`<ebok-file-field label="Zdjęcie" accept=${accept} max-size="2621440" .image=${image}></ebok-file-field>`,
      );
    const refusal = async (el: EbokFileField): Promise<string> => {
      await until(() => el.validationMessage, 'the refusal');
      await el.updateComplete;
      expect(el.value).to.equal(undefined);
      expect(el.validity.badInput).to.equal(true);
      expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain(el.validationMessage);
      return el.validationMessage;
    };

    it('refuses one with too few pixels at the field, before anything is sent; another may be chosen', async () => {
      const el = await photoField({ minWidth: 492, minHeight: 633 });
      choose(el, await picture('image/jpeg', 400, 500, 'zdjecie.jpg'));
      expect(await refusal(el)).to.equal('Zdjęcie ma 400×500 pikseli, a musi mieć co najmniej 492×633.');

      const changed = oneEvent(el, 'change');
      choose(el, await picture('image/jpeg', 492, 633, 'zdjecie-2.jpg'));
      await changed;
      await el.updateComplete;
      expect(el.value!.file.name).to.equal('zdjecie-2.jpg');
      expect(el.value!.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(el.validationMessage).to.equal('');
      expect(el.shadowRoot!.querySelector('[part=error]')?.textContent?.trim() ?? '').to.equal('');
    });

    it('says when it must be exactly one size', async () => {
      const el = await photoField({ minWidth: 480, minHeight: 615, maxWidth: 480, maxHeight: 615 }, 'image/png');
      choose(el, await picture('image/png', 500, 640, 'zdjecie.png'));
      expect(await refusal(el)).to.equal('Zdjęcie ma 500×640 pikseli, a musi mieć dokładnie 480×615.');
    });

    it('refuses a file that is not the JPEG its type says', async () => {
      const el = await photoField({ minWidth: 492, minHeight: 633 });
      choose(el, new File(['%PDF-1.7 not a photo'], 'zdjecie.jpg', { type: 'image/jpeg' }));
      expect(await refusal(el)).to.equal('Plik nie jest prawidłowym obrazem JPEG.');
      // A PNG named as a JPEG is not one either.
      choose(el, new File([await picture('image/png', 492, 633, 'x.png')], 'zdjecie-2.jpg', { type: 'image/jpeg' }));
      await until(() => el.validationMessage === 'Plik nie jest prawidłowym obrazem JPEG.', 'the second refusal');
    });
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
