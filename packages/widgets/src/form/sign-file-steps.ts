import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { expectedSigners } from '@ebok/forms-core/runtime/base';
import { getAt, submittable } from './data.js';
import type { Answers } from './signed-file.js';

/** A person who must sign, as the answers name them. */
export interface FileSigner {
  readonly pointer: string;
  readonly name: string;
}

/**
 * The people who must sign, as the intake server will expect them (`expectedSigners` of the
 * answers as they are sent): one person, or every co-owner where the procedure asks all of them.
 */
export function signersOf(journey: Answers): FileSigner[] {
  const signers = journey.model.procedure.signers;
  if (!signers?.length) return [];
  const data = submittable(journey.model.fields, journey.data);
  return expectedSigners(data, signers).map(({ pointer }) => {
    const person = (getAt(data, pointer) ?? {}) as Record<string, unknown>;
    const text = (key: string): string => (typeof person[key] === 'string' ? (person[key] as string) : '');
    const name = [text('givenNames'), text('surname')].filter(Boolean).join(' ') || text('companyName');
    return { pointer, name };
  });
}

/**
 * A link the city sets on the form or on the `<ebok-form>` around it (an attribute), if it is an
 * http(s) address; read here, so the code before signing does not carry it.
 */
export function cityLink(from: ParentNode, name: string): string | undefined {
  let root: Node = from as Node;
  for (;;) {
    const host = (root as ShadowRoot).host as Element | undefined;
    if (!host) return undefined;
    const value = host.getAttribute(name);
    if (value) {
      try {
        const url = new URL(value, document.baseURI);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
      } catch {
        return undefined;
      }
    }
    root = host.getRootNode();
  }
}

export const kilobytes = (n: number): string => `${Math.max(1, Math.round(n / 1024))} kB`;

/** The second step of signing with a file: how to sign, with the city's pages on it where it has them. */
export function renderSignStep(qualified: string | undefined, personal: string | undefined): TemplateResult {
  return html`
    <h3>${msg('Podpisz pobrany plik', { id: 'sign-file.sign-title' })}</h3>
    <p>
      ${msg(
        'Podpisz go, nie zmieniając go: podpisem zaufanym w usłudze podpisywania dokumentów na gov.pl, w aplikacji do e-dowodu (podpis osobisty) albo w swojej aplikacji do podpisu kwalifikowanego. Zapisz podpisany plik: PDF z podpisem (PAdES), plik .xml (XAdES) albo plik .p7s (CAdES).',
        { id: 'sign-file.how' },
      )}
    </p>
    ${
      qualified || personal
        ? html`<ul>
            ${
              qualified
                ? html`<li>
                    <a href=${qualified} target="_blank" rel="noopener"
                      >${msg('Jak podpisać podpisem kwalifikowanym', { id: 'sign-file.qualified-help' })}</a
                    >
                  </li>`
                : nothing
            }
            ${
              personal
                ? html`<li>
                    <a href=${personal} target="_blank" rel="noopener"
                      >${msg('Jak podpisać podpisem osobistym (e-dowód)', { id: 'sign-file.personal-help' })}</a
                    >
                  </li>`
                : nothing
            }
          </ul>`
        : nothing
    }
  `;
}

/** What the step that takes the signed files shows and does. */
export interface DropZone {
  readonly files: readonly File[];
  /** Everyone who must sign; more than one: a file from each, several taken at once. */
  readonly signers: readonly FileSigner[];
  readonly error: string | undefined;
  readonly busy: boolean;
  /** No document to sign yet: nothing to take. */
  readonly disabled: boolean;
  onFiles(files: readonly File[]): void;
  onRemove(index: number): void;
}

const ACCEPT =
  '.pdf,.xml,.p7s,.p7m,application/pdf,application/xml,text/xml,application/pkcs7-signature,application/pkcs7-mime';

/** The third step of signing with a file: who signs, and the file input or drop zone taking their files. */
export function renderDropZone(zone: DropZone): TemplateResult {
  const several = zone.signers.length > 1;
  const { error } = zone;
  const list = (files: FileList | null | undefined): void => zone.onFiles(files ? [...files] : []);
  return html`
    <h3>
      ${
        several
          ? msg('Dodaj podpisane pliki', { id: 'sign-file.add-title-several' })
          : msg('Dodaj podpisany plik', { id: 'sign-file.add-title' })
      }
    </h3>
    ${
      several
        ? html`<p id="signed-file-signers-intro">
              ${msg(
                'Wniosek muszą podpisać wszystkie te osoby, każda osobno i swoim podpisem. Dodaj plik podpisany przez każdą z nich:',
                { id: 'sign-file.who-must-sign' },
              )}
            </p>
            <ul class="signers" aria-labelledby="signed-file-signers-intro">
              ${zone.signers.map((s) => html`<li>${s.name}</li>`)}
            </ul>`
        : nothing
    }
    <div
      class="drop-zone ${error ? 'invalid' : ''}"
      @dragover=${(e: DragEvent) => {
        e.preventDefault();
        (e.currentTarget as HTMLElement).classList.add('over');
      }}
      @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('over')}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        (e.currentTarget as HTMLElement).classList.remove('over');
        if (!zone.disabled && !zone.busy) list(e.dataTransfer?.files);
      }}
    >
      <label for="signed-file">
        ${
          several
            ? msg('Podpisane wnioski (PDF, .xml albo .p7s)', { id: 'sign-file.label-several' })
            : msg('Podpisany wniosek (PDF, .xml albo .p7s)', { id: 'sign-file.label' })
        }
      </label>
      <p class="hint" id="signed-file-hint">
        ${
          several
            ? msg('Wybierz pliki albo przeciągnij je tutaj. Możesz dodać kilka naraz.', {
                id: 'sign-file.hint-several',
              })
            : msg('Wybierz plik albo przeciągnij go tutaj.', { id: 'sign-file.hint' })
        }
      </p>
      ${error ? html`<p class="field-error" id="signed-file-error">${error}</p>` : nothing}
      <input
        type="file"
        id="signed-file"
        accept=${ACCEPT}
        ?multiple=${several}
        aria-describedby="signed-file-hint ${error ? 'signed-file-error' : ''}"
        aria-invalid=${error ? 'true' : 'false'}
        ?disabled=${zone.busy || zone.disabled}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          list(input.files);
          // The same file may be chosen again after it was removed.
          input.value = '';
        }}
      />
      ${several ? renderList(zone) : renderOne(zone.files[0])}
    </div>
  `;
}

function renderOne(file: File | undefined): TemplateResult | typeof nothing {
  return file
    ? html`<p class="added">
        ${msg(str`Dodany plik: ${file.name} (${kilobytes(file.size)})`, { id: 'sign-file.chosen' })}
      </p>`
    : nothing;
}

function renderList(zone: DropZone): TemplateResult | typeof nothing {
  if (zone.files.length === 0) return nothing;
  return html`
    <p class="added-count" id="signed-files-count">
      ${msg(str`Dodane pliki: ${zone.files.length} z ${zone.signers.length}`, { id: 'sign-file.added-count' })}
    </p>
    <ul class="added-files" aria-labelledby="signed-files-count">
      ${zone.files.map(
        (file, i) => html`
          <li class="added">
            <span>${msg(str`Dodany plik: ${file.name} (${kilobytes(file.size)})`, { id: 'sign-file.chosen' })}</span>
            <button type="button" class="link" ?disabled=${zone.busy} @click=${() => zone.onRemove(i)}>
              ${msg(str`Usuń plik ${file.name}`, { id: 'sign-file.remove' })}
            </button>
          </li>
        `,
      )}
    </ul>
  `;
}
