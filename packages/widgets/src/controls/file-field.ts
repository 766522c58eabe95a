import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ImageRule } from '@ebok/forms-core/runtime/base';
import { define } from '../internal/ebok-element.js';
import { formatSize } from '../localization.js';
import { FormControl, type ControlValidity } from './form-control.js';
import { coreMessage } from './messages.js';

/** A chosen attachment and its SHA-256 (hex), which the signed document binds it by. */
export interface FileValue {
  readonly file: File;
  readonly sha256: string;
}

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether a file's media type is one `accept` allows (`application/pdf`, `image/*`, `.pdf`). */
function accepted(file: File, accept: readonly string[]): boolean {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return accept.some((a) =>
    a.startsWith('.') ? name.endsWith(a) : a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : type === a,
  );
}

/**
 * An attachment. Its media type and size are checked as soon as it is chosen, before anything
 * is sent, and where `image` states a pixel size, its JPEG or PNG headers too (by the server's
 * own check, loaded only then); then it is read (with a progress bar) and its SHA-256 computed
 * in the browser. Nothing is uploaded here: the journey sends the file with the signed document.
 *
 * @tagname ebok-file-field
 * @summary `<ebok-file-field label="Pełnomocnictwo" accept="application/pdf,image/jpeg" max-size="5242880">`
 * @csspart control - The `<input type="file">`.
 * @csspart file - The chosen file: name, size and the remove button.
 * @csspart remove - The remove button.
 * @csspart progress - The `<progress>` while the file is read.
 */
export class EbokFileField extends FormControl<FileValue | undefined> {
  static override properties = {
    ...FormControl.properties,
    accept: {},
    maxSize: { type: Number, attribute: 'max-size' },
    rejection: { state: true },
    progress: { state: true },
  };

  /** Allowed media types, comma-separated as in the native attribute (`application/pdf,image/*`). */
  declare accept: string;
  /** Largest file allowed, in bytes. */
  declare maxSize: number | undefined;
  /** The pixel size a JPEG or PNG must have (the procedure's `image` rule); read when a file is chosen. */
  declare image: ImageRule | undefined;
  /** Why the last file chosen was refused: it never became the value. */
  declare private rejection: ControlValidity | undefined;
  /** How much of the file is read (0 to 1), -1 while it is hashed, undefined otherwise. */
  declare private progress: number | undefined;
  #reading = 0;

  constructor() {
    super();
    this.accept = '';
  }

  protected emptyValue(): undefined {
    return undefined;
  }
  protected formValue(value: FileValue | undefined): File | null {
    return value?.file ?? null;
  }
  protected restoreValue(state: string | File | FormData): FileValue | undefined {
    // The digest is not part of the saved state: read the restored file again.
    if (state instanceof File) void this.#take(state);
    return undefined;
  }

  protected checkValue(value: FileValue | undefined): ControlValidity {
    return this.rejection ?? this.requiredCheck(value === undefined);
  }

  get #acceptList(): string[] {
    return this.accept
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean);
  }

  /** Checks a chosen file and, if it may be sent, reads and hashes it into the value. */
  async #take(file: File): Promise<void> {
    const types = this.#acceptList;
    const ticket = ++this.#reading;
    this.rejection =
      types.length && !accepted(file, types)
        ? { flags: { typeMismatch: true }, message: coreMessage('attachment.media-type', { allowed: types }) }
        : this.maxSize !== undefined && file.size > this.maxSize
          ? { flags: { rangeOverflow: true }, message: coreMessage('attachment.too-large', { limit: this.maxSize }) }
          : file.size === 0
            ? { flags: { badInput: true }, message: coreMessage('attachment.empty') }
            : undefined;
    if (this.rejection) {
      this.setValueFromUser(undefined, true);
      return;
    }
    this.progress = 0;
    let rejection: ControlValidity | undefined;
    try {
      // A pixel size, where one is stated: the server's own check of the headers, loaded only
      // then (where it cannot be, the server checks all the same).
      rejection =
        this.image && (await (await import('./image-rejection.js').catch(() => undefined))?.imageRejection(this, file));
      if (!rejection) {
        const data = await this.#read(file, ticket);
        if (ticket === this.#reading) this.progress = -1;
        const sha256 = await sha256Hex(data);
        // A file chosen later wins over one still being read.
        if (ticket === this.#reading) this.setValueFromUser({ file, sha256 }, true);
      }
    } catch {
      rejection = {
        flags: { badInput: true },
        message: msg('Nie udało się odczytać pliku.', { id: 'file.unreadable' }),
      };
    } finally {
      if (ticket === this.#reading) {
        this.progress = undefined;
        if ((this.rejection = rejection)) this.setValueFromUser(undefined, true);
      }
    }
  }

  #read(file: File, ticket: number): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onprogress = (e) => {
        if (ticket === this.#reading && e.lengthComputable) this.progress = e.loaded / e.total;
      };
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('read'));
      reader.readAsArrayBuffer(file);
    });
  }

  #onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // The input is only a picker: the chosen file lives in the value, so a refused one is gone.
    input.value = '';
    if (file) void this.#take(file);
  }

  #removeFile(): void {
    this.rejection = undefined;
    this.#reading++;
    this.progress = undefined;
    this.setValueFromUser(undefined, true);
    void this.updateComplete.then(() => this.focus());
  }

  override formResetCallback(): void {
    this.rejection = undefined;
    this.#reading++;
    this.progress = undefined;
    super.formResetCallback();
  }

  protected renderControl(describedBy: string): TemplateResult {
    const value = this.value;
    const name = value?.file.name ?? '';
    return html`<input
        id="control"
        part="control"
        type="file"
        accept=${this.accept || nothing}
        ?required=${this.required && !value}
        ?disabled=${this.inactive}
        aria-invalid=${this.showsError ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        @change=${this.#onChange}
      />
      ${
        this.progress === undefined
          ? nothing
          : html`<progress
              part="progress"
              max="1"
              value=${this.progress < 0 ? nothing : this.progress}
              aria-label=${msg('Wczytywanie pliku', { id: 'file.reading' })}
            ></progress>`
      }
      ${
        value
          ? html`<div class="choice file" part="file">
              <span>${name} (${formatSize(value.file.size)})</span>
              <button type="button" part="remove" ?disabled=${this.inactive} @click=${this.#removeFile}>
                ${msg(str`Usuń plik ${name}`, { id: 'file.remove' })}
              </button>
            </div>`
          : nothing
      }`;
  }
}
define('ebok-file-field', EbokFileField);

declare global {
  interface HTMLElementTagNameMap {
    'ebok-file-field': EbokFileField;
  }
}
