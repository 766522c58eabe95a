import { css } from 'lit';

/** The list of applications and their timelines, over the journey's look. */
export const applicationsStyles = css`
  .applications {
    list-style: none;
    padding: 0;
  }
  .application {
    border-top: 4px solid var(--ebok-color-border, #b1b4b6);
    margin-bottom: 2rem;
  }
  .summary {
    grid-template-columns: minmax(8rem, 1fr) 2fr;
    margin-bottom: 1rem;
  }
  .timeline {
    border-inline-start: 4px solid var(--ebok-color-border, #b1b4b6);
    padding-inline-start: 1.5rem;
    list-style: none;
  }
  .timeline li {
    margin-bottom: 0.75rem;
  }
  time {
    display: block;
    font-weight: 700;
  }
  summary {
    cursor: pointer;
    color: var(--ebok-color-link, #1d70b8);
    text-decoration: underline;
  }
  h3:focus,
  .none:focus,
  summary:focus-visible {
    outline: 3px solid var(--ebok-color-focus, #ffbf47);
  }
  .downloads {
    margin-top: 1rem;
  }
  .letter {
    white-space: pre-wrap;
    border-inline-start: 10px solid var(--ebok-color-border, #b1b4b6);
    padding: 0.5rem 1rem;
  }
`;
