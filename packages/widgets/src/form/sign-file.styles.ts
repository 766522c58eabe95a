// The file way's own few rules, adopted by the form's shadow root when first shown: the code before
// signing does not carry them.
let sheet: CSSStyleSheet | undefined;
export function adoptStyles(root: ParentNode): void {
  if (!(root instanceof ShadowRoot)) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      .sign-way { border: 0; margin: 0 0 1.5rem; padding: 0; }
      .sign-way legend { font-weight: 600; margin-bottom: 0.5rem; }
      .sign-way label { display: flex; gap: 0.75rem; align-items: flex-start; margin-bottom: 0.75rem; }
      .sign-way input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: var(--ebok-color-text, #0b0c0c); }
      .sign-way input:focus-visible, .drop-zone input:focus-visible { outline: 3px solid var(--ebok-color-focus, #ffbf47); outline-offset: 2px; }
      .sign-way .hint { display: block; margin: 0; }
      .sign-file-steps { padding-inline-start: 1.5rem; }
      .sign-file-steps > li { margin-bottom: 1.5rem; }
      .sign-file-steps h3 { margin: 0 0 0.5rem; }
      .drop-zone { border: 2px dashed var(--ebok-color-border, #b1b4b6); padding: 1rem; }
      .drop-zone.over { border-color: var(--ebok-color-link, #1d70b8); background: var(--ebok-color-panel-light, #f3f8fc); }
      .drop-zone.invalid { border-color: var(--ebok-color-error, #d4351c); }
      .drop-zone label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
      .drop-zone .field-error { color: var(--ebok-color-error, #d4351c); font-weight: 600; margin: 0 0 0.5rem; }
      .added-files { list-style: none; padding: 0; margin: 0.75rem 0 0; }
      .added-files li { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; margin-bottom: 0.5rem; }
    `);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
