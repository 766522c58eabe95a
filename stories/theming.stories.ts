import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/controls/index.js';
import { reach } from './support/journey.js';
import { say } from './support/lang.js';

export default { title: 'Theming' } satisfies Meta;

// A city's own look: the CSS custom properties reach through every shadow root. Colours keep
// WCAG AA contrast (4.5:1 for text, 3:1 for borders and focus) against their backgrounds.
const cityTheme = html`<style>
  .city {
    --ebok-font-family: Georgia, 'Times New Roman', serif;
    --ebok-color-text: #1d1d3a;
    --ebok-color-hint: #47476b;
    --ebok-color-border: #5b2a86;
    --ebok-color-accent: #5b2a86;
    --ebok-color-focus: #ffbf47;
    --ebok-color-link: #5b2a86;
    --ebok-color-button: #5b2a86;
    --ebok-color-button-hover: #44206a;
    --ebok-color-button-text: #ffffff;
    --ebok-color-panel: #5b2a86;
    --ebok-color-panel-text: #ffffff;
    --ebok-radius: 0.5rem;
    --ebok-max-width: 40rem;
  }
  /* ::part styles one part of a control from the page, and nothing else inside it. */
  .city ebok-text-field::part(label),
  .city ebok-identifier-field::part(label) {
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .city ebok-text-field::part(control),
  .city ebok-identifier-field::part(control) {
    border-width: 3px;
    background: #f7f3fb;
  }
  .city ebok-identifier-field::part(error) {
    border-left: 4px solid currentColor;
    padding-left: 0.5rem;
  }
</style>`;

/** Field controls themed by custom properties and `::part(label | hint | error | control)`. */
export const Controls: StoryObj = {
  render: () =>
    html`${cityTheme}
      <div class="city">
        <ebok-text-field
          label=${say({ pl: 'Nazwisko', en: 'Surname', uk: 'Прізвище' })}
          hint=${say({ pl: 'Tak jak w dowodzie osobistym.', en: 'As on your identity card.', uk: 'Як у посвідченні особи.' })}
          required
          .value=${'Wiśniewska'}
        ></ebok-text-field>
        <ebok-identifier-field
          format="pesel"
          label=${say({ pl: 'Numer PESEL', en: 'PESEL number', uk: 'Номер PESEL' })}
          required
          .value=${'44051401358'}
          error=${say({
            pl: 'Numer PESEL jest nieprawidłowy: sprawdź cyfry.',
            en: 'The PESEL number is not valid: check the digits.',
            uk: 'Номер PESEL недійсний: перевірте цифри.',
          })}
        ></ebok-identifier-field>
        <ebok-checkbox
          label=${say({ pl: 'Chcę dostać odpowiedź e-mailem', en: 'Reply by e-mail', uk: 'Відповідь електронною поштою' })}
          .value=${true}
        ></ebok-checkbox>
      </div>`,
};

/** A whole procedure in the city's colours and font: custom properties only, set once on a container. */
export const Procedure: StoryObj = {
  loaders: [async () => ({ el: await reach('wso-wymeldowanie-stale', { step: 'person' }) })],
  render: (_args, { loaded }) =>
    html`${cityTheme}
      <div class="city">${loaded['el']}</div>`,
};
