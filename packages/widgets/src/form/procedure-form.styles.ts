import { css } from 'lit';

/** The journey's look: plain, large targets and GOV.UK-like patterns; themeable by `--ebok-*`. */
export const journeyStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--ebok-max-width, 40rem);
    color: var(--ebok-color-text, #0b0c0c);
    background: var(--ebok-color-background, #ffffff);
    font-family: var(--ebok-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--ebok-font-size, 1rem);
    line-height: 1.5;
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 1rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.6em;
  }
  h3 {
    font-size: 1.2em;
    margin-top: 1.5rem;
  }
  h2:focus,
  .error-summary:focus,
  .panel:focus {
    outline: 3px solid var(--ebok-color-focus, #ffbf47);
    outline-offset: 2px;
  }
  p,
  ul,
  ol,
  dl {
    margin: 0 0 1rem;
  }
  .caption {
    display: block;
    color: var(--ebok-color-secondary-text, #505a5f);
    font-size: 1rem;
    margin-bottom: 0.25rem;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    padding: 0;
    list-style: none;
    font-size: 0.9em;
    color: var(--ebok-color-secondary-text, #505a5f);
  }
  .progress [aria-current='step'] {
    color: var(--ebok-color-text, #0b0c0c);
    font-weight: 700;
  }
  .fields > * {
    margin-bottom: 1.5rem;
  }
  fieldset.group {
    border: 0;
    margin: 0 0 1.5rem;
    padding: 0;
    min-width: 0;
  }
  fieldset.group > legend {
    font-weight: 700;
    font-size: 1.15em;
    margin-bottom: 0.5rem;
    padding: 0;
  }
  fieldset.group > .group-fields {
    border-inline-start: 4px solid var(--ebok-color-border, #b1b4b6);
    padding-inline-start: 1rem;
  }
  .hint {
    color: var(--ebok-color-secondary-text, #505a5f);
    margin-bottom: 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: center;
    margin-top: 2rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 0;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
  }
  button.primary {
    color: var(--ebok-color-button-text, #ffffff);
    background: var(--ebok-color-button, #00703c);
    border: 2px solid transparent;
    box-shadow: 0 2px 0 var(--ebok-color-button-shadow, #002d18);
    font-weight: 600;
  }
  button.primary:hover {
    background: var(--ebok-color-button-hover, #005a30);
  }
  button.secondary {
    color: var(--ebok-color-text, #0b0c0c);
    background: var(--ebok-color-secondary-button, #f3f2f1);
    border: 2px solid transparent;
    box-shadow: 0 2px 0 #929191;
  }
  button.link {
    color: var(--ebok-color-link, #1d70b8);
    background: none;
    border: 0;
    padding: 0;
    min-height: auto;
    text-decoration: underline;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--ebok-color-focus, #ffbf47);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--ebok-color-focus-text, #0b0c0c);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  a {
    color: var(--ebok-color-link, #1d70b8);
  }
  .error-summary {
    border: 5px solid var(--ebok-color-error, #d4351c);
    padding: 1rem;
    margin-bottom: 2rem;
  }
  .error-summary h3 {
    margin-top: 0;
  }
  .error-summary ul {
    padding-inline-start: 1.25rem;
  }
  .error-summary button.link {
    color: var(--ebok-color-error, #d4351c);
    font-weight: 700;
  }
  .notice {
    border-inline-start: 10px solid var(--ebok-color-border, #b1b4b6);
    padding: 0.5rem 1rem;
    margin-bottom: 1.5rem;
  }
  .notice.warning {
    border-color: var(--ebok-color-warning, #f47738);
  }
  .summary {
    display: grid;
    grid-template-columns: minmax(8rem, 1fr) 2fr auto;
    gap: 0;
    margin-bottom: 2rem;
  }
  .summary > div {
    display: contents;
  }
  .summary dt,
  .summary dd {
    margin: 0;
    padding: 0.6rem 0.5rem 0.6rem 0;
    border-bottom: 1px solid var(--ebok-color-border, #b1b4b6);
    overflow-wrap: anywhere;
  }
  .summary dt {
    font-weight: 700;
  }
  @media (max-width: 30rem) {
    .summary {
      grid-template-columns: 1fr;
    }
    .summary dt {
      border-bottom: 0;
      padding-bottom: 0;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: 0;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
