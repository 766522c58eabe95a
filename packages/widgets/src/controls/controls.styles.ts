import { css } from 'lit';

/**
 * The one style sheet of every field control. Everything is set here rather than inherited from
 * the page (shadow DOM keeps page CSS out), and every colour is a custom property with a default
 * that passes WCAG AA on white: text 4.5:1, borders and the focus ring 3:1.
 */
export const controlStyles = css`
  :host {
    display: block;
    margin-block-end: var(--ebok-space, 1.5rem);
    color: var(--ebok-color-text, #1b1b1b);
    font-family: var(--ebok-font-family, system-ui, sans-serif);
    font-size: var(--ebok-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .label,
  legend {
    display: block;
    padding: 0;
    margin-block-end: 0.25rem;
    font-weight: 600;
  }
  .optional {
    font-weight: 400;
  }
  .hint,
  .status {
    margin-block-end: 0.25rem;
    color: var(--ebok-color-hint, #4b4b4b);
  }
  .error {
    margin-block-end: 0.25rem;
    color: var(--ebok-color-error, #b3261e);
    font-weight: 600;
  }
  .warning {
    border-inline-start: 4px solid var(--ebok-color-warning, #8a5300);
    padding-inline-start: 0.5rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    max-width: 100%;
    padding: 0.375rem 0.5rem;
    background: var(--ebok-color-background, #fff);
    border: 2px solid var(--ebok-color-border, #5c5c5c);
    border-radius: var(--ebok-radius, 0.25rem);
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    display: block;
    width: var(--ebok-input-width, 100%);
  }
  [aria-invalid='true'] {
    border-color: var(--ebok-color-error, #b3261e);
  }
  input[type='checkbox'],
  input[type='radio'] {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--ebok-color-accent, #0b57d0);
  }
  .choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    margin-block: 0.375rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: 0.375rem 0.75rem;
    color: var(--ebok-color-accent, #0b57d0);
    background: var(--ebok-color-background, #fff);
    border: 2px solid currentColor;
    border-radius: var(--ebok-radius, 0.25rem);
  }
  :focus-visible {
    outline: 3px solid var(--ebok-color-focus, #0b57d0);
    outline-offset: 2px;
  }
  :disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
