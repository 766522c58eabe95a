/** @module The console shell's own styles: its header, navigation and live region, over the console's. */
import { css } from 'lit';
import { consoleStyles } from './styles.js';

export const shellStyles = [
  consoleStyles,
  css`
    :host {
      min-height: 100vh;
      font-family: var(--ebok-font-family, system-ui, sans-serif);
      color: var(--ebok-color-text, #1b1b1b);
      line-height: 1.5;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.75rem 1.5rem;
      border-block-end: 2px solid #5c5c5c;
    }
    .office {
      font-weight: 700;
      font-size: 1.125rem;
      margin: 0;
    }
    .who {
      margin: 0;
    }
    nav.main ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      list-style: none;
      margin: 0;
      padding: 0.75rem 1.5rem;
      border-block-end: 1px solid #767676;
    }
    nav.main a[aria-current='page'] {
      font-weight: 700;
      text-decoration-thickness: 3px;
    }
    main {
      padding: 1.5rem;
      max-width: 72rem;
    }
    main:focus {
      outline: none;
    }
    .announcement {
      margin: 0 1.5rem;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--ebok-color-accent, #0b57d0);
    }
    .announcement:empty {
      display: none;
    }
    .skip {
      position: absolute;
      inset-inline-start: 0.5rem;
      inset-block-start: -3rem;
      background: #fff;
      padding: 0.25rem 0.5rem;
    }
    .skip:focus {
      inset-block-start: 0.5rem;
    }
    button[aria-pressed='true'] {
      color: #fff;
      background: var(--ebok-color-accent, #0b57d0);
      border-color: var(--ebok-color-accent, #0b57d0);
    }
    @media print {
      :host {
        min-height: 0;
      }
      header,
      nav.main,
      .announcement,
      .skip {
        display: none !important;
      }
      main {
        padding: 0;
        max-width: none;
      }
    }
  `,
];
