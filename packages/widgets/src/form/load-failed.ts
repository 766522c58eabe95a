import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** Whether the code of the page shown could not come, and a way to try again (journey.ts). */
export interface LoadingJourney {
  readonly loadFailed: boolean;
  retryLoad(): void;
}

/**
 * What a page shows in place of its code when that could not be loaded (a lost connection): what
 * happened and a way to try again; with `back`, also the way back, for a page that has no
 * buttons of its own without its code. Nothing while the code is still on its way.
 */
export function renderLoadFailed(journey: LoadingJourney, back?: () => void): TemplateResult | typeof nothing {
  if (!journey.loadFailed) return nothing;
  return html`<div class="error-summary load-failed" role="alert" tabindex="-1">
      <p>
        ${msg('Nie udało się wczytać tej części formularza. Sprawdź połączenie z internetem i spróbuj ponownie.', {
          id: 'journey.load-failed',
        })}
      </p>
      <button class="primary" @click=${() => journey.retryLoad()}>
        ${msg('Spróbuj ponownie', { id: 'journey.load-retry' })}
      </button>
    </div>
    ${
      back
        ? html`<div class="actions">
            <button class="link" @click=${back}>${msg('Wstecz', { id: 'journey.back' })}</button>
          </div>`
        : nothing
    }`;
}
