import { css } from 'lit';
import { controlStyles } from '@ebok/widgets/shared';

/**
 * The console's own layout on top of the widgets' control styles (inputs, buttons, the focus
 * ring): every colour passes WCAG AA on white, text 4.5:1 and borders 3:1.
 */
export const consoleStyles = [
  controlStyles,
  css`
    :host {
      display: block;
      margin: 0;
    }
    h1,
    h2,
    h3 {
      line-height: 1.25;
      margin-block: 0 0.75rem;
    }
    h1 {
      font-size: 1.75rem;
    }
    h2 {
      font-size: 1.375rem;
    }
    a {
      color: var(--ebok-color-accent, #0b57d0);
    }
    button.primary {
      color: #fff;
      background: var(--ebok-color-accent, #0b57d0);
      border-color: var(--ebok-color-accent, #0b57d0);
    }
    a.button {
      display: inline-block;
      padding: 0.375rem 0.75rem;
      color: #fff;
      background: var(--ebok-color-accent, #0b57d0);
      border: 2px solid var(--ebok-color-accent, #0b57d0);
      border-radius: var(--ebok-radius, 0.25rem);
      text-decoration: none;
    }
    a.button:focus-visible {
      outline: 3px solid var(--ebok-color-focus, #0b57d0);
      outline-offset: 2px;
    }
    button.link {
      border: 0;
      padding: 0;
      text-decoration: underline;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .error {
      color: var(--ebok-color-error, #b3261e);
      font-weight: 600;
    }
    .muted {
      color: var(--ebok-color-hint, #4b4b4b);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      margin-block-end: 1rem;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.5rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.5rem;
      border-block-end: 1px solid #767676;
    }
    th {
      font-weight: 600;
    }
    td.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0 0 1rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .state-overdue {
      color: var(--ebok-color-error, #b3261e);
      font-weight: 600;
    }
    .state-due-soon {
      color: var(--ebok-color-warning, #8a5300);
      font-weight: 600;
    }
    dialog {
      max-width: min(36rem, calc(100vw - 2rem));
      width: 100%;
      border: 2px solid #5c5c5c;
      border-radius: var(--ebok-radius, 0.25rem);
      padding: 1.5rem;
      color: inherit;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
  `,
];

/** A screen's form: its layout, fieldsets, and the error summary above it (error-summary.ts). */
export const formStyles = css`
  form {
    display: grid;
    gap: 0.25rem;
    max-width: 44rem;
  }
  fieldset {
    border: 1px solid #767676;
    border-radius: var(--ebok-radius, 0.25rem);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .summary {
    border: 3px solid var(--ebok-color-error, #b3261e);
    padding: 0.75rem 1rem;
    margin-block-end: 1rem;
  }
  .summary:focus {
    outline: 3px solid var(--ebok-color-focus, #0b57d0);
    outline-offset: 2px;
  }
  .summary h2 {
    font-size: 1.125rem;
  }
`;
