import { html, type TemplateResult } from 'lit';

/** A page's heading: it names the form's section, and takes the focus when the resident comes to the page. */
export const renderHeading = (text: string): TemplateResult => html`<h2 id="title" tabindex="-1">${text}</h2>`;
